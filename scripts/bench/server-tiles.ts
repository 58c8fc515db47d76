// A large layer in PostGIS: BENCH_POLYGONS land-survey-sized parcels (default 1,000,000; 100,000 on PGlite) over
// Changzhi are bulk-inserted as versioned features of one shared layer; then the vector tile at the
// grid's centre per zoom z8–z14 (size, first and warm cut time; aim < 500 KB and < 200 ms; low zooms
// first aggregated from the features, the reference, then after building the layer's cells) and the
// per-county statistics in PostGIS (per parcel: covered whole, border parcels cut), compared with
// src/geo zoneStatistics on the same parcels (the reference, in this process); one parcel moved
// and back (the write keeps the cells current). PostgreSQL when BENCH_DATABASE_URL / TEST_DATABASE_URL is set,
// else PGlite (in memory).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { zoneStatistics } from '../../src/geo/index.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { seedRegions } from '../../src/server/db/seedRegions.ts';
import { layerStatistics, layerTile } from '../../src/server/services/layerAnalysis.ts';
import { buildLayerCells, CELL_MAX_ZOOM } from '../../src/server/services/layerCells.ts';
import { createRecord, updateRecord } from '../../src/server/services/records.ts';
import { addUser } from '../../src/server/services/users.ts';

/** BENCH_STATISTICS=0: tiles only. */
class Skip extends Error {}

const ROOT = resolve(import.meta.dirname, '..', '..');
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
// PGlite in memory holds the whole layer in this process's WASM heap: 100,000 there by default.
const N = Number(process.env.BENCH_POLYGONS ?? (PG_ADMIN ? 1_000_000 : 100_000));
const COLUMNS = 1000;
// The grid covers 112.0–113.7 E × 35.8–37.1 N whatever N is: more parcels, smaller cells.
const W = 1.7;
const H = 1.3;
const rows = Math.ceil(N / COLUMNS);

function parcel(i: number): Feature<Polygon> {
  const cx = W / COLUMNS;
  const cy = H / rows;
  const x = 112.0 + (i % COLUMNS) * cx;
  const y = 35.8 + Math.floor(i / COLUMNS) * cy;
  const dx = cx * 0.8;
  const dy = cy * 0.8;
  return {
    type: 'Feature',
    properties: { name: `p${i}`, kind: i % 7 === 0 ? 'wetland' : 'farmland', source: 'bench grid', precision: 'schematic' },
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + dx, y], [x + dx, y + dy], [x, y + dy], [x, y]]] },
  };
}

