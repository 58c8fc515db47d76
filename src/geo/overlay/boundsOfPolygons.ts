import type { PreparedPolygon } from './preparedPolygon.ts';

/** The box around prepared polygons (lon/lat degrees). */
export function boundsOfPolygons(polygons: readonly PreparedPolygon[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of polygons) {
    minX = Math.min(minX, p.minX);
    minY = Math.min(minY, p.minY);
    maxX = Math.max(maxX, p.maxX);
    maxY = Math.max(maxY, p.maxY);
  }
  return { minX, minY, maxX, maxY };
}
