import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFetch } from '../server/testing/cookieFetch.ts';
import { openListeningTestServer, type TestServer } from '../server/testing/testServer.ts';
import { createMemoryStore, memoryBacking } from '../store/memoryStore.ts';
import { ServerApi, type ServerRecord } from '../store/serverApi.ts';
import { memoryLinks, type SyncLink } from '../store/syncLinks.ts';
import type { LocalTeamRecord } from '../store/teamRecordDb.ts';
import { PublishController } from './publishController.ts';
import { TeamRecordsController, type IndicatorRecord, type RecordBody, type RestorationRecord } from './teamRecordsController.ts';
import { browserLock } from './testing/browserLock.ts';

const XIANGYUAN = '140423';
const ZHANGZI = '140428';
const fixture = resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'import', 'geojson', 'wgs84.geojson');

/**
 * One browser of one user: a session cookie, a network that can be cut, and what survives a
 * reload (the records' store and the sync links: IndexedDB in the app). `open` is a page load.
 */
async function device<T extends ServerRecord>(base: string, username: string, password: string, path: string) {
  const browser = cookieFetch();
  const net = { online: true };
  const api = new ServerApi((input, init) => (net.online ? browser(input, init) : Promise.reject(new TypeError('Failed to fetch'))), base);
  await api.signIn(username, password);
  const backing = memoryBacking<LocalTeamRecord<RecordBody<T>>, never>();
  const links = new Map<string, SyncLink>();
  // One lock for the browser, as navigator.locks gives: a second drain waits for the first.
  const exclusive = browserLock();
  const open = async () => {
    const controller = new TeamRecordsController<T>({
      api,
      path,
      label: (r) => JSON.stringify(r),
      openStore: () => Promise.resolve(createMemoryStore(backing)),
      openLinks: () => Promise.resolve(memoryLinks(links)),
      exclusive,
      later: () => () => undefined,
    });
    await controller.start(username);
    return controller;
  };
  return { records: await open(), net, api, reload: open };
}

