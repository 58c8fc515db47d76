/**
 * The import controller in Node: real files from tests/fixtures through the real converters (the
 * import worker's own code, on a MessageChannel in this thread, behind the real import client),
 * the real decoding and checking (decodeLayerJson runs them on the page where there are no
 * workers) and the in-memory store the app falls back to, made to fail where a full disk would.
 * The map is the only stand-in: it "draws" at once and notes where it was asked to look.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeLayerJson } from '../workers/decodeLayerJson.ts';
import type { Bbox } from '../store/importedLayer.ts';
import { memoryImportStore } from '../store/importStore.ts';
import { fixtureInput } from '../import/testSupport.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { createImportWorkerRemote } from '../workers/import.worker.ts';
import { createImportClient, type ImportClient, type WorkerLike } from '../workers/importClient.ts';
import { ImportController, type ImportState } from './importController.ts';

/** A "worker" on a MessageChannel in this thread, running the real worker object. */
function inThreadWorker(): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createImportWorkerRemote(), port2);
  return Object.assign(port1 as unknown as WorkerLike, {
    terminate() {
      port1.close();
      port2.close();
    },
  });
}

const clients: ImportClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/** `tiles: 'always'` tiles every layer, as the import worker does with large ones. */
function setUp(store = memoryImportStore(), hiddenIds: string[] = [], tiles?: 'always') {
  const client = createImportClient({ createWorker: inThreadWorker });
  clients.push(client);
  const workspace = { layers: [] as LoadedLayer[], visible: new Map<string, boolean>(), forgotten: [] as string[] };
  const fitted: Bbox[] = [];
  const drawn: string[] = [];
  let hidden = [...hiddenIds];
  let ids = 0;
  const controller = new ImportController({
    worker: tiles ? { ...client, importFiles: (files, options) => client.importFiles(files, { ...options, tiles }) } : client,
    openStore: () => Promise.resolve(store),
    workspace: {
      setLayers: (layers) => (workspace.layers = layers),
      setVisible: (id, visible) => workspace.visible.set(id, visible),
      forget: (id) => workspace.forgotten.push(id),
    },
    map: () => ({
      whenDrawn: (id) => {
        drawn.push(id);
        return Promise.resolve();
      },
      fitBounds: (b) => fitted.push(b),
    }),
    decode: decodeLayerJson,
    packLayers: [],
    regionHint: [111.929, 35.773, 113.781, 37.175],
    hidden: { load: () => new Set(hidden), save: (next) => (hidden = next) },
    now: () => 1_700_000_000_000,
    makeId: () => `import-test${++ids}`,
  });
  return { controller, store, workspace, fitted, drawn, hidden: () => hidden };
}

/** Resolves once the controller's state satisfies `ok` (checked on every change). */
function until(controller: ImportController, ok: (s: ImportState) => boolean): Promise<ImportState> {
  return new Promise((resolve) => {
    if (ok(controller.getState())) return resolve(controller.getState());
    const stop = controller.subscribe(() => {
      if (!ok(controller.getState())) return;
      stop();
      resolve(controller.getState());
    });
  });
}

const noticeKey = (s: ImportState) => (s.notice && 'key' in s.notice.text ? s.notice.text.key : s.notice && 'importMessage' in s.notice.text ? s.notice.text.importMessage.code : null);
const noticeParams = (s: ImportState) => (s.notice && 'key' in s.notice.text ? s.notice.text.params : undefined);

async function storedFeatures(store: ReturnType<typeof memoryImportStore>, id: string): Promise<number> {
  const bytes = await store.getData(id);
  return (JSON.parse(new TextDecoder().decode(bytes!)) as { features: unknown[] }).features.length;
}

