import { describe, expect, it } from 'vitest';
import { fixtureInput } from './testSupport.ts';
import { createImportWorkerApi } from './workerApi.ts';

describe('import worker API', () => {
  it('returns small layers as objects and tiles large ones', async () => {
    const api = createImportWorkerApi();
    const small = await api.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')]);
    expect(small.ok && small.layers[0].data?.features).toHaveLength(4);
    expect(small.ok && small.layers[0].tiles).toBeUndefined();
    const large = await api.importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { tileMinFeatures: 4 });
    if (!large.ok) throw new Error(large.error.code);
    const { tiles, data } = large.layers[0];
    expect(data).toBeUndefined();
    expect(tiles).toMatchObject({ layerName: 'imported', maxZoom: 14 });
    expect(tiles!.url).toBe(`shanshui-import://${encodeURIComponent(tiles!.indexId)}/{z}/{x}/{y}`);
    expect(api.getTile(tiles!.indexId, 5, 26, 12)).toBeInstanceOf(Uint8Array);
    const json = JSON.parse(new TextDecoder().decode(api.getLayerJson(tiles!.indexId)!)) as { features: unknown[] };
    expect(json.features).toHaveLength(4);
    expect(api.dropTileIndex(tiles!.indexId)).toBe(true);
    expect(api.getTile(tiles!.indexId, 5, 26, 12)).toBeNull();
    expect(api.tileIndexCount()).toBe(0);
  });

  it('can hand back GeoJSON bytes instead of objects', async () => {
    const api = createImportWorkerApi();
    const result = await api.importFiles([fixtureInput('kml/mixed.kml')], { returnData: 'json' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data).toBeUndefined();
    expect((JSON.parse(new TextDecoder().decode(result.layers[0].dataJson)) as { features: unknown[] }).features).toHaveLength(9);
  });

  it('passes errors through unchanged', async () => {
    const api = createImportWorkerApi();
    expect(await api.importFiles([fixtureInput('shp/cm114-noprj.zip')])).toMatchObject({ ok: false, error: { code: 'crs-needs-confirmation' } });
  });
});
