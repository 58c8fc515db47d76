/** JSON Schemas shared by the routes (validated by Fastify's Ajv, listed in the OpenAPI document). */
const position = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 3 } as const;
const ring = { type: 'array', items: position, minItems: 4 } as const;

export const polygonSchema = {
  type: 'object',
  required: ['type', 'coordinates'],
  properties: { type: { const: 'Polygon' }, coordinates: { type: 'array', items: ring, minItems: 1 } },
} as const;

export const multiPolygonSchema = {
  type: 'object',
  required: ['type', 'coordinates'],
  properties: { type: { const: 'MultiPolygon' }, coordinates: { type: 'array', items: { type: 'array', items: ring, minItems: 1 }, minItems: 1 } },
} as const;

/** Any GeoJSON geometry (PostGIS parses and checks the coordinates). */
export const geometrySchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] },
    coordinates: { type: 'array' },
  },
} as const;

export const localTextSchema = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string', maxLength: 500 }, en: { type: 'string', maxLength: 500 } },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

export const ifMatchHeaders = {
  type: 'object',
  properties: { 'if-match': { type: 'string', description: 'The version being changed, e.g. "3"' } },
} as const;