describe('import controller', () => {
  it('keeps a tiled layer packed: the workspace reads the features an untiled import gives, the store has them whole, and so after a reload', async () => {
    const plain = setUp();
    await plain.controller.load();
    await plain.controller.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')]);
    const expected = plain.workspace.layers[0].data.features;
    expect(expected).toHaveLength(4);

    const tiled = setUp(memoryImportStore(), [], 'always');
    await tiled.controller.load();
    await tiled.controller.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')]);
    const [entry] = tiled.controller.getState().entries;
    expect(entry.record.tiled).toBe(true);
    expect(entry.tiles).toBeDefined();
    const features = tiled.workspace.layers[0].data.features;
    expect(features.map((f) => f.geometry)).toEqual(expected.map((f) => f.geometry));
    expect(features.map((f) => f.properties)).toEqual(expected.map((f) => f.properties));
    const stored = JSON.parse(new TextDecoder().decode((await tiled.store.getData(entry.record.id))!)) as { features: { geometry: unknown; properties: unknown }[] };
    expect(stored.features.map((f) => f.geometry)).toEqual(expected.map((f) => f.geometry));

    const again = setUp(tiled.store, [], 'always');
    await again.controller.load();
    const [restored] = again.controller.getState().entries;
    expect(restored.tiles).toBeDefined();
    expect(again.workspace.layers[0].data.features.map((f) => f.geometry)).toEqual(expected.map((f) => f.geometry));
    expect(again.workspace.layers[0].data.features.map((f) => f.properties)).toEqual(expected.map((f) => f.properties));
  });

  it('imports a shapefile: drawn, then stored, checked and handed to the workspace; the map looks at it', async () => {
    const { controller, store, workspace, fitted, drawn } = setUp();
    await controller.load();
    await controller.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')]);
    const s = controller.getState();
    expect(s.busy).toBeNull();
    expect(s.entries).toHaveLength(1);
    const { record } = s.entries[0];
    expect(record).toMatchObject({ id: 'import-test1', fileName: 'cgcs2000-3deg-cm114.zip', featureCount: 4, geometry: 'polygon', tiled: false });
    expect(noticeKey(s)).toBe('import.doneOne');
    expect(workspace.layers.map((l) => [l.id, l.data.features.length])).toEqual([['import-test1', 4]]);
    expect(workspace.visible.get('import-test1')).toBe(true);
    expect(drawn).toEqual(['import-test1']);
    // The map is sent to the layer's bounds, around Changzhi (CGCS2000 3° zone, central meridian 114°).
    expect(fitted).toHaveLength(1);
    expect(fitted[0][0]).toBeGreaterThan(112);
    expect(fitted[0][2]).toBeLessThan(115);
    expect(await store.list()).toEqual([record]);
    expect(await storedFeatures(store, record.id)).toBe(4);
    expect(s.unsaved).toEqual({});
  });

  it('a layer the store refuses (full disk) stays on the page, marked unsaved, is named in the message, and is stored by a retry', async () => {
    const { controller, store, workspace } = setUp();
    await controller.load();
    store.failWrites = 'quota';
    await controller.importFiles([fixtureInput('csv/points-xy.csv')]);
    let s = controller.getState();
    expect(s.entries).toHaveLength(1);
    const id = s.entries[0].record.id;
    expect(workspace.layers.map((l) => l.id)).toEqual([id]);
    expect(s.unsaved[id]).toMatchObject({ what: 'layer' });
    expect(noticeKey(s)).toBe('import.storeFailed');
    expect(noticeParams(s)).toMatchObject({ file: 'points-xy.csv' });
    expect(await store.list()).toEqual([]);

    // A rename meanwhile is kept with the layer, written with it by the retry.
    controller.change(id, { name: '控制点' });
    store.failWrites = null;
    await controller.retrySave(id);
    s = controller.getState();
    expect(s.unsaved).toEqual({});
    expect((await store.list()).map((r) => r.name)).toEqual(['控制点']);
    expect(await storedFeatures(store, id)).toBe(s.entries[0].record.featureCount);
  });

  it('settings the store refuses stay on screen, marked unsaved with a message naming the file, until a retry stores them', async () => {
    const { controller, store } = setUp();
    await controller.load();
    await controller.importFiles([fixtureInput('geojson/wgs84.geojson')]);
    const id = controller.getState().entries[0].record.id;
    store.failWrites = 'quota';
    controller.change(id, { color: '#123456' });
    let s = await until(controller, (x) => Boolean(x.unsaved[id]));
    expect(s.unsaved[id]).toMatchObject({ what: 'settings' });
    expect(noticeKey(s)).toBe('import.settingsNotSaved');
    expect(noticeParams(s)).toMatchObject({ file: 'wgs84.geojson' });
    expect(s.entries[0].record.color).toBe('#123456');
    expect((await store.list())[0].color).not.toBe('#123456');
    store.failWrites = null;
    await controller.retrySave(id);
    s = controller.getState();
    expect(s.unsaved).toEqual({});
    expect((await store.list())[0].color).toBe('#123456');
  });

  it('a broken file changes nothing that is open or stored, and says which file', async () => {
    const { controller, store, workspace } = setUp();
    await controller.load();
    await controller.importFiles([fixtureInput('geojson/wgs84.geojson')]);
    const before = { entries: controller.getState().entries, stored: await store.list(), layers: workspace.layers };
    const zip = fixtureInput('shp/cgcs2000-3deg-cm114.zip');
    await controller.importFiles([{ name: 'broken.zip', bytes: zip.bytes.slice(0, 200) }]);
    const s = controller.getState();
    expect(s.notice?.kind).toBe('error');
    expect(s.notice && 'importMessage' in s.notice.text && JSON.stringify(s.notice.text.importMessage)).toContain('broken.zip');
    expect(s.entries).toBe(before.entries);
    expect(workspace.layers).toBe(before.layers);
    expect(await store.list()).toEqual(before.stored);
  });

  it('asks for the coordinate system of a shapefile without .prj and imports it once chosen', async () => {
    const { controller } = setUp();
    await controller.load();
    await controller.importFiles([fixtureInput('shp/cm114-noprj.zip')]);
    const pending = controller.getState().pendingCrs;
    expect(pending?.error.code).toBe('crs-needs-confirmation');
    expect(pending?.candidates.map((c) => c.crs)).toContain('EPSG:4547');
    await controller.confirmCrs('EPSG:4547');
    const s = controller.getState();
    expect(s.pendingCrs).toBeNull();
    expect(s.entries.map((e) => [e.record.sourceCrs, e.record.featureCount])).toEqual([['EPSG:4547', 4]]);
  });

  it('the same file again asks first; a replacement whose write fails leaves the old layer in the store', async () => {
    const { controller, store, workspace } = setUp();
    await controller.load();
    await controller.importFiles([fixtureInput('geojson/wgs84.geojson')]);
    const old = controller.getState().entries[0].record;
    store.failWrites = 'quota';
    const again = controller.importFiles([fixtureInput('geojson/wgs84.geojson')]);
    expect((await until(controller, (s) => s.pendingRepeat !== null)).pendingRepeat?.names).toEqual([old.name]);
    controller.answerRepeat('replace');
    await again;
    const s = controller.getState();
    expect(s.entries.map((e) => e.record.id)).toEqual(['import-test2']);
    expect(workspace.forgotten).toEqual([old.id]);
    expect(s.unsaved['import-test2']).toMatchObject({ what: 'layer' });
    // Nothing the user had is lost: the old layer is still stored (and comes back after a reload).
    expect((await store.list()).map((r) => r.id)).toEqual([old.id]);

    const reloaded = setUp(store);
    store.failWrites = null;
    await reloaded.controller.load();
    expect(reloaded.controller.getState().entries.map((e) => e.record.id)).toEqual([old.id]);
  });

  it('"keep both" keeps both; a replacement that is stored takes the old layer out of the store', async () => {
    const { controller, store } = setUp();
    await controller.load();
    await controller.importFiles([fixtureInput('geojson/wgs84.geojson')]);
    let again = controller.importFiles([fixtureInput('geojson/wgs84.geojson')]);
    await until(controller, (s) => s.pendingRepeat !== null);
    controller.answerRepeat('both');
    await again;
    expect((await store.list()).map((r) => r.id)).toEqual(['import-test1', 'import-test2']);
    again = controller.importFiles([fixtureInput('kml/mixed.kml')]);
    await again;
    again = controller.importFiles([fixtureInput('kml/mixed.kml')]);
    await until(controller, (s) => s.pendingRepeat !== null);
    controller.answerRepeat('replace');
    await again;
    expect((await store.list()).map((r) => r.id)).toEqual(['import-test1', 'import-test2', 'import-test4']);
    expect(controller.getState().entries.map((e) => e.record.id)).toEqual(['import-test1', 'import-test2', 'import-test4']);
  });

  it('a removal the store refuses is said, naming the file; the layer stays stored and returns after a reload', async () => {
    const { controller, store } = setUp();
    await controller.load();
    await controller.importFiles([fixtureInput('kml/mixed.kml')]);
    const id = controller.getState().entries[0].record.id;
    store.failWrites = 'failed';
    await controller.remove(id);
    const s = controller.getState();
    expect(s.entries).toEqual([]);
    expect(noticeKey(s)).toBe('import.removeNotSaved');
    expect(noticeParams(s)).toMatchObject({ file: 'mixed.kml' });
    store.failWrites = null;
    const reloaded = setUp(store);
    await reloaded.controller.load();
    expect(reloaded.controller.getState().entries.map((e) => e.record.id)).toEqual([id]);
  });

  it('brings stored layers back after a reload, hidden ones hidden, and keeps what the user hides', async () => {
    const first = setUp();
    await first.controller.load();
    await first.controller.importFiles([fixtureInput('shp/two-layers.zip')]);
    const ids = first.controller.getState().entries.map((e) => e.record.id);
    expect(ids).toHaveLength(2);
    const again = setUp(first.store, [ids[1]]);
    await again.controller.load();
    const s = again.controller.getState();
    expect(s.restored).toBe(true);
    expect(s.entries.map((e) => e.record.id)).toEqual(ids);
    expect(again.workspace.layers.map((l) => l.data.features.length)).toEqual(first.workspace.layers.map((l) => l.data.features.length));
    expect([...again.workspace.visible]).toEqual([
      [ids[0], true],
      [ids[1], false],
    ]);
    again.controller.visibilityChanged(new Set([ids[1]]));
    expect(again.hidden()).toEqual([ids[0]]);
  });

  it('a stored layer that cannot be read is named and skipped; the others come back', async () => {
    const store = memoryImportStore();
    const first = setUp(store);
    await first.controller.load();
    await first.controller.importFiles([fixtureInput('geojson/wgs84.geojson')]);
    await first.controller.importFiles([fixtureInput('kml/mixed.kml')]);
    const [good, bad] = await store.list();
    await store.add(bad, new TextEncoder().encode('{"type":"FeatureCollection","features":').buffer);
    const again = setUp(store);
    await again.controller.load();
    const s = again.controller.getState();
    expect(noticeKey(s)).toBe('import.restoreFailed');
    expect(noticeParams(s)).toMatchObject({ name: bad.name, file: 'mixed.kml' });
    expect(s.entries.map((e) => e.record.id)).toEqual([good.id]);
    // Still stored: a later version (or another browser) may read it.
    expect((await store.list()).map((r) => r.id)).toEqual([good.id, bad.id]);
  });
});
