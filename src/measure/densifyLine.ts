import type { Position } from 'geojson';
import { Geodesic, wgs84 } from '../geo/geographiclib.ts';

/**
 * The line with vertices added along each geodesic edge longer than `maxEdgeM`. The overlay cuts
 * edges as straight lon/lat chords; a drawn line with long edges (e.g. 100 km, drawn zoomed out)
 * would otherwise be split between counties along a path up to a few hundred metres off its
 * geodesic, and the pieces would not add up to its geodesic length.
 */
export function densifyLine(line: Position[], maxEdgeM = 1000): Position[] {
  const out: Position[] = [];
  const caps = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.DISTANCE_IN | Geodesic.LONG_UNROLL;
  for (let i = 0; i < line.length; i++) {
    const p = line[i];
    if (i > 0) {
      const a = line[i - 1];
      const edge = wgs84.InverseLine(a[1], a[0], p[1], p[0], caps);
      const length = edge.s13;
      const pieces = Math.ceil(length / maxEdgeM);
      for (let k = 1; k < pieces; k++) {
        const at = edge.Position((length * k) / pieces, caps);
        out.push([at.lon2 as number, at.lat2 as number]);
      }
    }
    out.push(p);
  }
  return out;
}
