import { orient2d } from 'robust-predicates';

/**
 * Exact orientation of c relative to the directed line a→b: positive when c lies to the left
 * (a, b, c counter-clockwise), negative to the right, zero only when exactly collinear.
 * robust-predicates returns the opposite sign of Shewchuk's convention, hence the minus.
 */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return -orient2d(ax, ay, bx, by, cx, cy);
}
