import * as Comlink from 'comlink';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it, vi } from 'vitest';
import { fixtureInput } from '../import/testSupport.ts';
import { IMPORT_TILE_LAYER } from '../import/tileIndex.ts';
import type { ImportProgress } from '../import/types.ts';
import { createImportWorkerRemote } from './import.worker.ts';
import { createImportClient, type WorkerLike } from './importClient.ts';

/** A "worker" on a MessageChannel in this thread, running the real worker object. */
function fakeWorkers() {
  const created: (WorkerLike & { terminated: boolean; port: MessagePort })[] = [];
  const createWorker = () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(createImportWorkerRemote(), port2);
    const fake = Object.assign(port1 as unknown as WorkerLike, {
      terminated: false,
      port: port1,
      terminate() {
        fake.terminated = true;
        port1.close();
        port2.close();
      },
    });
    created.push(fake);
    return fake;
  };
  return { created, createWorker };
}

/** A shapefile imported with tiles through workers on MessageChannels, and its tile 5/26/12. */
async function importedWithTiles() {
  const { created, createWorker } = fakeWorkers();
  const client = createImportClient({ createWorker });
  const result = await client.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { tiles: 'always' });
  if (!result.ok) throw new Error(result.error.code);
  const { indexId } = result.layers[0].tiles!;
  const before = await client.getTile(indexId, 5, 26, 12);
  return { created, client, indexId, before };
}

