import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { KIND_KEY, statisticsInput } from '../app/stats/statisticsInput.ts';
import { zoneStatistics } from '../geo/zoneStatistics.ts';
import { loadPack } from '../pack/loadPack.ts';
import { cookieFetch } from '../server/testing/cookieFetch.ts';
import { openListeningTestServer, type TestServer } from '../server/testing/testServer.ts';
import { ApiError, ServerApi } from '../store/serverApi.ts';
import { PublishController } from './publishController.ts';
import { SharedLayersController } from './sharedLayersController.ts';

const DATA = resolve(import.meta.dirname, '..', '..', 'data');
const fileFetch = ((url: string | URL) => Promise.resolve(new Response(readFileSync(resolve(DATA, new URL(url).pathname.replace(/^\/data\//, '')))))) as typeof fetch;
const fixture = resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'import', 'geojson', 'wgs84.geojson');

describe('SharedLayersController against a real server (PGlite)', () => {
  let server: TestServer & { base: string };
  let base: string;
  const signedIn = async (username: string, password: string) => {
    const api = new ServerApi(cookieFetch(), base);
    await api.signIn(username, password);
    return api;
  };
  beforeAll(async () => {
    server = await openListeningTestServer('pglite', [
      { username: 'ed', role: 'editor', password: 'editor-password-12' },
      { username: 'vi', role: 'viewer', password: 'viewer-password-12' },
      { username: 'xy', role: 'county-editor', regions: ['140423'], password: 'xiangyuan-password-1' },
    ]);
    ({ base } = server);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('another member sees an editor’s shared layer as a workspace layer: its features, who and when, counted in the statistics', async () => {
    // The page tells its other tabs after a confirmed share (they read again: teamWork.tsx).
    let told = 0;
    const editor = new PublishController(await signedIn('ed', 'editor-password-12'), 'changzhi', () => told++);
    await editor.load(true);
    expect(await editor.share({ title: '坏文件', color: '#000000', precision: 'surveyed', files: [{ name: 'broken.geojson', bytes: new TextEncoder().encode('{') }] })).toBe(false);
    expect(told).toBe(0);
    const bytes = new Uint8Array(await readFile(fixture));
    expect(await editor.share({ title: '2026 修复图斑', color: '#cc3300', precision: 'surveyed', source: '长治市自然资源局 2026', files: [{ name: 'wgs84.geojson', bytes }] })).toBe(true);
    expect(told).toBe(1);

    const viewerApi = await signedIn('vi', 'viewer-password-12');
    const list = new PublishController(viewerApi, 'changzhi');
    await list.load(true);
    const shared = new SharedLayersController({ api: viewerApi, origin: base });
    await shared.show(list.getState().layers);
    const [layer] = shared.getState().layers;
    expect(shared.getState().error).toBeNull();
    expect(layer.id).toBe(`shared-${list.getState().layers[0].id}`);
    expect(layer.title.zh).toBe('2026 修复图斑');
    expect(layer.style.color).toBe('#cc3300');
    expect(layer.shared).toMatchObject({ serverId: list.getState().layers[0].id, by: 'ed' });
    expect(Date.parse(layer.shared!.at)).toBeGreaterThan(Date.now() - 60_000);
    // The fixture's nine features with a geometry, named by its 名称 column, with the stated source and precision.
    expect(layer.data.features).toHaveLength(9);
    expect(layer.shared!.featureIds).toHaveLength(9);
    expect(layer.data.features.find((f) => f.properties.name === '漳泽湖湿地')?.properties).toMatchObject({ 名称: '漳泽湖湿地', source: '长治市自然资源局 2026', precision: 'surveyed' });
    expect(layer.imported?.tiles).toBeUndefined();

    // Counted like an imported layer: its polygons are a kind of the county statistics, and the
    // browser's figures per county agree with the server's own (PostGIS) statistics of the layer.
    const pack = await loadPack('http://pack.test/data/changzhi/pack.json', fileFetch);
    const input = statisticsInput([...pack.layers, layer])!;
    const kind = input.kinds.find((k) => k.title.zh === '2026 修复图斑')!;
    expect(kind.hasArea).toBe(true);
    const inBrowser = zoneStatistics(input.regions, input.zones, { regionKey: 'adcode', kindKey: KIND_KEY });
    const onServer = await viewerApi.request<{ code: string; area_m2: number }[]>('GET', `/api/layers/${layer.shared!.serverId}/statistics`);
    expect(onServer.length).toBeGreaterThan(0);
    for (const row of onServer) {
      const browser = inBrowser.regions.find((r) => r.name === row.code)?.zones[kind.id]?.area_m2 ?? 0;
      expect(Math.abs(browser - row.area_m2) / row.area_m2, row.code).toBeLessThan(1e-4);
    }

    // Nothing changed: the same object (no new statistics run, no map redraw).
    await shared.show(list.getState().layers, true);
    expect(shared.getState().layers[0]).toBe(layer);

    // A large layer is drawn from the server's vector tiles.
    const browser = cookieFetch();
    const tileApi = new ServerApi(browser, base);
    await tileApi.signIn('vi', 'viewer-password-12');
    const tiled = new SharedLayersController({ api: tileApi, origin: base, tileMinFeatures: 5 });
    await tiled.show(list.getState().layers);
    const tiles = tiled.getState().layers[0].imported?.tiles;
    expect(tiles).toMatchObject({ sourceLayer: 'imported', featureIds: { property: 'id', ids: layer.shared!.featureIds } });
    expect(tiles!.url).toMatch(new RegExp(`^${base}/api/layers/${layer.shared!.serverId}/tiles/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=\\w+$`));
    // The tile over 漳泽湖 (z 8), with this browser's session, as MapLibre will fetch it: each
    // feature carries its id, which the map turns back into the feature's index in the layer.
    const response = await browser(tiles!.url.replace('{z}/{x}/{y}', '8/208/100'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const tile = new VectorTile(new PbfReader(new Uint8Array(await response.arrayBuffer()))).layers.imported;
    const named = Array.from({ length: tile.length }, (_, i) => tile.feature(i).properties.id);
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(layer.shared!.featureIds).toContain(id);

    // Signed out: nothing shared stays.
    shared.clear();
    expect(shared.getState().layers).toEqual([]);
  });

  it('each feature has its history; a restore makes an old version the newest for everyone; a county editor outside their county is refused', async () => {
    const editorApi = await signedIn('ed', 'editor-password-12');
    const editor = new PublishController(editorApi, 'changzhi');
    await editor.load(true);
    let told = 0;
    const shared = new SharedLayersController({ api: editorApi, origin: base, announce: () => told++ });
    await shared.show(editor.getState().layers);
    const layer = shared.getState().layers[0];
    const index = layer.data.features.findIndex((f) => f.properties.name === '漳泽湖湿地');
    const id = layer.shared!.featureIds[index];
    const feature = layer.data.features[index];
    await editorApi.update('/api/features', id, 1, { type: 'Feature', geometry: feature.geometry, properties: { ...feature.properties, name: '漳泽湖湿地（改）' } });

    // The layer record did not change, a feature did: a refresh reads it.
    await shared.show(editor.getState().layers, true);
    const changed = shared.getState().layers[0];
    expect(changed).not.toBe(layer);
    expect(changed.data.features[index].properties.name).toBe('漳泽湖湿地（改）');
    const history = await shared.history(shared.featureId(changed.id, index));
    expect(history.map((v) => [v.version, v.data.name, v.author])).toEqual([[1, '漳泽湖湿地', 'ed'], [2, '漳泽湖湿地（改）', 'ed']]);

    const reader = await signedIn('vi', 'viewer-password-12');
    const viewer = new SharedLayersController({ api: reader, origin: base });
    await viewer.show(editor.getState().layers);
    const refused = await viewer.restore(changed.id, id, 1, 2).catch((e: unknown) => e);
    expect((refused as ApiError).status).toBe(403);

    // 漳泽湖 lies in 长治 city's districts, not in 襄垣县: the county editor's restore is refused.
    const countyApi = await signedIn('xy', 'xiangyuan-password-1');
    const county = new SharedLayersController({ api: countyApi, origin: base });
    await county.show(editor.getState().layers);
    const outside = await county.restore(changed.id, id, 1, 2).catch((e: unknown) => e);
    expect((outside as ApiError).status).toBe(403);

    // Restoring from a history that a teammate's change has overtaken: refused (409), nothing overwritten.
    const stale = await shared.restore(changed.id, id, 1, 1).catch((e: unknown) => e);
    expect((stale as ApiError).status).toBe(409);
    expect(told).toBe(0);
    await shared.restore(changed.id, id, 1, 2);
    expect(told).toBe(1);
    expect(shared.getState().layers[0].data.features[index].properties.name).toBe('漳泽湖湿地');
    expect((await shared.history(id)).map((v) => [v.version, v.data.name])).toEqual([[1, '漳泽湖湿地'], [2, '漳泽湖湿地（改）'], [3, '漳泽湖湿地']]);
  });
});
