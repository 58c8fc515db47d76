import type { FastifyInstance } from 'fastify';
import type { Feature, Geometry } from 'geojson';
import { bothLanguages } from '../../i18n/bothLanguages.ts';
import type { Precision } from '../../pack/types.ts';
import { importIntoLayer } from '../services/importLayer.ts';
import { ImmutableCache } from '../services/immutableCache.ts';
import { layerRevision, layerStatistics, layerTile, MAX_TILE_FEATURES } from '../services/layerAnalysis.ts';
import { LayerCellBuilder } from '../services/layerCells.ts';
import { createRecord, getRecord, listRecords } from '../services/records.ts';
import { actorOf, dataOnlyInput, dataOnlyResponse, registerRecordRoutes, type RecordApi } from './recordRoutes.ts';
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
  toInput: dataOnlyInput,
  toResponse: dataOnlyResponse,
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
  const cells = new LayerCellBuilder(
    db,
    (error, layerId) => app.log.error({ err: error, layerId }, 'building the cells of a layer failed'),
    app.database.checkWritable,
  );
  app.addHook('onClose', () => cells.idle());
  const params = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
  // The team's pages read a shared layer's features again every 45 s: the layer's revision (bumped by
  // the database on every write of its features) is the ETag, so an unchanged layer answers 304 with
  // no body. Per session (Vary: Cookie), revalidated every time (no-cache), never in a shared cache.
  app.get<{ Params: { id: string } }>('/api/layers/:id/features', { schema: { tags: ['layers'], params } }, async (request, reply) => {
    await getRecord(db, actorOf(request), 'layer', request.params.id);
    const etag = `"r${await layerRevision(db, request.params.id)}"`;
    void reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'Cookie');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
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
      // Low-zoom tiles of a large layer come from its cells: build them now, not at the first view
      // (a small layer's tiles never need them, and a build holds PGlite's one connection).
      if (result.added > MAX_TILE_FEATURES) cells.schedule(request.params.id);
      return reply.code(201).send(result);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { kind_key?: string } }>(
    '/api/layers/:id/statistics',
    {
      schema: {
        tags: ['layers'],
        summary: 'Area per county and kind of the layer’s polygons, computed in PostGIS',
        params,
        querystring: { type: 'object', properties: { kind_key: { type: 'string', maxLength: 100 } } },
      },
    },
    async (request) => layerStatistics(db, actorOf(request), request.params.id, request.query.kind_key ?? 'kind'),
  );

  // Tiles are cached by layer revision: a write to the layer changes the key, old tiles age out.
  const tiles = new ImmutableCache<{ tile: Buffer | null }>(64 * 1024 * 1024, (entry) => entry.tile?.byteLength ?? 0);
  app.get<{ Params: { id: string; z: string; x: string; y: string } }>(
    '/api/layers/:id/tiles/:z/:x/:y.mvt',
    {
      schema: {
        tags: ['layers'],
        summary: 'A vector tile of the layer (ST_AsMVT), source layer "imported"',
        params: {
          type: 'object',
          required: ['id', 'z', 'x', 'y'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            z: { type: 'string', pattern: '^(1?[0-9]|2[0-2])$' },
            x: { type: 'string', pattern: '^[0-9]{1,7}$' },
            y: { type: 'string', pattern: '^[0-9]{1,7}$' },
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const [z, x, y] = [request.params.z, request.params.x, request.params.y].map(Number);
      if (x >= 2 ** z || y >= 2 ** z) return reply.code(404).send({ error: 'not_found', message: bothLanguages('server.http.noTile') });
      const key = `${id}/${await layerRevision(db, id)}/${z}/${x}/${y}`;
      let entry = tiles.get(key);
      if (!entry) {
        const tile = await layerTile(db, actorOf(request), id, z, x, y, app.database.engine, { cells });
        entry = { tile };
        tiles.set(key, entry);
      } else {
        actorOf(request);
      }
      if (!entry.tile) return reply.code(204).send();
      return reply.type('application/vnd.mapbox-vector-tile').header('cache-control', 'private, no-cache').send(entry.tile);
    },
  );
}
