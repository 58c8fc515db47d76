import type { RecordApi } from './recordRoutes.ts';

/** A plan indicator's value for a year, with its source. */
export const indicatorsApi: RecordApi = {
  kind: 'indicator',
  path: '/api/indicators',
  tag: 'indicators',
  bodySchema: {
    type: 'object',
    required: ['indicator', 'year', 'value', 'source'],
    additionalProperties: false,
    properties: {
      indicator: { type: 'string', minLength: 1, maxLength: 200 },
      year: { type: 'integer', minimum: 1900, maximum: 2200 },
      value: { type: 'number' },
      source: { type: 'string', minLength: 1, maxLength: 2000 },
    },
  },
  toInput: (body) => ({ data: body as Record<string, unknown>, geometry: null }),
  toResponse: (record) => ({
    id: record.id,
    version: record.version,
    ...record.data,
    deleted: record.deleted,
    updated_at: record.updated_at,
    updated_by: record.updated_by,
  }),
};
