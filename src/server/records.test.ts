import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestServer, type TestServer } from './testing/testServer.ts';

const square = (x: number, y: number, d = 0.01) => ({
  type: 'Polygon' as const,
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});

/** The JSON the API answers with, as far as these tests read it. */
interface Measurement { id: string; area_m2: number }
interface Version { version: number; author: string; created_at: string; data: { name: string } }
interface LayerFeatures { features: { id: string; properties: { name: string; source: string; precision: string } }[] }

describe.each(ENGINES)('versioned records and roles on %s', (engine) => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let viewer: string;
  let inXiangyuan: { x: number; y: number };
  beforeAll(async () => {
    server = await openTestServer(engine);
    alice = await server.userSession('alice', 'editor');
    bob = await server.userSession('bob', 'editor');
    viewer = await server.userSession('vera', 'viewer');
    const { rows } = await sql<{ x: number; y: number }>`
      SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions WHERE code = '140423') s`.execute(server.database.db);
    inXiangyuan = rows[0];
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  const inject = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, ifMatch?: string) =>
    server.app.inject({ method, url, headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, ...(payload ? { payload } : {}) });

  it('keeps every change as a version with who and when; a stale If-Match gets 409 with the current version', async () => {
    const { x, y } = inXiangyuan;
    const created = (await inject(alice, 'POST', '/api/measurements', { type: 'Feature', properties: { name: 'v1' }, geometry: square(x, y), shared: true })).json<Measurement>();
    const v2 = await inject(alice, 'PUT', `/api/measurements/${created.id}`, { type: 'Feature', properties: { name: 'v2' }, geometry: square(x, y, 0.02) }, '"1"');
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, properties: { name: 'v2' } });
    expect(v2.json<Measurement>().area_m2).toBeGreaterThan(created.area_m2 * 3.9);

    // Another tab still holding version 1.
    const stale = await inject(alice, 'PUT', `/api/measurements/${created.id}`, { type: 'Feature', properties: { name: 'lost?' }, geometry: square(x, y) }, '"1"');
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ current: unknown }>().current).toMatchObject({ version: 2, type: 'Feature', properties: { name: 'v2' } });
    const missing = await inject(alice, 'PUT', `/api/measurements/${created.id}`, { type: 'Feature', properties: {}, geometry: square(x, y) });
    expect(missing.statusCode).toBe(428);

    const history = (await inject(alice, 'GET', `/api/measurements/${created.id}/history`)).json<Version[]>();
    expect(history.map((v) => [v.version, v.author, v.data.name])).toEqual([
      [1, 'alice', 'v1'],
      [2, 'alice', 'v2'],
    ]);
    expect(Date.parse(history[1].created_at)).toBeGreaterThanOrEqual(Date.parse(history[0].created_at));

    const restored = await server.app.inject({
      method: 'POST',
      url: `/api/measurements/${created.id}/restore`,
      headers: { cookie: alice, 'if-match': '"2"' },
      payload: { version: 1 },
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, properties: { name: 'v1' } });
    expect(restored.json<Measurement>().area_m2).toBeCloseTo(created.area_m2, 6);

    const deleted = await inject(alice, 'DELETE', `/api/measurements/${created.id}`, undefined, '"3"');
    expect(deleted.json()).toMatchObject({ version: 4, deleted: true });
    const list = (await inject(alice, 'GET', '/api/measurements')).json<Measurement[]>();
    expect(list.map((m) => m.id)).not.toContain(created.id);
  });

  it('shows a private measurement to its owner only; a shared one is the team’s to change, but only its owner unshares or deletes it', async () => {
    const { x, y } = inXiangyuan;
    const mine = (await inject(alice, 'POST', '/api/measurements', { type: 'Feature', properties: { name: '私有' }, geometry: square(x, y) })).json<Measurement>();
    expect((await inject(bob, 'GET', `/api/measurements/${mine.id}`)).statusCode).toBe(404);
    expect((await inject(bob, 'GET', '/api/measurements')).json<Measurement[]>().map((m) => m.id)).not.toContain(mine.id);
    // Private: not the teammate's to change (not even visible: 404), nor to delete.
    expect((await inject(bob, 'PUT', `/api/measurements/${mine.id}`, { type: 'Feature', properties: { name: '别人改的' }, geometry: square(x, y) }, '"1"')).statusCode).toBe(404);
    expect((await inject(bob, 'DELETE', `/api/measurements/${mine.id}`, undefined, '"1"')).statusCode).toBe(404);

    const shared = (await inject(alice, 'POST', '/api/measurements', { type: 'Feature', properties: { name: '共享' }, geometry: square(x, y), shared: true })).json<Measurement>();
    expect((await inject(bob, 'GET', `/api/measurements/${shared.id}`)).statusCode).toBe(200);
    // Shared: a teammate with a writing role changes it; the new version names who.
    const change = await inject(bob, 'PUT', `/api/measurements/${shared.id}`, { type: 'Feature', properties: { name: '队友改的' }, geometry: square(x, y, 0.02), shared: true }, '"1"');
    expect(change.statusCode).toBe(200);
    expect(change.json()).toMatchObject({ version: 2, owner: 'alice', updated_by: 'bob', shared: true, properties: { name: '队友改的' } });
    // Left out, `shared` stays as it was.
    const again = await inject(bob, 'PUT', `/api/measurements/${shared.id}`, { type: 'Feature', properties: { name: '队友又改' }, geometry: square(x, y, 0.02) }, '"2"');
    expect(again.json()).toMatchObject({ version: 3, shared: true });
    // Taking it away from the team is the owner's: unsharing and deleting are refused with the reason.
    const unshare = await inject(bob, 'PUT', `/api/measurements/${shared.id}`, { type: 'Feature', properties: { name: '队友又改' }, geometry: square(x, y), shared: false }, '"3"');
    expect(unshare.statusCode).toBe(403);
    expect(unshare.json()).toMatchObject({ error: 'forbidden', message: '只有创建者可以取消共享 / only its owner can stop sharing a measurement' });
    const remove = await inject(bob, 'DELETE', `/api/measurements/${shared.id}`, undefined, '"3"');
    expect(remove.statusCode).toBe(403);
    expect(remove.json()).toMatchObject({ error: 'forbidden', message: '只有创建者可以删除共享的测量 / only its owner can delete a shared measurement' });
    // A teammate's restore brings back the content and leaves sharing as it is.
    const restored = await server.app.inject({ method: 'POST', url: `/api/measurements/${shared.id}/restore`, headers: { cookie: bob, 'if-match': '"3"' }, payload: { version: 1 } });
    expect(restored.json()).toMatchObject({ version: 4, shared: true, updated_by: 'bob', properties: { name: '共享' } });
    const history = (await inject(alice, 'GET', `/api/measurements/${shared.id}/history`)).json<Version[]>();
    expect(history.map((v) => [v.version, v.author, v.data.name])).toEqual([
      [1, 'alice', '共享'],
      [2, 'bob', '队友改的'],
      [3, 'bob', '队友又改'],
      [4, 'bob', '共享'],
    ]);
    // The owner may unshare and delete it.
    expect((await inject(alice, 'PUT', `/api/measurements/${shared.id}`, { type: 'Feature', properties: {}, geometry: square(x, y), shared: false }, '"4"')).json()).toMatchObject({ version: 5, shared: false });
    expect((await inject(bob, 'GET', `/api/measurements/${shared.id}`)).statusCode).toBe(404);
    expect((await inject(alice, 'DELETE', `/api/measurements/${shared.id}`, undefined, '"5"')).statusCode).toBe(200);
  });

  it('lets a viewer read but not write', async () => {
    const { x, y } = inXiangyuan;
    const write = await inject(viewer, 'POST', '/api/measurements', { type: 'Feature', properties: {}, geometry: square(x, y) });
    expect(write.statusCode).toBe(403);
    expect((await inject(viewer, 'POST', '/api/indicators', { indicator: '森林覆盖率', year: 2024, value: 33.1, source: '测试' })).statusCode).toBe(403);
    expect((await inject(viewer, 'GET', '/api/indicators')).statusCode).toBe(200);
  });

  it('keeps dated restoration figures with evidence, author and note; indicators by year with source', async () => {
    const { x, y } = inXiangyuan;
    const first = await inject(alice, 'POST', '/api/restorations', { site: '襄垣县沉陷区', date: '2024-06-30', restored_mu: 120.5, evidence: square(x, y), evidence_precision: 'schematic', note: '一期' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ site: '襄垣县沉陷区', date: '2024-06-30', restored_mu: 120.5, evidence_precision: 'schematic', author: 'alice', version: 1 });
    const inventedPrecision = await inject(alice, 'POST', '/api/restorations', { site: 'x', date: '2024-06-30', restored_mu: 1, evidence: square(x, y), evidence_precision: 'exact' });
    expect(inventedPrecision.statusCode).toBe(400);
    const bad = await inject(alice, 'POST', '/api/restorations', { site: 'x', date: '2024-13-45', restored_mu: -1, evidence: square(x, y) });
    expect(bad.statusCode).toBe(400);
    const indicator = await inject(alice, 'POST', '/api/indicators', { indicator: '森林覆盖率', year: 2024, value: 33.1, source: '长治市统计公报 2024' });
    expect(indicator.statusCode).toBe(201);
    const list = (await inject(bob, 'GET', '/api/indicators')).json<unknown[]>();
    expect(list).toContainEqual(expect.objectContaining({ indicator: '森林覆盖率', year: 2024, value: 33.1, source: '长治市统计公报 2024', updated_by: 'alice' }));
  });

  it('corrects a dated figure and a yearly value only with the version it changes; a stale one gets 409 with the current figure; history says who and when, restore brings one back', async () => {
    const { x, y } = inXiangyuan;
    const created = (await inject(alice, 'POST', '/api/restorations', { site: '五阳煤矿', date: '2025-06-30', restored_mu: 50, evidence: square(x, y), note: '初报' })).json<{ id: string }>();
    const path = `/api/restorations/${created.id}`;
    const corrected = await inject(bob, 'PUT', path, { site: '五阳煤矿', date: '2025-06-30', restored_mu: 55, evidence: square(x, y), note: '核实' }, '"1"');
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ version: 2, restored_mu: 55, note: '核实', author: 'bob' });
    const stale = await inject(alice, 'PUT', path, { site: '五阳煤矿', date: '2025-06-30', restored_mu: 60, evidence: square(x, y) }, '"1"');
    expect(stale.statusCode).toBe(409);
    // The current figure as the app reads it (evidence, author), not the stored row.
    expect(stale.json<{ current: unknown }>().current).toMatchObject({ id: created.id, version: 2, restored_mu: 55, note: '核实', author: 'bob', evidence: { type: 'Polygon' } });
    expect((await inject(alice, 'PUT', path, { site: '五阳煤矿', date: '2025-06-30', restored_mu: 60, evidence: square(x, y) })).statusCode).toBe(428);

    const history = (await inject(alice, 'GET', `${path}/history`)).json<{ version: number; author: string; created_at: string; data: { restored_mu: number } }[]>();
    expect(history.map((v) => [v.version, v.author, v.data.restored_mu])).toEqual([
      [1, 'alice', 50],
      [2, 'bob', 55],
    ]);
    expect(Date.parse(history[1].created_at)).toBeGreaterThanOrEqual(Date.parse(history[0].created_at));
    const restored = await server.app.inject({ method: 'POST', url: `${path}/restore`, headers: { cookie: alice, 'if-match': '"2"' }, payload: { version: 1 } });
    expect(restored.json()).toMatchObject({ version: 3, restored_mu: 50, note: '初报', author: 'alice' });

    const value = (await inject(alice, 'POST', '/api/indicators', { indicator: '湿地保护率', year: 2025, value: 50.2, source: '初报' })).json<{ id: string }>();
    const changed = await inject(bob, 'PUT', `/api/indicators/${value.id}`, { indicator: '湿地保护率', year: 2025, value: 51, source: '长治市林业局' }, '"1"');
    expect(changed.json()).toMatchObject({ version: 2, value: 51, updated_by: 'bob' });
    expect((await inject(viewer, 'PUT', `/api/indicators/${value.id}`, { indicator: '湿地保护率', year: 2025, value: 1, source: 'x' }, '"2"')).statusCode).toBe(403);
    expect((await inject(alice, 'GET', `/api/indicators/${value.id}/history`)).json<{ author: string }[]>().map((v) => v.author)).toEqual(['alice', 'bob']);
  });

  it('keeps shared layers and their features with history; a county editor adds features in their county only', async () => {
    const layer = await inject(alice, 'POST', '/api/layers', {
      title: { zh: '修复图斑', en: 'Restored patches' },
      legend: { zh: '县级上报', en: 'Reported by counties' },
      geometry: 'polygon',
      style: { color: '#2e7d32' },
    });
    expect(layer.statusCode).toBe(201);
    const layerId = layer.json<{ id: string }>().id;
    const county = await server.userSession('xy', 'county-editor', ['140423']);
    expect((await inject(county, 'POST', '/api/layers', layer.json())).statusCode).toBe(403);
    const { x, y } = inXiangyuan;
    const feature = { type: 'Feature', properties: { name: '图斑1', source: '襄垣县上报', precision: 'surveyed' }, geometry: square(x, y) };
    const added = await inject(county, 'POST', `/api/layers/${layerId}/features`, feature);
    expect(added.statusCode).toBe(201);
    const outside = await inject(county, 'POST', `/api/layers/${layerId}/features`, { ...feature, geometry: square(112.0, 36.3) });
    expect(outside.statusCode).toBe(403);
    const moved = await inject(county, 'PUT', `/api/features/${added.json<{ id: string }>().id}`, { ...feature, geometry: square(112.0, 36.3) }, '"1"');
    expect(moved.statusCode).toBe(403);
    const read = await inject(viewer, 'GET', `/api/layers/${layerId}/features`);
    const collection = read.json<LayerFeatures>();
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0].properties).toMatchObject({ name: '图斑1', precision: 'surveyed' });

    // Read again unchanged: 304 without a body; after a write the revision moves and the features come.
    const etag = String(read.headers.etag);
    const again = (tag: string) => server.app.inject({ method: 'GET', url: `/api/layers/${layerId}/features`, headers: { cookie: viewer, 'if-none-match': tag } });
    const unchanged = await again(etag);
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    expect((await inject(county, 'POST', `/api/layers/${layerId}/features`, { ...feature, properties: { ...feature.properties, name: '图斑2' } })).statusCode).toBe(201);
    const changed = await again(etag);
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json<LayerFeatures>().features.map((f) => f.properties.name).sort()).toEqual(['图斑1', '图斑2']);
  });

  it('imports uploaded files through src/import into a layer, all or nothing, county editors inside their county only', async () => {
    const layer = (
      await inject(alice, 'POST', '/api/layers', { title: { zh: '上报', en: 'Reported' }, legend: { zh: '上报', en: 'Reported' }, geometry: 'polygon', style: { color: '#2e7d32' } })
    ).json<{ id: string }>();
    const county = await server.userSession('xy-import', 'county-editor', ['140423']);
    const { x, y } = inXiangyuan;
    const placemark = (name: string, px: number, py: number) =>
      `<Placemark><name>${name}</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${px},${py} ${px + 0.01},${py} ${px + 0.01},${py + 0.01} ${px},${py}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;
    const kml = (marks: string) => Buffer.from(`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${marks}</Document></kml>`).toString('base64');
    const upload = (cookie: string, base64: string, name = 'patches.kml') =>
      server.app.inject({ method: 'POST', url: `/api/layers/${layer.id}/import`, headers: { cookie }, payload: { files: [{ name, base64 }], precision: 'surveyed' } });

    const ok = await upload(county, kml(placemark('甲', x, y) + placemark('乙', x - 0.005, y - 0.005)));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ added: 2, sourceCrs: ['EPSG:4326'] });
    const outside = await upload(county, kml(placemark('丙', x, y) + placemark('丁', 112.0, 36.3)));
    expect(outside.statusCode).toBe(403);
    const broken = await upload(alice, Buffer.from('<kml><Document><Placemark>').toString('base64'));
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ message: string }>().message).toMatch(/patches\.kml|KML/);
    expect((await upload(viewer, kml(placemark('戊', x, y)))).statusCode).toBe(403);

    const collection = (await inject(viewer, 'GET', `/api/layers/${layer.id}/features`)).json<LayerFeatures>();
    expect(collection.features.map((f) => f.properties.name).sort()).toEqual(['乙', '甲']);
    expect(collection.features[0].properties.precision).toBe('surveyed');
    expect(collection.features[0].properties.source).toContain('patches.kml');
    const history = (await inject(viewer, 'GET', `/api/features/${collection.features[0].id}/history`)).json<unknown[]>();
    expect(history).toEqual([expect.objectContaining({ version: 1, author: 'xy-import' })]);
  });
});
