import { dataOnlyInput, dataOnlyResponse, type RecordApi } from './recordRoutes.ts';

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
  toInput: dataOnlyInput,
  toResponse: dataOnlyResponse,
};
