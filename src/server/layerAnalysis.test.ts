import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { featureArea, zoneStatistics } from '../geo/index.ts';
import { layerTile } from './services/layerAnalysis.ts';
import { buildLayerCells, LayerCellBuilder } from './services/layerCells.ts';
import { sessionActor } from './services/users.ts';
import { ENGINES, openTestServer, PACKS_DIR, type TestServer } from './testing/testServer.ts';

// 1,600 land-survey-sized parcels (≈ 400–900 m) over Changzhi, many across county borders, and 300
// more that overlap one of them: a shifted copy of the same kind (counted once: the union), of the
// other kind (counted in both), or a smaller parcel inside one of the same kind. On parcels this
// size PostGIS, which cuts edges as straight lines in lon/lat, and src/geo, which follows geodesic
// edges, agree to 1e-6; on 10 km squares the cut points differ by metres (6e-5 of a clipped area).
const square = (name: string, kind: string, x: number, y: number, d: number): Feature<Polygon> => ({
  type: 'Feature',
  properties: { name, kind, source: 'test grid', precision: 'schematic' },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
});
const grid = Array.from({ length: 1600 }, (_, i) => {
  const x = 112.05 + (i % 40) * 0.042 + (i % 3) * 0.0013;
  const y = 35.85 + Math.floor(i / 40) * 0.031 + (i % 5) * 0.0011;
  return { x, y, d: 0.005 + (i % 4) * 0.0015, kind: i % 3 === 0 ? 'wetland' : 'forest' };
});
const other = (kind: string) => (kind === 'wetland' ? 'forest' : 'wetland');
const initialZones: Feature<Polygon>[] = [
    ...grid.map(({ x, y, d, kind }, i) => square(`z${i}`, kind, x, y, d)),
    ...grid.flatMap(({ x, y, d, kind }, i) => {
      if (i % 16 === 1) return [square(`same${i}`, kind, x + d / 2, y + d / 3, d)];
      if (i % 16 === 5) return [square(`other${i}`, other(kind), x + d / 3, y + d / 2, d)];
      if (i % 16 === 9) return [square(`inside${i}`, kind, x + d / 4, y + d / 4, d / 2)];
      return [];
    }),
];
// The layer as the tests know it: each engine's run starts from the initial parcels, and the tests
// that write to the layer change it here too.
const zones: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [] };

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
    zones.features = structuredClone(initialZones);
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
  // (its one edge model): on parcels of this size the two agree to 1e-6.
  it('computes per-county areas in PostGIS (overlaps of one kind counted once) that agree with src/geo zoneStatistics to 1e-6', async () => {
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
        expect(Math.abs(row!.area_m2 - stats.area_m2) / stats.area_m2, `${region.name} ${kind}`).toBeLessThan(1e-6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // Overlapping parcels of one kind were there to count once (a sum would differ by ~1e-3).
    expect(reference.diagnostics.mergedGroups).toBeGreaterThan(150);
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

  it('builds the cells of a layer in the background when a crowded tile finds none', async () => {
    const actor = (await sessionActor(server.database.db, editor.split('=')[1]))!;
    const failures: unknown[] = [];
    const builder = new LayerCellBuilder(server.database.db, (error) => failures.push(error));
    const { x, y } = tileOf(112.6, 36.2, 6);
    await layerTile(server.database.db, actor, layerId, 6, x, y, engine, { maxFeatures: 100, cells: builder });
    await builder.idle();
    expect(failures).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM layer_cell_builds b JOIN layer_revisions r USING (layer_id)
      WHERE b.layer_id = ${layerId}::uuid AND b.revision = r.revision`.execute(server.database.db);
    expect(rows[0].n).toBe(1);
  }, 60_000);

  // Expected cells computed here from the parcels themselves: the centroid of a lon/lat rectangle is
  // its middle, projected to Web Mercator and binned in 128 × 128 cells per tile; areas by src/geo.
  const expectedCells = (z: number, x: number, y: number, cellsPerTile = 128) => {
    const cells = new Map<string, { count: number; area: number }>();
    const perTile = cellsPerTile * 2 ** z;
    for (const feature of zones.features) {
      const ring = feature.geometry.coordinates[0];
      const lon = (ring[0][0] + ring[2][0]) / 2;
      const lat = (ring[0][1] + ring[2][1]) / 2;
      const col = Math.floor(((lon + 180) / 360) * perTile) - x * cellsPerTile;
      const row = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * perTile) - y * cellsPerTile;
      if (col < 0 || col >= cellsPerTile || row < 0 || row >= cellsPerTile) continue;
      const key = `${String(feature.properties!.kind)} ${col} ${row}`;
      const cell = cells.get(key) ?? { count: 0, area: 0 };
      cell.count++;
      cell.area += featureArea(feature);
      cells.set(key, cell);
    }
    return cells;
  };
  const tileCells = (pbf: Buffer, px = 32) => {
    const layer = new VectorTile(new PbfReader(pbf)).layers.imported;
    const cells = new Map<string, { count: number; area: number }>();
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      const [ring] = feature.loadGeometry();
      // Exterior rings have a positive surveyor's area in tile coordinates (y down): MVT spec 4.3.4.4.
      let twiceArea = 0;
      for (let k = 0; k + 1 < ring.length; k++) twiceArea += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y;
      expect(twiceArea).toBeGreaterThan(0);
      const xs = ring.map((p) => p.x);
      const ys = ring.map((p) => p.y);
      expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(px, 0);
      const key = `${String(feature.properties.kind)} ${Math.round(Math.min(...xs) / px)} ${Math.round(Math.min(...ys) / px)}`;
      cells.set(key, { count: Number(feature.properties.count), area: Number(feature.properties.area_m2) });
    }
    return cells;
  };
  const expectSameCells = (actual: Map<string, { count: number; area: number }>, expected: Map<string, { count: number; area: number }>) => {
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, cell] of expected) {
      expect(actual.get(key)!.count, key).toBe(cell.count);
      expect(Math.abs(actual.get(key)!.area - cell.area) / cell.area, key).toBeLessThan(1e-6);
    }
  };

  it('shows a crowded tile as cells whose counts and areas are the parcels in them, live and from the built cells', async () => {
    const actor = (await sessionActor(server.database.db, editor.split('=')[1]))!;
    for (const z of [6, 9]) {
      const { x, y } = tileOf(112.6, 36.2, z);
      const expected = expectedCells(z, x, y);
      expect([...expected.values()].reduce((n, c) => n + c.count, 0)).toBeGreaterThan(100);
      const live = await layerTile(server.database.db, actor, layerId, z, x, y, engine, { maxFeatures: 100 });
      expectSameCells(tileCells(live!), expected);
    }
    // Built (the import scheduled it; build again to be sure of the revision) and read back.
    await buildLayerCells(server.database.db, layerId);
    for (const z of [6, 9]) {
      const { x, y } = tileOf(112.6, 36.2, z);
      let scheduled = 0;
      const built = await layerTile(server.database.db, actor, layerId, z, x, y, engine, { maxFeatures: 100, cells: { schedule: () => scheduled++ } });
      expectSameCells(tileCells(built!), expectedCells(z, x, y));
      expect(scheduled).toBe(0);
    }
    // A write keeps the cells current (its own transaction updates them): the next tile counts the
    // new parcel from the cells and asks for no rebuild.
    const { x, y } = tileOf(112.6, 36.2, 6);
    const added = await server.app.inject({
      method: 'POST',
      url: `/api/layers/${layerId}/features`,
      headers: { cookie: editor },
      payload: {
        type: 'Feature',
        properties: { name: 'new', kind: 'wetland', source: 'test', precision: 'schematic' },
        geometry: { type: 'Polygon', coordinates: [[[112.6, 36.2], [112.601, 36.2], [112.601, 36.201], [112.6, 36.201], [112.6, 36.2]]] },
      },
    });
    expect(added.statusCode).toBe(201);
    let scheduled = 0;
    const after = tileCells((await layerTile(server.database.db, actor, layerId, 6, x, y, engine, { maxFeatures: 100, cells: { schedule: () => scheduled++ } }))!);
    const total = (cells: Map<string, { count: number }>) => [...cells.values()].reduce((n, c) => n + c.count, 0);
    expect(total(after)).toBe(total(expectedCells(6, x, y)) + 1);
    expect(scheduled).toBe(0);
    // The parcel is the layer's from now on (later tests count it).
    zones.features.push(added.json<Feature<Polygon>>());
  });

  it('shows coarser cells (64, 128 px) when a tile would hold more cells than allowed, live and from the built cells', async () => {
    const actor = (await sessionActor(server.database.db, editor.split('=')[1]))!;
    const z = 9;
    const { x, y } = tileOf(112.6, 36.2, z);
    const fine = expectedCells(z, x, y).size;
    // Up to the limit the tile keeps 32 px cells; one below it, 64 px; a quarter of that, 128 px.
    for (const [maxCells, perTile] of [[fine, 128], [fine - 1, 64], [expectedCells(z, x, y, 64).size - 1, 32]] as const) {
      const expected = expectedCells(z, x, y, perTile);
      for (const built of [false, true]) {
        if (built) await buildLayerCells(server.database.db, layerId);
        else await sql`DELETE FROM layer_cell_builds WHERE layer_id = ${layerId}::uuid`.execute(server.database.db);
        const tile = await layerTile(server.database.db, actor, layerId, z, x, y, engine, { maxFeatures: 100, maxCells, cells: { schedule: () => {} } });
        expectSameCells(tileCells(tile!, 4096 / perTile), expected);
      }
    }
  });

  it('keeps built cells current through writes (moved, deleted, added parcels) in the same transaction, as a fresh build would have them', async () => {
    const actor = (await sessionActor(server.database.db, editor.split('=')[1]))!;
    const db = server.database.db;
    await buildLayerCells(db, layerId);
    const cellRows = async () => {
      const { rows } = await sql<{ key: string; count: number; area_m2: number }>`
        SELECT c.z || ' ' || c.ix || ' ' || c.iy || ' ' || c.kind AS key, c.count, c.area_m2
        FROM layer_cells c JOIN layer_cell_builds b ON b.layer_id = c.layer_id AND b.cells_revision = c.revision
        WHERE c.layer_id = ${layerId}::uuid`.execute(db);
      return new Map(rows.map((r) => [r.key, { count: r.count, area: r.area_m2 }]));
    };
    const current = async () =>
      (
        await sql<{ current: boolean }>`
          SELECT b.revision = r.revision AS current FROM layer_cell_builds b JOIN layer_revisions r USING (layer_id)
          WHERE b.layer_id = ${layerId}::uuid`.execute(db)
      ).rows[0].current;
    const listed = (await server.app.inject({ url: `/api/layers/${layerId}/features`, headers: { cookie: editor } })).json<FeatureCollection<Polygon>>();
    const byName = (name: string) => listed.features.find((f) => f.properties!.name === name) as Feature<Polygon> & { id: string; version: number };
    // Move z41 (near 112.6, 36.2 after the grid's first row) 0.3° east, into other cells at every zoom.
    const moved = byName('z41');
    const movedGeometry: Polygon = { type: 'Polygon', coordinates: [moved.geometry.coordinates[0].map(([lon, lat]) => [lon + 0.3, lat])] };
    const put = await server.app.inject({
      method: 'PUT',
      url: `/api/features/${moved.id}`,
      headers: { cookie: editor, 'if-match': `"${moved.version}"` },
      payload: { type: 'Feature', properties: moved.properties, geometry: movedGeometry },
    });
    expect(put.statusCode).toBe(200);
    expect(await current()).toBe(true);
    const deleted = byName('z42');
    expect((await server.app.inject({ method: 'DELETE', url: `/api/features/${deleted.id}`, headers: { cookie: editor, 'if-match': `"${deleted.version}"` } })).statusCode).toBeLessThan(300);
    expect(await current()).toBe(true);
    const addedFeature = square('added', 'forest', 112.61, 36.21, 0.004);
    expect((await server.app.inject({ method: 'POST', url: `/api/layers/${layerId}/features`, headers: { cookie: editor }, payload: addedFeature })).statusCode).toBe(201);
    expect(await current()).toBe(true);
    // The layer as the test now knows it.
    zones.features = zones.features.filter((f) => f.properties!.name !== 'z42').map((f) => (f.properties!.name === 'z41' ? { ...f, geometry: movedGeometry } : f));
    zones.features.push(addedFeature);

    // Tiles come from the maintained cells (no rebuild asked) and count the layer as it is now.
    for (const z of [6, 9]) {
      const { x, y } = tileOf(112.6, 36.2, z);
      let scheduled = 0;
      const tile = await layerTile(db, actor, layerId, z, x, y, engine, { maxFeatures: 100, cells: { schedule: () => scheduled++ } });
      expectSameCells(tileCells(tile!), expectedCells(z, x, y));
      expect(scheduled).toBe(0);
    }
    // Every cell of every zoom is what a fresh build makes of the same features.
    const maintained = await cellRows();
    await buildLayerCells(db, layerId);
    const rebuilt = await cellRows();
    expect([...maintained.keys()].sort()).toEqual([...rebuilt.keys()].sort());
    for (const [key, cell] of rebuilt) {
      expect(maintained.get(key)!.count, key).toBe(cell.count);
      expect(Math.abs(maintained.get(key)!.area - cell.area) / cell.area, key).toBeLessThan(1e-9);
    }
  });

});
