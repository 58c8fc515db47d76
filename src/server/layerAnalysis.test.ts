import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoneStatistics } from '../geo/index.ts';
import { layerTile } from './services/layerAnalysis.ts';
import { sessionActor } from './services/users.ts';
import { ENGINES, openTestServer, PACKS_DIR, type TestServer } from './testing/testServer.ts';

// 1,600 land-survey-sized parcels (≈ 400–900 m) over Changzhi, many across county borders, some
// overlapping (same and other kind). On parcels this size PostGIS, which cuts edges as straight
// lines in lon/lat, and src/geo, which follows geodesic edges, agree to 1e-6; on 10 km squares the
// cut points differ by metres (6e-5 of a clipped area).
const zones: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: Array.from({ length: 1600 }, (_, i) => {
    const x = 112.05 + (i % 40) * 0.042 + (i % 3) * 0.0013;
    const y = 35.85 + Math.floor(i / 40) * 0.031 + (i % 5) * 0.0011;
    const d = 0.005 + (i % 4) * 0.0015;
    return {
      type: 'Feature',
      properties: { name: `z${i}`, kind: i % 3 === 0 ? 'wetland' : 'forest', source: 'test grid', precision: 'schematic' },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
    };
  }),
};

const tileOf = (lon: number, lat: number, z: number) => {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
};

describe.each(ENGINES)('large-layer work in PostGIS on %s', (engine) => {
  let server: TestServer;
  let editor: string;
  let layerId: string;
  beforeAll(async () => {
    server = await openTestServer(engine);
    editor = await server.userSession('gis', 'editor');
    const layer = await server.app.inject({
      method: 'POST',
      url: '/api/layers',
      headers: { cookie: editor },
      payload: { title: { zh: '样例', en: 'Sample' }, legend: { zh: '样例', en: 'Sample' }, geometry: 'polygon', style: { color: '#123456' } },
    });
    layerId = layer.json<{ id: string }>().id;
    const r = await server.app.inject({
      method: 'POST',
      url: `/api/layers/${layerId}/import`,
      headers: { cookie: editor },
      payload: { files: [{ name: 'parcels.geojson', base64: Buffer.from(JSON.stringify(zones)).toString('base64') }], precision: 'schematic' },
    });
    if (r.statusCode !== 201) throw new Error(r.body);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  // PostGIS cuts geometry edges as straight lines in lon/lat; src/geo cuts them along the geodesic
  // (its one edge model): on the pack's km-sized zones the two differ by up to ~2e-6.
  it('computes per-county areas in PostGIS that agree with src/geo zoneStatistics to 1e-5', async () => {
    const response = await server.app.inject({ url: `/api/layers/${layerId}/statistics`, headers: { cookie: editor } });
    expect(response.statusCode).toBe(200);
    const database = response.json<{ code: string; kind: string; area_m2: number }[]>();
    const counties = JSON.parse(await readFile(join(PACKS_DIR, 'changzhi', 'counties.geojson'), 'utf8')) as FeatureCollection;
    const reference = zoneStatistics(counties, zones, { regionKey: 'adcode', kindKey: 'kind' });
    let compared = 0;
    for (const region of reference.regions) {
      for (const [kind, stats] of Object.entries(region.zones)) {
        if (stats.area_m2 < 1) continue;
        const row = database.find((r) => r.code === region.name && r.kind === kind);
        expect(row, `${region.name} ${kind}`).toBeDefined();
        expect(Math.abs(row!.area_m2 - stats.area_m2) / stats.area_m2, `${region.name} ${kind}`).toBeLessThan(1e-5);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // Nothing in PostGIS that src/geo does not have.
    for (const row of database.filter((r) => r.area_m2 >= 1)) {
      expect(reference.regions.find((r) => r.name === row.code)?.zones[row.kind]?.area_m2 ?? 0).toBeGreaterThan(0);
    }
  });

  it('serves the layer as vector tiles cut by ST_AsMVT', async () => {
    const first = zones.features[0].geometry.coordinates[0][0];
    const { x, y } = tileOf(first[0] + 0.01, first[1] + 0.01, 10);
    const response = await server.app.inject({ url: `/api/layers/${layerId}/tiles/10/${x}/${y}.mvt`, headers: { cookie: editor } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const tile = new VectorTile(new PbfReader(response.rawPayload));
    const layer = tile.layers.imported;
    const names = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.name);
    expect(names).toContain('z0');
    expect(layer.feature(names.indexOf('z0')).type).toBe(3);
    expect((await server.app.inject({ url: `/api/layers/${layerId}/tiles/10/0/0.mvt`, headers: { cookie: editor } })).statusCode).toBe(204);
    expect((await server.app.inject({ url: `/api/layers/${layerId}/tiles/1/5/0.mvt`, headers: { cookie: editor } })).statusCode).toBe(404);
    expect((await server.app.inject({ url: `/api/layers/${layerId}/tiles/10/${x}/${y}.mvt` })).statusCode).toBe(401);
  });

  it('shows a crowded tile as per-cell squares with counts that add up to the features in it', async () => {
    const { x, y } = tileOf(112.9, 36.4, 5);
    const actor = (await sessionActor(server.database.db, editor.split('=')[1]))!;
    const full = new VectorTile(new PbfReader((await layerTile(server.database.db, actor, layerId, 5, x, y, engine))!)).layers.imported;
    const cells = new VectorTile(new PbfReader((await layerTile(server.database.db, actor, layerId, 5, x, y, engine, 100))!)).layers.imported;
    expect(cells.length).toBeLessThan(full.length);
    let total = 0;
    for (let i = 0; i < cells.length; i++) total += Number(cells.feature(i).properties.count);
    // Cells are by centroid, features by bounding box touching the tile (with its buffer).
    expect(total).toBeGreaterThan(full.length * 0.8);
    expect(total).toBeLessThanOrEqual(full.length);
  });
});