describe('restorations, indicators and publishing through the controllers, against a real server (PGlite)', { timeout: 60_000 }, () => {
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
  const restorations = (username: string, password: string) => device<RestorationRecord>(base, username, password, '/api/restorations');
  const onServer = async (api: ServerApi) => (await api.list<RestorationRecord>('/api/restorations')).map((r) => [r.site, r.date, r.restored_mu, r.author]);
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

  it('a county editor records in their county; in another the server refuses it, says why, keeps it here until deleted, and stores nothing', async () => {
    const xy = await restorations('xy', 'xiangyuan-password-1');
    expect(xy.records.getState()).toMatchObject({ loaded: true, records: [], sync: 'synced' });
    const stored = await xy.records.create({ site: '五阳煤矿', date: '2026-06-30', restored_mu: 40, evidence: await square(XIANGYUAN), note: '一期' });
    expect(stored).toMatchObject({ site: '五阳煤矿', restored_mu: 40, author: 'xy' });
    await xy.records.synced();
    expect(xy.records.getState().pending.size).toBe(0);
    expect(xy.records.getState().records).toMatchObject([{ site: '五阳煤矿', version: 1, author: 'xy' }]);

    const outside = await xy.records.create({ site: '长子县采煤沉陷区', date: '2026-07-01', restored_mu: 12, evidence: await square(ZHANGZI) });
    await xy.records.synced();
    const [refusal] = xy.records.getState().refused;
    expect(refusal.id).toBe(outside!.id);
    expect(refusal.error.status).toBe(403);
    expect(refusal.error.text('zh')).toBe('位置超出你负责的区县');
    // Kept here, marked pending; the server stored only the first.
    expect(xy.records.getState().records.map((r) => r.site)).toEqual(['五阳煤矿', '长子县采煤沉陷区']);
    expect(xy.records.getState().pending).toEqual(new Set([outside!.id]));
    expect(await onServer(xy.api)).toEqual([['五阳煤矿', '2026-06-30', 40, 'xy']]);
    // The user deletes the refused figure: gone here, nothing sent.
    expect(await xy.records.remove(outside!.id)).toBe(true);
    await xy.records.synced();
    expect(xy.records.getState()).toMatchObject({ refused: [], pending: new Set() });
    expect(xy.records.getState().records.map((r) => r.site)).toEqual(['五阳煤矿']);

    // Another user's page loads what was stored, with its author.
    const other = await restorations('ed', 'editor-password-12');
    expect(other.records.getState().records.map((r) => [r.site, r.date, r.restored_mu, r.author])).toEqual([['五阳煤矿', '2026-06-30', 40, 'xy']]);
  });

  it('a figure typed while the server is unreachable is kept, survives a reload, and arrives on reconnecting', async () => {
    const ed = await restorations('ed', 'editor-password-12');
    const before = (await onServer(ed.api)).length;
    ed.net.online = false;
    const typed = await ed.records.create({ site: '漳泽湖', date: '2027-04-01', restored_mu: 12.5, evidence: await square(ZHANGZI), note: '离线录入' });
    expect(typed).toMatchObject({ site: '漳泽湖', restored_mu: 12.5 });
    await ed.records.synced();
    expect(ed.records.getState().sync).toBe('offline');
    expect(ed.records.getState().pending).toEqual(new Set([typed!.id]));

    // The page is closed and opened again, still offline: the figure and its mark are there.
    const reloaded = await ed.reload();
    expect(reloaded.getState().records.find((r) => r.id === typed!.id)).toMatchObject({ site: '漳泽湖', date: '2027-04-01' });
    expect(reloaded.getState().pending).toEqual(new Set([typed!.id]));
    ed.net.online = true;
    expect(await onServer(ed.api)).toHaveLength(before);

    await reloaded.synced();
    expect(reloaded.getState()).toMatchObject({ sync: 'synced', pending: new Set(), conflicts: [], refused: [] });
    expect(await onServer(ed.api)).toContainEqual(['漳泽湖', '2027-04-01', 12.5, 'ed']);
    expect(await onServer(ed.api)).toHaveLength(before + 1);
  });

  it('one figure edited in two places: the second writer gets a conflict with both versions; keep both keeps both, keep mine keeps theirs in the history', async () => {
    const laptop = await restorations('ed', 'editor-password-12');
    const made = await laptop.records.create({ site: '襄垣县采煤沉陷区', date: '2026-09-30', restored_mu: 60, evidence: await square(XIANGYUAN) });
    await laptop.records.synced();
    const county = await restorations('xy', 'xiangyuan-password-1');
    const there = county.records.getState().records.find((r) => r.site === '襄垣县采煤沉陷区')!;

    // The county editor corrects it first; the editor, offline, corrects the same version.
    const { id: _id, version: _v, author: _a, updated_at: _u, updated_by: _b, deleted: _d, ...body } = there;
    await county.records.change(there.id, { ...body, restored_mu: 65, note: '县里核实' });
    await county.records.synced();
    laptop.net.online = false;
    await laptop.records.change(made!.id, { ...body, restored_mu: 70, note: '市里核实' });
    laptop.net.online = true;
    await laptop.records.synced();

    const [conflict] = laptop.records.getState().conflicts;
    expect([conflict.mine.restored_mu, conflict.mine.note]).toEqual([70, '市里核实']);
    expect([conflict.theirs.restored_mu, conflict.theirs.note, conflict.theirs.updated_by]).toEqual([65, '县里核实', 'xy']);
    expect(conflict.theirVersion).toBe(2);
    // Nothing overwritten: mine here, theirs there.
    expect(laptop.records.getState().records.find((r) => r.id === made!.id)?.restored_mu).toBe(70);
    expect((await onServer(laptop.api)).filter(([site]) => site === '襄垣县采煤沉陷区')).toEqual([['襄垣县采煤沉陷区', '2026-09-30', 65, 'xy']]);

    // Keep both: two dated figures, here and on the server.
    await laptop.records.resolve(made!.id, 'both');
    expect(laptop.records.getState()).toMatchObject({ conflicts: [], pending: new Set() });
    const figures = (rows: unknown[][]) => rows.filter(([site]) => site === '襄垣县采煤沉陷区').map(([, , mu, by]) => [mu, by]).sort();
    expect(figures(await onServer(laptop.api))).toEqual([[65, 'xy'], [70, 'ed']]);
    expect(laptop.records.getState().records.filter((r) => r.site === '襄垣县采煤沉陷区').map((r) => r.restored_mu).sort()).toEqual([65, 70]);

    // Again, keeping mine: a new version over theirs, theirs stays in the history with who and when.
    await county.records.synced();
    await county.records.change(there.id, { ...body, restored_mu: 66 });
    await county.records.synced();
    await laptop.records.change(made!.id, { ...body, restored_mu: 64 });
    await laptop.records.synced();
    expect(laptop.records.getState().conflicts.map((c) => [c.mine.restored_mu, c.theirs.restored_mu])).toEqual([[64, 66]]);
    await laptop.records.resolve(made!.id, 'mine');
    const history = await laptop.records.history(made!.id);
    expect(history.map((v) => [v.version, v.author, v.data.restored_mu])).toEqual([
      [1, 'ed', 60],
      [2, 'xy', 65],
      [3, 'xy', 66],
      [4, 'ed', 64],
    ]);
    expect(Date.parse(history[3].created_at)).toBeGreaterThan(Date.now() - 60_000);

    // Restore: version 2 becomes the newest, checked against the version this browser has, and comes here.
    await laptop.records.restore(made!.id, 2);
    expect(laptop.records.getState().records.find((r) => r.id === made!.id)).toMatchObject({ restored_mu: 65, note: '县里核实', version: 5 });
    await county.records.synced();
    expect(county.records.getState().records.find((r) => r.id === there.id)).toMatchObject({ restored_mu: 65, version: 5, updated_by: 'ed' });
  });

  it('two tabs of one browser: a figure typed in one is listed in the other at once and sent once', async () => {
    const tab1 = await restorations('ed', 'editor-password-12');
    const tab2 = await tab1.reload();
    const before = (await onServer(tab1.api)).length;
    const typed = await tab1.records.create({ site: '屯留区', date: '2028-03-01', restored_mu: 7, evidence: await square(XIANGYUAN) });
    await expect.poll(() => tab2.getState().records.map((r) => r.id)).toContain(typed!.id);
    await Promise.all([tab1.records.synced(), tab2.synced()]);
    expect(await onServer(tab1.api)).toHaveLength(before + 1);
    await tab2.synced();
    expect(tab2.getState().pending.size).toBe(0);
    expect(tab2.getState().records.filter((r) => r.site === '屯留区')).toHaveLength(1);
  });

  it('an editor enters an indicator’s yearly value with its source; a county editor’s is refused by the server', async () => {
    const indicators = await device<IndicatorRecord>(base, 'ed', 'editor-password-12', '/api/indicators');
    expect(await indicators.records.create({ indicator: '森林覆盖率', year: 2026, value: 34.6, source: '长治市统计公报 2026' })).toMatchObject({ year: 2026, value: 34.6, updated_by: 'ed' });
    await indicators.records.synced();
    expect(indicators.records.getState().pending.size).toBe(0);
    const county = await device<IndicatorRecord>(base, 'xy', 'xiangyuan-password-1', '/api/indicators');
    await county.records.create({ indicator: '森林覆盖率', year: 2027, value: 35, source: 'x' });
    await county.records.synced();
    expect(county.records.getState().refused.map((r) => r.error.status)).toEqual([403]);
    const reader = new ServerApi(cookieFetch(), base);
    await reader.signIn('ed', 'editor-password-12');
    expect((await reader.list<IndicatorRecord>('/api/indicators')).map((r) => [r.indicator, r.year, r.value, r.source])).toEqual([['森林覆盖率', 2026, 34.6, '长治市统计公报 2026']]);
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