let dropDatabase = async () => {};
let url: string | undefined;
if (PG_ADMIN) {
  const { default: pg } = await import('pg');
  const name = `shanshui_tiles_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  url = u.toString();
  dropDatabase = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
const database = await openDatabase(url ? { url } : {});
try {
  await migrateToLatest(database.db);
  await seedRegions(database.db, join(ROOT, 'data'), 'changzhi');
  const actor = await addUser(database.db, { username: 'bench', role: 'editor' });
  const layer = await createRecord(database.db, actor, 'layer', {
    data: { title: { zh: '地块', en: 'Parcels' }, legend: { zh: '测试', en: 'bench' }, geometry: 'polygon', style: { color: '#888888' } },
    geometry: null,
  });

  let t0 = performance.now();
  const CHUNK = 5000;
  for (let start = 0; start < N; start += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, N - start) }, (_, k) => parcel(start + k));
    await sql`
      WITH inserted AS (
        INSERT INTO records (kind, layer_id, owner_id, shared, version, data, geom, updated_at, updated_by)
        SELECT 'feature', ${layer.id}::uuid, ${actor.id}::uuid, true, 1, f->'properties', ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), now(), ${actor.id}::uuid
        FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) f
        RETURNING id, version, deleted, shared, data, geom, updated_by, updated_at)
      INSERT INTO record_versions (record_id, version, deleted, shared, data, geom, author_id, created_at)
      SELECT id, version, deleted, shared, data, geom, updated_by, updated_at FROM inserted`.execute(database.db);
  }
  await sql`ANALYZE records`.execute(database.db);
  console.log(`${database.engine}: ${N.toLocaleString('en')} parcels inserted (versioned) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const lon = 112.0 + W / 2;
  const lat = 35.8 + H / 2;
  const centre = (z: number) => {
    const n = 2 ** z;
    const r = (lat * Math.PI) / 180;
    return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
  };
  const cutTwice = async (z: number) => {
    const { x, y } = centre(z);
    t0 = performance.now();
    const tile = await layerTile(database.db, actor, layer.id, z, x, y, database.engine);
    const first = performance.now() - t0;
    t0 = performance.now();
    await layerTile(database.db, actor, layer.id, z, x, y, database.engine);
    const warm = performance.now() - t0;
    return `z${z} ${x}/${y}: ${((tile?.byteLength ?? 0) / 1024).toFixed(0)} KB, first ${first.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`;
  };
  // The reference: crowded tiles aggregated from the features at request time (no cells yet).
  for (let z = 8; z <= CELL_MAX_ZOOM; z++) console.log(`from features: ${await cutTwice(z)}`);
  t0 = performance.now();
  await buildLayerCells(database.db, layer.id);
  console.log(`cells of z0–z${CELL_MAX_ZOOM} built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (let z = 8; z <= 14; z++) console.log(`${z <= CELL_MAX_ZOOM ? 'from cells' : 'features'}: ${await cutTwice(z)}`);


  // A write keeps the built cells current in its own transaction: one parcel near the centre moved
  // 0.05° east and back (two versioned writes), each followed by the z8 and z9 tiles.
  const moving = (rows / 2) * COLUMNS + COLUMNS / 2;
  const { rows: found } = await sql<{ id: string }>`
    SELECT id::text FROM records WHERE layer_id = ${layer.id}::uuid AND data->>'name' = ${`p${moving}`}`.execute(database.db);
  const original = parcel(moving);
  const shifted: Polygon = { type: 'Polygon', coordinates: [original.geometry.coordinates[0].map(([x, y]) => [x + 0.05, y])] };
  for (const [version, geometry, what] of [[1, shifted, 'moved'], [2, original.geometry, 'moved back']] as const) {
    t0 = performance.now();
    await updateRecord(database.db, actor, 'feature', found[0].id, version, { data: original.properties!, geometry });
    const writeMs = performance.now() - t0;
    const { rows: state } = await sql<{ current: boolean }>`
      SELECT b.revision = r.revision AS current FROM layer_cell_builds b JOIN layer_revisions r USING (layer_id) WHERE b.layer_id = ${layer.id}::uuid`.execute(database.db);
    console.log(`one parcel ${what}: write ${writeMs.toFixed(0)} ms, cells ${state[0]?.current ? 'current' : 'STALE'}; then ${await cutTwice(8)}; ${await cutTwice(9)}`);
  }

  if (process.env.BENCH_STATISTICS === '0') throw new Skip();
  t0 = performance.now();
  const inDatabase = await layerStatistics(database.db, actor, layer.id, 'kind');
  const databaseMs = performance.now() - t0;
  const counties = JSON.parse(readFileSync(join(ROOT, 'data', 'changzhi', 'counties.geojson'), 'utf8')) as FeatureCollection;
  const parcels: FeatureCollection = { type: 'FeatureCollection', features: Array.from({ length: N }, (_, i) => parcel(i)) };
  t0 = performance.now();
  const reference = zoneStatistics(counties, parcels, { regionKey: 'adcode', kindKey: 'kind' });
  const geoMs = performance.now() - t0;
  let worst = 0;
  for (const region of reference.regions) {
    for (const [kind, stats] of Object.entries(region.zones)) {
      if (stats.area_m2 < 1) continue;
      const row = inDatabase.find((r) => r.code === region.name && r.kind === kind);
      worst = Math.max(worst, row ? Math.abs(row.area_m2 - stats.area_m2) / stats.area_m2 : 1);
    }
  }
  console.log(`county statistics: PostGIS ${(databaseMs / 1000).toFixed(1)} s, src/geo ${(geoMs / 1000).toFixed(1)} s (ratio ${(databaseMs / geoMs).toFixed(2)}), worst relative difference ${worst.toExponential(1)} (aim ≤ 1e-6)`);
} catch (error) {
  if (!(error instanceof Skip)) throw error;
} finally {
  await database.close();
  await dropDatabase();
}
