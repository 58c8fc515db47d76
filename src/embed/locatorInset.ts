/**
 * The locator inset: a thumbnail of the province with the city and the focused county marked, so
 * a reader far from Shanxi sees where the map is. Plain SVG, drawn once from the pack's context
 * and regions layer (no second WebGL map: it would cost a context and ~100 ms on a phone).
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

const SVG = 'http://www.w3.org/2000/svg';

function rings(geometry: Geometry | null): Position[][] {
  if (geometry?.type === 'Polygon') return geometry.coordinates;
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

interface InsetShapes {
  /** The outermost context (province); may be empty. */
  outer: readonly FeatureCollection[];
  /** Every region (county) of the pack: together the city. */
  regions: readonly Feature[];
  /** The focused county, if any. */
  focus: Feature | null;
}

/**
 * SVG path data for the shapes in a `size` × `size` box, lon scaled by cos(latitude) so the
 * province keeps its proportions. Vertices closer than 0.7 px to the last kept one are dropped.
 */
export function insetPaths(shapes: InsetShapes, size: number): { viewBox: string; outer: string; city: string; focus: string } {
  const all = [...shapes.outer.flatMap((c) => c.features), ...shapes.regions];
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of all) {
    for (const ring of rings(f.geometry)) {
      for (const [x, y] of ring) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
    }
  }
  if (!Number.isFinite(w)) return { viewBox: `0 0 ${size} ${size}`, outer: '', city: '', focus: '' };
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = (size - 4) / Math.max((e - w) * k, n - s);
  const dx = (size - (e - w) * k * scale) / 2;
  const dy = (size - (n - s) * scale) / 2;
  const path = (features: readonly Feature[]): string => {
    const parts: string[] = [];
    for (const f of features) {
      for (const ring of rings(f.geometry)) {
        let last: [number, number] | null = null;
        let d = '';
        for (const [x, y] of ring) {
          const px = dx + (x - w) * k * scale;
          const py = dy + (n - y) * scale;
          if (last && Math.hypot(px - last[0], py - last[1]) < 0.7) continue;
          d += `${d ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`;
          last = [px, py];
        }
        if (d) parts.push(`${d}Z`);
      }
    }
    return parts.join('');
  };
  return {
    viewBox: `0 0 ${size} ${size}`,
    outer: path(shapes.outer.flatMap((c) => c.features)),
    city: path(shapes.regions),
    focus: shapes.focus ? path([shapes.focus]) : '',
  };
}

/** The inset as an SVG element with a text alternative. */
export function locatorInset(shapes: InsetShapes, label: string, size = 64): SVGSVGElement {
  const paths = insetPaths(shapes, size);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'embed-inset');
  svg.setAttribute('viewBox', paths.viewBox);
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  svg.append(title);
  for (const [d, className] of [
    [paths.outer, 'embed-inset-outer'],
    [paths.city, 'embed-inset-city'],
    [paths.focus, 'embed-inset-focus'],
  ]) {
    if (!d) continue;
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('class', className);
    svg.append(path);
  }
  return svg;
}