describe('import client', () => {
  it('imports through the worker, reports progress and closes an idle worker', async () => {
    const { created, createWorker } = fakeWorkers();
    const client = createImportClient({ createWorker });
    const progress: ImportProgress[] = [];
    const result = await client.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { onProgress: (p) => progress.push(p) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.layers[0].data?.features).toHaveLength(4);
    expect(result.layers[0].tiles).toBeUndefined();
    expect(progress.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
    expect(created[0].terminated).toBe(true);
    client.dispose();
  });

  it('keeps a worker with tiles alive, serves tiles through the protocol handler, drops them', async () => {
    const { created, createWorker } = fakeWorkers();
    const client = createImportClient({ createWorker });
    const result = await client.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { tiles: 'always' });
    if (!result.ok) throw new Error(result.error.code);
    const { tiles, dataJson, data } = result.layers[0];
    expect(tiles).toBeDefined();
    expect(data).toBeUndefined();
    expect(dataJson).toBeUndefined();
    const json = (await client.takeLayer(tiles!.indexId))?.json;
    expect((JSON.parse(new TextDecoder().decode(json)) as { features: unknown[] }).features).toHaveLength(4);
    // Taking the layer resolves once its tiles have moved: the importing worker has ended, the tile host serves them.
    expect(created[0].terminated).toBe(true);
    expect(created[1].terminated).toBe(false);
    const url = tiles!.url.replace('{z}', '5').replace('{x}', '26').replace('{y}', '12');
    const { data: pbf } = await client.tileProtocol({ url }, new AbortController());
    const layer = new VectorTile(new PbfReader(new Uint8Array(pbf))).layers[IMPORT_TILE_LAYER];
    expect(layer.length).toBe(4);
    const empty = await client.tileProtocol({ url: tiles!.url.replace('{z}', '6').replace('{x}', '0').replace('{y}', '0') }, new AbortController());
    expect(empty.data.byteLength).toBe(0);
    await client.dropTileIndex(tiles!.indexId);
    expect(await client.getTile(tiles!.indexId, 5, 26, 12)).toBeNull();
    client.dispose();
    expect(created[1].terminated).toBe(true);
  });

  it('once the GeoJSON is taken, serves the same tiles from the tile host and ends the importing worker', async () => {
    const { created, client, indexId, before } = await importedWithTiles();
    expect(before).toBeInstanceOf(ArrayBuffer);
    const taken = await client.takeLayer(indexId);
    const json = taken?.json;
    const features = (JSON.parse(new TextDecoder().decode(json)) as { features: { properties: Record<string, unknown> }[] }).features;
    expect(created[0].terminated).toBe(true);
    expect(created).toHaveLength(2);
    expect(created[1].terminated).toBe(false);
    const after = await client.getTile(indexId, 5, 26, 12);
    expect(new Uint8Array(after!)).toEqual(new Uint8Array(before!));
    // The tile features keep their properties and their index in the layer (click-to-inspect).
    const layer = new VectorTile(new PbfReader(new Uint8Array(after!))).layers[IMPORT_TILE_LAYER];
    const first = layer.feature(0);
    expect(first.properties).toEqual(Object.fromEntries(Object.entries(features[Number(first.id)].properties).filter(([, v]) => v !== null)));
    // Taken once: the layer's data are no longer in any worker.
    expect(await client.takeLayer(indexId)).toBeNull();
    // The page's packed features are its own (the tile host got a copy): still readable.
    expect(taken!.packed.count).toBe(features.length);
    expect(taken!.packed.coords.length).toBeGreaterThan(0);
    await client.dropTileIndex(indexId);
    expect(await client.getTile(indexId, 5, 26, 12)).toBeNull();
    client.dispose();
    expect(created[1].terminated).toBe(true);
  });

  it('ends the importing worker before the tile host cuts the layer; a tile asked for meanwhile waits for the tile host', async () => {
    const { created, client, indexId, before } = await importedWithTiles();
    // Asked for the moment the importing worker ends, before the tile host has cut anything.
    let during: Promise<ArrayBuffer | null> | undefined;
    const end = created[0].terminate.bind(created[0]);
    created[0].terminate = () => {
      end();
      during = client.getTile(indexId, 5, 26, 12);
    };
    const taking = client.takeLayer(indexId);
    await vi.waitFor(() => expect(during).toBeDefined());
    expect(new Uint8Array((await during)!)).toEqual(new Uint8Array(before!));
    expect((await taking)?.packed.count).toBe(4);
    client.dispose();
  });

  it('answers a tile asked of the importing worker while the layer is being taken (a reload) before ending it', async () => {
    const { created, client, indexId, before } = await importedWithTiles();
    const taking = client.takeLayer(indexId);
    // Queued behind the take, in the worker that is about to end.
    const queued = client.getTile(indexId, 5, 26, 12);
    const answer = await Promise.race([queued, new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 5_000))]);
    expect(answer).not.toBe('no answer');
    expect(new Uint8Array(answer as ArrayBuffer)).toEqual(new Uint8Array(before!));
    await taking;
    await vi.waitFor(() => expect(created[0].terminated).toBe(true));
    client.dispose();
  });

  it('cancels by terminating the worker', async () => {
    const { created, createWorker } = fakeWorkers();
    const client = createImportClient({ createWorker });
    const controller = new AbortController();
    const pending = client.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled' } });
    expect(created[0].terminated).toBe(true);
  });

  it('turns a crashed worker into a message', async () => {
    const { created, createWorker } = fakeWorkers();
    const client = createImportClient({ createWorker });
    const pending = client.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')]);
    created[0].port.dispatchEvent(new Event('error'));
    expect(await pending).toEqual({ ok: false, error: { code: 'worker-crashed' } });
    expect(created[0].terminated).toBe(true);
  });

  it('rebuilds tiles for a stored layer', async () => {
    const { createWorker } = fakeWorkers();
    const client = createImportClient({ createWorker });
    const data = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: { a: 1 }, geometry: { type: 'Point' as const, coordinates: [113.1, 36.2] } }] };
    const info = await client.buildTileIndex(data);
    expect(info.bounds).toEqual([113.1, 36.2, 113.1, 36.2]);
    expect(await client.getTile(info.indexId, 0, 0, 0)).toBeInstanceOf(ArrayBuffer);
    client.dispose();
  });
});
