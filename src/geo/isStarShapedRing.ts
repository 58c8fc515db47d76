import type { FlatRings } from './flatRings.ts';

/**
 * A quick certificate that ring r of `flat` is simple: seen from the average of its vertices,
 * every edge turns the same way (by clearly less than half a turn) and the ring goes round
 * exactly once. Then every ray from that point meets the ring once, so no two edges can cross.
 * Linear time, no allocation; false only means "not proven here" (run the full sweep).
 * Drawn zones and parcels are usually star-shaped; county boundaries are not.
 */
export function isStarShapedRing(flat: FlatRings, r: number): boolean {
  const start = flat.ringStart[r];
  const end = flat.ringEnd[r];
  const n = end - start;
  if (n < 3) return false;
  const { xs, ys } = flat;
  let cx = 0;
  let cy = 0;
  for (let v = start; v < end; v++) {
    cx += xs[v];
    cy += ys[v];
  }
  cx /= n;
  cy /= n;
  let sign = 0;
  let turns = 0;
  let ax = xs[end - 1] - cx;
  let ay = ys[end - 1] - cy;
  for (let v = start; v < end; v++) {
    const bx = xs[v] - cx;
    const by = ys[v] - cy;
    const cross = ax * by - ay * bx;
    // Clearly non-zero: far above the rounding error of the products (~1e-16 of them).
    const margin = 1e-9 * (Math.abs(ax * by) + Math.abs(ay * bx));
    if (!(Math.abs(cross) > margin)) return false;
    const s = cross > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
    // Passing the ray from the centre towards +x (half-open in y).
    if (ay < 0 !== by < 0) {
      const x = ax + ((bx - ax) * -ay) / (by - ay);
      if (x > 0) turns++;
    }
    ax = bx;
    ay = by;
  }
  return turns === 1;
}
