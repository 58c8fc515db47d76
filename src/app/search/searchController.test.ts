import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../pack/loadPack.ts';
import type { LoadedPack } from '../../pack/types.ts';
import { loadedLayerOf, type ImportedData, type ImportRecord } from '../../store/importedLayer.ts';
import { SearchController } from './searchController.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const REF = path.resolve(import.meta.dirname, '../../../tests/fixtures/import/ref');
const fileFetch = ((url: string | URL) => Promise.resolve(new Response(readFileSync(path.join(DATA, new URL(url).pathname.replace(/^\/data\//, '')))))) as typeof fetch;

let pack: LoadedPack;
beforeAll(async () => {
  pack = await loadPack('http://pack.test/data/changzhi/pack.json', fileFetch);
});

const names = (c: SearchController) => c.getSnapshot().results.map((r) => (r.type === 'feature' ? `${r.target.layerId}:${r.name}` : r.type));

describe('SearchController on the Changzhi pack', () => {
  it('finds a county by initials with its code, a wetland by pinyin, and a typed position first', async () => {
    const c = new SearchController(() => Promise.resolve());
    let notified = 0;
    c.subscribe(() => notified++);
    await c.setLayers(pack.layers);
    c.setQuery('xyx');
    // The county first, then its seat (a place name of the reference layer), then a zone named after it.
    expect(names(c)).toEqual(['counties:襄垣县', 'seats:襄垣县', 'subsidence:襄垣县采煤沉陷区']);
    const county = c.getSnapshot().results[0];
    expect(county.type === 'feature' && county.target.adcode).toBe('140423');
    c.setQuery('sanzhang');
    expect(names(c)[0]).toBe('wetlands:三漳湿地公园');
    c.setQuery('113.1167, 36.1953');
    expect(c.getSnapshot().results[0]).toMatchObject({ type: 'position', position: { lon: 113.1167, lat: 36.1953 } });
    expect(notified).toBeGreaterThan(3);
  });

  it('indexes imported layers by the name the user chose; a newer layer list replaces the index', async () => {
    const shapefile = JSON.parse(readFileSync(path.join(REF, 'cgcs2000-3deg-cm114.wgs84.geojson'), 'utf8')) as ImportedData;
    const record = { id: 'import-1', name: '规划分区', fileName: 'zones.zip', color: '#d1495b', nameKey: '名称', propertyKeys: ['名称'], sourceCrs: 'EPSG:4547', sourceCrsLabel: { zh: 'CGCS2000', en: 'CGCS2000' }, geometry: 'polygon', importedAt: 0 } as unknown as ImportRecord;
    const c = new SearchController(() => Promise.resolve());
    await c.setLayers(pack.layers);
    c.setQuery('xswk');
    expect(names(c)).toEqual([]);
    await c.setLayers([...pack.layers, loadedLayerOf(record, shapefile, undefined, [])]);
    expect(names(c)).toEqual(['import-1:雄山五矿沉陷区']);
  });
});
