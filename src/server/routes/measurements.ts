import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { featureArea, SQUARE_METRES_PER_MU } from '../../geo/index.ts';
import type { RecordView } from '../services/records.ts';
import type { RecordApi } from './recordRoutes.ts';
import { multiPolygonSchema, polygonSchema } from './schemas.ts';

/** A measurement is a GeoJSON Feature (polygon); `shared` (foreign member) makes it visible to the team (new: private unless set; a change without it leaves it as it was). */
const bodySchema = {
  type: 'object',
  required: ['type', 'geometry'],
  properties: {
    type: { const: 'Feature' },
    geometry: { oneOf: [polygonSchema, multiPolygonSchema] },
    properties: { type: ['object', 'null'] },
    shared: { type: 'boolean' },
  },
} as const;

type MeasurementBody = Feature<Polygon | MultiPolygon> & { shared?: boolean };

/** Area by the project's geodesic area (src/geo), in m² and 亩. */
function areas(geometry: Polygon | MultiPolygon) {
  const area_m2 = featureArea({ type: 'Feature', properties: {}, geometry });
  return { area_m2, area_mu: area_m2 / SQUARE_METRES_PER_MU };
}

export const measurementsApi: RecordApi = {
  kind: 'measurement',
  path: '/api/measurements',
  tag: 'measurements',
  bodySchema,
  toInput(body) {
    const feature = body as MeasurementBody;
    areas(feature.geometry); // invalid geometry: GeometryError → 400 before anything is written
    return { data: feature.properties ?? {}, geometry: feature.geometry, shared: feature.shared };
  },
  toResponse(record: RecordView) {
    const geometry = record.geometry as Polygon | MultiPolygon;
    return {
      id: record.id,
      version: record.version,
      ...(record.deleted ? { area_m2: 0, area_mu: 0 } : areas(geometry)),
      type: 'Feature',
      geometry,
      properties: record.data,
      shared: record.shared,
      deleted: record.deleted,
      owner: record.owner,
      updated_at: record.updated_at,
      updated_by: record.updated_by,
    };
  },
};
