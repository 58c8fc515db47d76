import { orient } from '../orient.ts';

/**
 * Adds to `cuts` the parameters t in (0, 1) along p→q where it meets segment u→v: a crossing, a
 * touch, or the ends of a collinear overlap. Exact orientation tests decide whether they meet.
 */
export function addSegmentCuts(px: number, py: number, qx: number, qy: number, ux: number, uy: number, vx: number, vy: number, cuts: number[]): void {
  const o1 = orient(px, py, qx, qy, ux, uy);
  const o2 = orient(px, py, qx, qy, vx, vy);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0)) return;
  const o3 = orient(ux, uy, vx, vy, px, py);
  const o4 = orient(ux, uy, vx, vy, qx, qy);
  if ((o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) return;
  if (o1 === 0 && o2 === 0) {
    // Collinear: cut where the other segment's ends fall on p→q.
    const dx = qx - px;
    const dy = qy - py;
    const d2 = dx * dx + dy * dy;
    const tu = ((ux - px) * dx + (uy - py) * dy) / d2;
    const tv = ((vx - px) * dx + (vy - py) * dy) / d2;
    if (tu > 0 && tu < 1) cuts.push(tu);
    if (tv > 0 && tv < 1) cuts.push(tv);
    return;
  }
  if (o3 === o4) return; // both zero: only for a degenerate p = q
  const t = o3 / (o3 - o4);
  if (t > 0 && t < 1) cuts.push(t);
}
