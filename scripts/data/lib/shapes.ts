/**
 * Shape generators for the schematic layers: polygons around a stretch of a river line (lakes,
 * riverside wetland parks, spring-outflow zones), circles of a given area, and positions along
 * lines. Metric work uses a local equirectangular frame around the shape (error < 0.1 % at city
 * scale); areas are checked with the ellipsoidal area afterwards.
 */
import type { Polygon, Position } from 'geojson';
import { ringAreaM2 } from './ellipsoidal-area.ts';

const M_PER_DEG = 111_320;

function frame(lat0: number): { kx: number; ky: number } {
  return { kx: Math.cos((lat0 * Math.PI) / 180) * M_PER_DEG, ky: M_PER_DEG };
}

export function segmentLengthM(a: Position, b: Position): number {
  const { kx, ky } = frame((a[1] + b[1]) / 2);
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * ky);
}

export function lineLengthM(line: Position[]): number {
  let s = 0;
  for (let i = 0; i < line.length - 1; i++) s += segmentLengthM(line[i], line[i + 1]);
  return s;
}

/** The part of a line between two distances along it (metres from its first position). */
export function subLine(line: Position[], fromM: number, toM: number): Position[] {
  const out: Position[] = [];
  let acc = 0;
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i];
    const b = line[i + 1];
    const len = segmentLengthM(a, b);
    const at = (d: number): Position => {
      const t = len === 0 ? 0 : (d - acc) / len;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    };
    if (acc + len >= fromM && acc <= toM) {
      if (out.length === 0) out.push(fromM >= acc ? at(fromM) : a);
      if (toM <= acc + len) {
        out.push(at(toM));
        return out;
      }
      out.push(b);
    }
    acc += len;
  }
  return out;
}

/** Nearest point on a line and its distance along the line (metres). */
export function nearestOnLine(line: Position[], p: Position): { point: Position; alongM: number; distM: number } {
  let best = { point: line[0], alongM: 0, distM: Infinity };
  let acc = 0;
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i];
    const b = line[i + 1];
    const { kx, ky } = frame(a[1]);
    const bx = (b[0] - a[0]) * kx;
    const by = (b[1] - a[1]) * ky;
    const px = (p[0] - a[0]) * kx;
    const py = (p[1] - a[1]) * ky;
    const len2 = bx * bx + by * by;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
    const d = Math.hypot(px - t * bx, py - t * by);
    if (d < best.distM) best = { point: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], alongM: acc + t * Math.sqrt(len2), distM: d };
    acc += Math.sqrt(len2);
  }
  return best;
}

/** Resamples a line every `stepM` metres (keeps both ends). */
function resample(line: Position[], stepM: number): Position[] {
  const total = lineLengthM(line);
  const n = Math.max(2, Math.ceil(total / stepM) + 1);
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const d = (total * i) / (n - 1);
    const piece = subLine(line, d, d);
    out.push(piece[0] ?? line[line.length - 1]);
  }
  return out;
}

/**
 * A closed band around a line, `widthM` wide in the middle and narrowing to `endWidthRatio` of
 * that at both ends (a lake or riverside park follows the valley). Offsets use smoothed normals
 * so the band does not fold at bends sharper than its width.
 */
export function bandAroundLine(line: Position[], widthM: number, endWidthRatio = 0.35): Polygon {
  const pts = resample(line, Math.max(widthM / 2, 50));
  const lat0 = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const { kx, ky } = frame(lat0);
  const xy = pts.map((p) => [(p[0] - pts[0][0]) * kx, (p[1] - pts[0][1]) * ky]);
  const n = xy.length;
  const left: Position[] = [];
  const right: Position[] = [];
  for (let i = 0; i < n; i++) {
    // Direction from a few points around i: smooths the normal at bends.
    const a = xy[Math.max(0, i - 2)];
    const b = xy[Math.min(n - 1, i + 2)];
    let dx = b[0] - a[0];
    let dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    dx /= len;
    dy /= len;
    const s = n === 1 ? 0 : i / (n - 1);
    const half = (widthM / 2) * (endWidthRatio + (1 - endWidthRatio) * Math.sin(Math.PI * s));
    const toLonLat = (x: number, y: number): Position => [pts[0][0] + x / kx, pts[0][1] + y / ky];
    left.push(toLonLat(xy[i][0] - dy * half, xy[i][1] + dx * half));
    right.push(toLonLat(xy[i][0] + dy * half, xy[i][1] - dx * half));
  }
  const ring = [...left, ...right.reverse()];
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A band whose ellipsoidal area is `targetM2` (within 0.5 %), found by scaling the width. */
export function bandWithArea(line: Position[], targetM2: number, endWidthRatio = 0.35): Polygon {
  const lengthM = lineLengthM(line);
  let width = targetM2 / lengthM / 0.8;
  let band = bandAroundLine(line, width, endWidthRatio);
  for (let i = 0; i < 8; i++) {
    const area = ringAreaM2(band.coordinates[0]);
    if (Math.abs(area - targetM2) / targetM2 < 0.005) break;
    width *= targetM2 / area;
    band = bandAroundLine(line, width, endWidthRatio);
  }
  return band;
}

/** A 48-gon of the given area around a centre (an "extent unknown, size known" shape). */
export function circleWithArea(center: Position, areaM2: number, vertices = 48): Polygon {
  const r = Math.sqrt(areaM2 / (vertices / 2) / Math.sin((2 * Math.PI) / vertices));
  const { kx, ky } = frame(center[1]);
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const t = (2 * Math.PI * i) / vertices;
    ring.push([center[0] + (r * Math.cos(t)) / kx, center[1] + (r * Math.sin(t)) / ky]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}
