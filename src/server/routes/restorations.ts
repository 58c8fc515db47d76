import type { Geometry } from 'geojson';
import type { RecordApi } from './recordRoutes.ts';
import { multiPolygonSchema, polygonSchema } from './schemas.ts';

/** A dated restoration figure for a site: restored 亩, the evidence polygon (and how exact it is), a note; the author is the writer. */
export const restorationsApi: RecordApi = {
  kind: 'restoration',
  path: '/api/restorations',
  tag: 'restorations',
  bodySchema: {
    type: 'object',
    required: ['site', 'date', 'restored_mu', 'evidence'],
    additionalProperties: false,
    properties: {
      site: { type: 'string', minLength: 1, maxLength: 200 },
      date: { type: 'string', format: 'date' },
      restored_mu: { type: 'number', minimum: 0 },
      evidence: { oneOf: [polygonSchema, multiPolygonSchema] },
      note: { type: 'string', maxLength: 5000 },
      // How exact the evidence polygon is: a square drawn around a site the pack has only as a
      // point is schematic, and says so (never passed off as a surveyed outline).
      evidence_precision: { enum: ['surveyed', 'published', 'schematic'] },
    },
  },
  toInput(body) {
    const { evidence, ...data } = body as { evidence: Geometry } & Record<string, unknown>;
    return { data, geometry: evidence };
  },
  toResponse: (record) => ({
    id: record.id,
    version: record.version,
    ...record.data,
    evidence: record.geometry,
    author: record.updated_by,
    deleted: record.deleted,
    updated_at: record.updated_at,
  }),
};
