import type Flatbush from 'flatbush';
import { coveredArea } from './coveredArea.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';

/**
 * Area in m² of A ∩ B for prepared polygons A and B (B with an index over its edges), by the
 * boundary integral of `coveredArea`: A's edges are geodesics, crossings are placed on them, so
 * the parts of A cut by regions that tile it add up to A's area. Shared edges and vertices are
 * resolved exactly (same-direction shared edges count once, opposite ones not at all). Null only
 * when the crossings fail their consistency checks, for the caller to use an exact clipper.
 */
export function overlapArea(a: PreparedPolygon, b: PreparedPolygon, bIndex: Flatbush | null): number | null {
  return coveredArea(b, bIndex, a);
}
