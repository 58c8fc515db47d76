// For the true-geodesic reference: every edge of every polygon split into pieces of at most
// `maxPiece` m along its geodesic (GeographicLib), the same points whichever way an edge runs.
// GEOS then cuts chords that stray < 0.2 mm from the geodesic (at 100 m), so GEOS intersection +
// GeographicLib area is the overlay's edge model measured independently.
import geographiclib from 'geographiclib-geodesic';

const { Geodesic } = geographiclib;
const wgs84 = Geodesic.WGS84;
const caps = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.DISTANCE_IN | Geodesic.LONG_UNROLL;

function densifyRing(ring, maxPiece) {
  const out = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    out.push(ring[i]);
    const forward = x1 < x2 || (x1 === x2 && y1 < y2);
    const line = forward ? wgs84.InverseLine(y1, x1, y2, x2, caps) : wgs84.InverseLine(y2, x2, y1, x1, caps);
    const pieces = Math.ceil(line.s13 / maxPiece);
    for (let k = 1; k < pieces; k++) {
      const at = line.Position((line.s13 * (forward ? k : pieces - k)) / pieces, caps);
      out.push([at.lon2, at.lat2]);
    }
  }
  out.push(out[0]);
  return out;
}

/** A copy of a FeatureCollection with every (Multi)Polygon edge densified along its geodesic. */
export function densifyCollection(collection, maxPiece = 100) {
  return {
    ...collection,
    features: collection.features.map((f) => {
      const g = f.geometry;
      if (g?.type === 'Polygon') return { ...f, geometry: { type: 'Polygon', coordinates: g.coordinates.map((r) => densifyRing(r, maxPiece)) } };
      if (g?.type === 'MultiPolygon') {
        return { ...f, geometry: { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => densifyRing(r, maxPiece))) } };
      }
      return f;
    }),
  };
}
