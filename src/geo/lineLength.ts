import type { Position } from 'geojson';
import { segmentLength } from './segmentLength.ts';

/** Geodesic length in m of a sequence of [lon, lat] positions (a line or a closed ring). */
export function lineLength(positions: Position[]): number {
  let sum = 0;
  for (let i = 1; i < positions.length; i++) {
    const a = positions[i - 1];
    const b = positions[i];
    sum += segmentLength(a[0], a[1], b[0], b[1]);
  }
  return sum;
}
