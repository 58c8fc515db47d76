import type { Position } from 'geojson';
import { growFloat, growInt } from './growTypedArray.ts';

/**
 * Polygon rings copied into typed arrays: per ring its vertices without repeated consecutive
 * positions and without the closing position, so edge v runs from vertex v to `next(v)`.
 * Reused between calls (grow-only buffers) because validating thousands of small polygons is
 * dominated by allocation otherwise.
 */
export class FlatRings {
  xs = new Float64Array(256);
  ys = new Float64Array(256);
  ringStart = new Int32Array(16);
  ringEnd = new Int32Array(16);
  /** Part (polygon of a MultiPolygon) and ring number inside that polygon, for reporting. */
  ringPart = new Int32Array(16);
  ringIndex = new Int32Array(16);
  vertexCount = 0;
  ringCount = 0;
  /** West and east ends of all vertices. */
  minX = Infinity;
  maxX = -Infinity;

  clear(): this {
    this.vertexCount = 0;
    this.ringCount = 0;
    this.minX = Infinity;
    this.maxX = -Infinity;
    return this;
  }

  /**
   * Appends a closed ring. Returns -1, or the index of the first position that is not a finite
   * [lon, lat] inside ±180/±90 or whose edge jumps across the antimeridian; the ring is then not
   * added (the caller reports the problem).
   */
  addRing(coords: Position[], part: number, ring: number): number {
    this.reserve(this.vertexCount + coords.length, this.ringCount + 1);
    const { xs, ys } = this;
    const start = this.vertexCount;
    let v = start;
    const last = coords.length - 1;
    let px = 0;
    let minX = this.minX;
    let maxX = this.maxX;
    for (let i = 0; i <= last; i++) {
      const p = coords[i];
      if (!Array.isArray(p)) return i;
      const x = p[0];
      const y = p[1];
      // Written so that NaN and non-numbers fail too.
      if (typeof x !== 'number' || typeof y !== 'number' || !(x >= -180 && x <= 180 && y >= -90 && y <= 90)) return i;
      if (i > 0 && (x - px > 180 || px - x > 180)) return i;
      px = x;
      if (i === last || (v > start && xs[v - 1] === x && ys[v - 1] === y)) continue;
      xs[v] = x;
      ys[v] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      v++;
    }
    while (v - start > 1 && xs[v - 1] === xs[start] && ys[v - 1] === ys[start]) v--;
    const r = this.ringCount++;
    this.ringStart[r] = start;
    this.ringEnd[r] = v;
    this.ringPart[r] = part;
    this.ringIndex[r] = ring;
    this.vertexCount = v;
    this.minX = minX;
    this.maxX = maxX;
    return -1;
  }

  /** Appends every ring of valid polygons (outer ring first in each). */
  addPolygons(polygons: Position[][][]): this {
    for (let part = 0; part < polygons.length; part++) {
      const polygon = polygons[part];
      for (let ring = 0; ring < polygon.length; ring++) {
        if (this.addRing(polygon[ring], part, ring) !== -1) throw new RangeError(`invalid position in ring ${ring}`);
      }
    }
    return this;
  }

  private reserve(vertices: number, rings: number): void {
    if (vertices > this.xs.length) {
      const size = Math.max(vertices, this.xs.length * 2);
      this.xs = growFloat(this.xs, size, this.vertexCount);
      this.ys = growFloat(this.ys, size, this.vertexCount);
    }
    if (rings > this.ringStart.length) {
      const size = Math.max(rings, this.ringStart.length * 2);
      this.ringStart = growInt(this.ringStart, size, this.ringCount);
      this.ringEnd = growInt(this.ringEnd, size, this.ringCount);
      this.ringPart = growInt(this.ringPart, size, this.ringCount);
      this.ringIndex = growInt(this.ringIndex, size, this.ringCount);
    }
  }
}
