/**
 * Test reference for the overlay's edge model (every edge a geodesic): each edge split into pieces
 * of at most `maxPiece` m along its geodesic by GeographicLib (there a chord strays < 0.2 mm from
 * the geodesic), the polygons cut by polygon-clipping on those dense chords, the result measured by
 * GeographicLib's PolygonArea. Independent of the overlay code (its own densification, its own
 * clipper, its own area).
 */
import type { Position } from 'geojson';
import polygonClipping, { type Geom, type MultiPolygon } from 'polygon-clipping';
import { Geodesic, wgs84 } from '../geographiclib.ts';
import { referencePolygonArea } from './geographiclibReference.ts';

const caps = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.DISTANCE_IN | Geodesic.LONG_UNROLL;

/** A ring with every edge split along its geodesic into pieces ≤ maxPiece m (same points either way round). */
export function densifyRing(ring: Position[], maxPiece = 100): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    out.push(ring[i]);
    const forward = x1 < x2 || (x1 === x2 && y1 < y2);
    const line = forward ? wgs84.InverseLine(y1, x1, y2, x2, caps) : wgs84.InverseLine(y2, x2, y1, x1, caps);
    const pieces = Math.ceil((line.s13) / maxPiece);
    for (let k = 1; k < pieces; k++) {
      const at = line.Position(((line.s13) * (forward ? k : pieces - k)) / pieces, caps);
      out.push([at.lon2 as number, at.lat2 as number]);
    }
  }
  out.push(out[0]);
  return out;
}

const dense = (polygons: Position[][][], maxPiece: number): Position[][][] => polygons.map((p) => p.map((r) => densifyRing(r, maxPiece)));

/** Geodesic-model area, m², of region ∩ (zone₁ ∪ …) (of the union alone when region is null). */
export function geodesicReferenceArea(region: Position[][][] | null, zones: Position[][][][], maxPiece = 100): number {
  if (zones.length === 0) return 0;
  const [first, ...rest] = zones.map((z) => dense(z, maxPiece) as Geom);
  let result: MultiPolygon = polygonClipping.union(first, ...rest);
  if (region) result = polygonClipping.intersection(result, dense(region, maxPiece) as Geom);
  return result.reduce((sum, rings) => sum + referencePolygonArea(rings), 0);
}
