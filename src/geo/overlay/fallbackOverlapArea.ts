import { clipperCoveredArea } from './clipperArea.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';

/**
 * Area in m² of A ∩ B by Clipper (integer coordinates, exact predicates: an answer for any valid
 * input, never an exception). The last resort for the rare pairs whose crossings `coveredArea`
 * finds inconsistent; callers count how often it is needed.
 */
export function fallbackOverlapArea(a: PreparedPolygon, b: PreparedPolygon): number {
  return clipperCoveredArea([a], b);
}
