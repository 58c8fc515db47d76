import type { FastifyInstance } from 'fastify';
import type { Feature, Geometry } from 'geojson';
import type { Precision } from '../../pack/types.ts';
import { importIntoLayer } from '../services/importLayer.ts';
import { createRecord, getRecord, listRecords } from '../services/records.ts';
import { actorOf, registerRecordRoutes, type RecordApi } from './recordRoutes.ts';
import { geometrySchema, localTextSchema } from './schemas.ts';

/** A shared layer: what a pack manifest says of it (src/pack PackLayer, without the file). */
const layersApi: RecordApi = {
  kind: 'layer',
  path: '/api/layers',
  tag: 'layers',
  bodySchema: {
    type: 'object',
    required: ['title', 'geometry', 'style', 'legend'],
    additionalProperties: false,
    properties: {
      title: localTextSchema,
      legend: localTextSchema,
      geometry: { enum: ['polygon', 'line', 'point', 'mixed'] },
      role: { enum: ['regions', 'zones', 'reference'] },
      style: {
        type: 'object',
        required: ['color'],
        properties: { color: { type: 'string', pattern: '^#[0-9a-fA-F]{3,8}$' } },
      },
      visible: { type: 'boolean' },
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

/** A feature of a shared layer: a GeoJSON Feature; its properties should carry source and precision. */
const featuresApi: RecordApi = {
  kind: 'feature',
  path: '/api/features',
  tag: 'features',
  creatable: false,
  bodySchema: {
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { const: 'Feature' },
      geometry: geometrySchema,
      properties: {
        type: 'object',
        required: ['name', 'source', 'precision'],
        properties: { name: { type: 'string' }, source: { type: 'string' }, precision: { enum: ['surveyed', 'published', 'schematic'] } },
      },
    },
  },
  toInput: (body) => {
    const feature = body as Feature;
    return { data: feature.properties ?? {}, geometry: feature.geometry };
  },
  toResponse: (record) => ({
    id: record.id,
    version: record.version,
    layer_id: record.layer_id,
    type: 'Feature',
    geometry: record.geometry as Geometry,
    properties: record.data,
    deleted: record.deleted,
    updated_at: record.updated_at,
    updated_by: record.updated_by,
  }),
};

/** Layers, their features (read, change, history at /api/features/{id}), and adding features to a layer. */
export function registerLayerRoutes(app: FastifyInstance): void {
  registerRecordRoutes(app, layersApi);
  registerRecordRoutes(app, featuresApi);
  const db = app.database.db;
  const params = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
  app.get<{ Params: { id: string } }>('/api/layers/:id/features', { schema: { tags: ['layers'], params } }, async (request) => {
    await getRecord(db, actorOf(request), 'layer', request.params.id);
    return { type: 'FeatureCollection', features: (await listRecords(db, actorOf(request), 'feature', request.params.id)).map((r) => featuresApi.toResponse(r)) };
  });
  app.post<{ Params: { id: string } }>(
    '/api/layers/:id/features',
    { schema: { tags: ['layers'], summary: 'Add a feature to a layer', params, body: featuresApi.bodySchema } },
    async (request, reply) => {
      const record = await createRecord(db, actorOf(request), 'feature', featuresApi.toInput(request.body), request.params.id);
      return reply.code(201).header('etag', `"${record.version}"`).send(featuresApi.toResponse(record));
    },
  );

  app.post<{ Params: { id: string }; Body: { files: { name: string; base64: string }[]; precision: Precision; source?: string; from_crs?: string } }>(
    '/api/layers/:id/import',
    {
      schema: {
        tags: ['layers'],
        summary: 'Add the features of uploaded files (any format src/import reads) to a layer, all or nothing',
        params,
        body: {
          type: 'object',
          required: ['files', 'precision'],
          additionalProperties: false,
          properties: {
            files: {
              type: 'array',
              minItems: 1,
              maxItems: 20,
              items: {
                type: 'object',
                required: ['name', 'base64'],
                additionalProperties: false,
                properties: { name: { type: 'string', minLength: 1, maxLength: 255 }, base64: { type: 'string', contentEncoding: 'base64' } },
              },
            },
            precision: { enum: ['surveyed', 'published', 'schematic'] },
            source: { type: 'string', maxLength: 2000 },
            from_crs: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (request, reply) => {
      const files = request.body.files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, 'base64')) }));
      const result = await importIntoLayer(db, actorOf(request), request.params.id, files, {
        precision: request.body.precision,
        ...(request.body.source ? { source: request.body.source } : {}),
        ...(request.body.from_crs ? { fromCrs: request.body.from_crs } : {}),
        maxFileBytes: app.initialConfig.bodyLimit ?? 20 * 1024 * 1024,
      });
      return reply.code(201).send(result);
    },
  );
}
