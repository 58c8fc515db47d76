import type Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { segmentLength } from '../segmentLength.ts';
import { crossingPoint } from './crossingPoint.ts';
import { locatePoint } from './locatePoint.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';
import { addSegmentCuts } from './segmentCuts.ts';

const from = new Float64Array(2);
const to = new Float64Array(2);

export interface IndexedRegion {
  polygon: PreparedPolygon;
  edges: Flatbush;
}

/**
 * Adds to `lengths[r]` the geodesic length of the parts of `line` inside region r. Each segment
 * is cut wherever it meets a region edge near it; every piece is placed by its midpoint. A piece
 * running exactly along a boundary goes to the first region (in input order) it borders, so
 * shared borders are not counted twice.
 */
export function addLineLengths(line: Position[], regions: IndexedRegion[], regionBoxes: Flatbush, lengths: Float64Array): void {
  const cuts: number[] = [];
  for (let i = 1; i < line.length; i++) {
    const px = line[i - 1][0];
    const py = line[i - 1][1];
    const qx = line[i][0];
    const qy = line[i][1];
    const minX = Math.min(px, qx);
    const minY = Math.min(py, qy);
    const maxX = Math.max(px, qx);
    const maxY = Math.max(py, qy);
    const candidates = regionBoxes.search(minX, minY, maxX, maxY);
    if (candidates.length === 0) continue;
    cuts.length = 0;
    cuts.push(0, 1);
    for (const r of candidates) {
      const { polygon, edges } = regions[r];
      for (const u of edges.search(minX, minY, maxX, maxY)) {
        const v = polygon.next[u];
        addSegmentCuts(px, py, qx, qy, polygon.xs[u], polygon.ys[u], polygon.xs[v], polygon.ys[v], cuts);
      }
    }
    cuts.sort((a, b) => a - b);
    for (let k = 1; k < cuts.length; k++) {
      const t0 = cuts[k - 1];
      const t1 = cuts[k];
      if (t1 <= t0) continue;
      // Placed by the chord's midpoint (where the cuts were found), measured between the cut
      // points moved onto the geodesic, so that the pieces add up to the segment's length.
      const tm = (t0 + t1) / 2;
      crossingPoint(px, py, qx, qy, t0, from);
      crossingPoint(px, py, qx, qy, t1, to);
      const length = segmentLength(from[0], from[1], to[0], to[1]);
      forEachOwner(px + tm * (qx - px), py + tm * (qy - py), candidates, regions, (r) => {
        lengths[r] += length;
      });
    }
  }
}

/** Adds 1 to `counts[r]` for each region r containing the point (see `forEachOwner`). */
export function countPoint(x: number, y: number, regions: IndexedRegion[], regionBoxes: Flatbush, counts: Float64Array): void {
  forEachOwner(x, y, regionBoxes.search(x, y, x, y), regions, (r) => {
    counts[r] += 1;
  });
}

/**
 * Calls `own` for every region whose interior holds (x, y), and for the first region (in input
 * order) whose boundary holds it if no region's interior does.
 */
function forEachOwner(x: number, y: number, candidates: number[], regions: IndexedRegion[], own: (r: number) => void): void {
  let boundaryOwner = -1;
  let inside = false;
  for (const r of candidates) {
    const where = locatePoint(regions[r].polygon, x, y, regions[r].edges);
    if (where === 1) {
      own(r);
      inside = true;
    } else if (where === 0 && (boundaryOwner === -1 || r < boundaryOwner)) boundaryOwner = r;
  }
  if (!inside && boundaryOwner !== -1) own(boundaryOwner);
}
