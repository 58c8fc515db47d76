/**
 * Clips polylines to a polygon (planar lon/lat, fine at city scale): splits every segment where it
 * crosses a polygon edge and keeps the pieces whose midpoint lies inside.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';

export type Rings = Position[][];

export function pointInRings(p: Position, rings: Rings): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Point-in-polygon for a Polygon / MultiPolygon coordinate array. */
export function pointInPolygons(p: Position, polygons: Rings[]): boolean {
  return polygons.some((rings) => pointInRings(p, rings));
}

interface Edge {
  a: Position;
  b: Position;
}

export class LineClipper {
  private readonly edges: Edge[] = [];
  private readonly index: Flatbush;

  constructor(private readonly polygons: Rings[]) {
    for (const rings of polygons) {
      for (const ring of rings) {
        for (let i = 0; i < ring.length - 1; i++) this.edges.push({ a: ring[i], b: ring[i + 1] });
      }
    }
    this.index = new Flatbush(this.edges.length);
    for (const { a, b } of this.edges) {
      this.index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    }
    this.index.finish();
  }

  contains(p: Position): boolean {
    return pointInPolygons(p, this.polygons);
  }

  /** Parameters t in (0, 1) where segment p→q crosses polygon edges. */
  private crossings(p: Position, q: Position): number[] {
    const ts: number[] = [];
    const rx = q[0] - p[0];
    const ry = q[1] - p[1];
    for (const k of this.index.search(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]))) {
      const { a, b } = this.edges[k];
      const sx = b[0] - a[0];
      const sy = b[1] - a[1];
      const denom = rx * sy - ry * sx;
      if (denom === 0) continue;
      const t = ((a[0] - p[0]) * sy - (a[1] - p[1]) * sx) / denom;
      const u = ((a[0] - p[0]) * ry - (a[1] - p[1]) * rx) / denom;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
    }
    return ts.sort((x, y) => x - y);
  }

  /** The parts of a polyline inside the polygon. */
  clip(line: Position[]): Position[][] {
    const out: Position[][] = [];
    let current: Position[] | null = null;
    const flush = (): void => {
      if (current && current.length >= 2) out.push(current);
      current = null;
    };
    for (let i = 0; i < line.length - 1; i++) {
      const p = line[i];
      const q = line[i + 1];
      const ts = [0, ...this.crossings(p, q), 1];
      for (let k = 0; k < ts.length - 1; k++) {
        const t0 = ts[k];
        const t1 = ts[k + 1];
        if (t1 - t0 < 1e-12) continue;
        const at = (t: number): Position => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
        const mid = at((t0 + t1) / 2);
        if (this.contains(mid)) {
          const start = t0 === 0 ? p : at(t0);
          const end = t1 === 1 ? q : at(t1);
          if (!current) current = [start];
          current.push(end);
        } else {
          flush();
        }
      }
    }
    flush();
    return out;
  }
}
