import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFetch } from '../server/testing/cookieFetch.ts';
import { openListeningTestServer, type TestServer } from '../server/testing/testServer.ts';
import { ServerApi } from '../store/serverApi.ts';
import { PublishController } from './publishController.ts';
import { TeamRecordsController, type IndicatorRecord, type RestorationRecord } from './teamRecordsController.ts';

const XIANGYUAN = '140423';
const ZHANGZI = '140428';
const fixture = resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'import', 'geojson', 'wgs84.geojson');

describe('restorations, indicators and publishing through the controllers, against a real server (PGlite)', () => {
  let server: TestServer & { base: string };
  let base: string;
  const square = async (code: string) => {
    const { rows } = await sql<{ x: number; y: number }>`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions WHERE code = ${code}) s`.execute(server.database.db);
    const { x, y } = rows[0];
    return { type: 'Polygon', coordinates: [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]] };
  };
  const signedIn = async (username: string, password: string) => {
    const api = new ServerApi(cookieFetch(), base);
    await api.signIn(username, password);
    return api;
  };
  beforeAll(async () => {
    server = await openListeningTestServer('pglite', [
      { username: 'xy', role: 'county-editor', regions: [XIANGYUAN], password: 'xiangyuan-password-1' },
      { username: 'ed', role: 'editor', password: 'editor-password-12' },
    ]);
    ({ base } = server);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('a county editor records in their county; in another the write is refused, said, and nothing is added', async () => {
    const restorations = new TeamRecordsController<RestorationRecord>(await signedIn('xy', 'xiangyuan-password-1'), '/api/restorations');
    await restorations.load();
    expect(restorations.getState()).toMatchObject({ loaded: true, records: [] });
    const stored = await restorations.create({ site: '五阳煤矿', date: '2026-06-30', restored_mu: 40, evidence: await square(XIANGYUAN), note: '一期' });
    expect(stored).toMatchObject({ site: '五阳煤矿', restored_mu: 40, author: 'xy', version: 1 });
    const refused = await restorations.create({ site: '长子县采煤沉陷区', date: '2026-07-01', restored_mu: 12, evidence: await square(ZHANGZI) });
    expect(refused).toBeNull();
    expect(restorations.getState().error?.status).toBe(403);
    expect(restorations.getState().error?.text('zh')).toBe('位置超出你负责的区县');
    expect(restorations.getState().records.map((r) => r.site)).toEqual(['五阳煤矿']);

    // Another user's page loads what was stored, with its author.
    const other = new TeamRecordsController<RestorationRecord>(await signedIn('ed', 'editor-password-12'), '/api/restorations');
    await other.load();
    expect(other.getState().records.map((r) => [r.site, r.date, r.restored_mu, r.author])).toEqual([['五阳煤矿', '2026-06-30', 40, 'xy']]);
  });

  it('an editor enters an indicator’s yearly value with its source; a county editor may not', async () => {
    const indicators = new TeamRecordsController<IndicatorRecord>(await signedIn('ed', 'editor-password-12'), '/api/indicators');
    expect(await indicators.create({ indicator: '森林覆盖率', year: 2026, value: 34.6, source: '长治市统计公报 2026' })).toMatchObject({ year: 2026, value: 34.6, updated_by: 'ed' });
    const county = new TeamRecordsController<IndicatorRecord>(await signedIn('xy', 'xiangyuan-password-1'), '/api/indicators');
    expect(await county.create({ indicator: '森林覆盖率', year: 2027, value: 35, source: 'x' })).toBeNull();
    expect(county.getState().error?.status).toBe(403);
    await county.load();
    expect(county.getState().records.map((r) => [r.indicator, r.year, r.value, r.source])).toEqual([['森林覆盖率', 2026, 34.6, '长治市统计公报 2026']]);
  });

  it('an editor shares a file as a layer and publishes; the pinned version keeps its layers, a bad file leaves no layer', async () => {
    const editor = new PublishController(await signedIn('ed', 'editor-password-12'), 'changzhi');
    await editor.load(true);
    expect(editor.getState()).toMatchObject({ layers: [], versions: [] });
    expect(await editor.publish()).toBe(1);

    const bytes = new Uint8Array(await readFile(fixture));
    expect(await editor.share({ title: '2026 修复图斑', color: '#cc3300', precision: 'surveyed', source: '长治市自然资源局 2026', files: [{ name: 'wgs84.geojson', bytes }] })).toBe(true);
    expect(editor.getState().layers.map((l) => [l.title.zh, l.updated_by])).toEqual([['2026 修复图斑', 'ed']]);
    expect(Date.parse(editor.getState().layers[0].updated_at)).toBeGreaterThan(Date.now() - 60_000);

    expect(await editor.share({ title: '坏文件', color: '#000000', precision: 'surveyed', files: [{ name: 'broken.geojson', bytes: new TextEncoder().encode('{"type":"FeatureCollection","features":[') }] })).toBe(false);
    expect(editor.getState().error?.status).toBeGreaterThanOrEqual(400);
    expect(editor.getState().layers).toHaveLength(1);

    expect(await editor.publish()).toBe(2);
    expect(editor.getState().versions.map((v) => [v.version, v.author])).toEqual([[1, 'ed'], [2, 'ed']]);
    const layersOf = async (ref: string) => ((await (await fetch(`${base}/packs/${ref}/pack.json`)).json()) as { layers: { id: string }[] }).layers.map((l) => l.id);
    const layerId = `layer-${editor.getState().layers[0].id}`;
    expect(await layersOf('changzhi@2')).toContain(layerId);
    expect(await layersOf('changzhi@1')).not.toContain(layerId);
    const published = (await (await fetch(`${base}/packs/changzhi@2/${layerId}.geojson`)).json()) as { features: unknown[] };
    expect(published.features).toHaveLength(9);

    // Someone who is not signed in sees the versions, no layers; a county editor cannot publish.
    const reader = new PublishController(new ServerApi(cookieFetch(), base), 'changzhi');
    await reader.load(false);
    expect(reader.getState()).toMatchObject({ layers: [], versions: [{ version: 1 }, { version: 2 }] });
    const county = new PublishController(await signedIn('xy', 'xiangyuan-password-1'), 'changzhi');
    expect(await county.publish()).toBeNull();
    expect(county.getState().error?.status).toBe(403);
  });
});
