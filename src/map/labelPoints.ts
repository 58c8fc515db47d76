/**
 * One label point per polygon feature, at the pole of inaccessibility of its largest part. MapLibre
 * would label every part of a MultiPolygon (an exclave of a few hectares gets the county's name
 * twice) and may put a concave shape's label outside it; this does neither. Points are labelled
 * where they are and lines at the middle vertex of their longest part, so the points and lines of
 * a mixed layer (imported KML, DXF) are labelled too.
 */
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';

/** Planar area of a ring in degrees², scaled by cos(latitude): enough to rank the parts. */
function ringWeight(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(sum / 2) * Math.cos((ring[0][1] * Math.PI) / 180);
}

function largestPart(feature: Feature): Polygon['coordinates'] | null {
  const g = feature.geometry;
  if (g?.type === 'Polygon') return g.coordinates;
  if (g?.type !== 'MultiPolygon' || g.coordinates.length === 0) return null;
  return g.coordinates.reduce((best, part) => (ringWeight(part[0]) > ringWeight(best[0]) ? part : best));
}

/** Where a point or line feature is labelled; undefined for other geometries. */
function pointOrLineAnchor(feature: Feature): Position | undefined {
  const g = feature.geometry;
  if (g?.type === 'Point') return g.coordinates;
  if (g?.type === 'MultiPoint') return g.coordinates[0];
  const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : [];
  const longest = lines.reduce<Position[] | undefined>((best, line) => (!best || line.length > best.length ? line : best), undefined);
  return longest?.[Math.floor(longest.length / 2)];
}

export function labelPoints(collection: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  collection.features.forEach((feature, index) => {
    // A point is its own label point (points of mixed layers and point layers are labelled too).
    if (feature.geometry?.type === 'Point') {
      features.push({ type: 'Feature', id: feature.id ?? index, properties: feature.properties, geometry: feature.geometry });
      return;
    }
    const part = largestPart(feature);
    const anchor = part ? undefined : pointOrLineAnchor(feature);
    if (!part && !anchor) return;
    const [lon, lat] = part ? polylabel(part, 0.0005) : anchor!;
    // Keep the source feature's index as id so hover/selection state can be shared.
    features.push({ type: 'Feature', id: feature.id ?? index, properties: feature.properties, geometry: { type: 'Point', coordinates: [lon, lat] } });
  });
  return { type: 'FeatureCollection', features };
}
