import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localText, translate, type MessageKey, type MessageParams } from '../../i18n/index.ts';
import { loadPack } from '../../pack/loadPack.ts';
import { loadedLayerOf, type ImportRecord } from '../../store/importedLayer.ts';
import { pngLegend } from './exports.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const fileFetch = ((url: string | URL) => Promise.resolve(new Response(readFileSync(path.join(DATA, new URL(url).pathname.replace(/^\/data\//, '')))))) as typeof fetch;
const t = (key: MessageKey, params?: MessageParams) => translate('zh', key, params);

describe('pngLegend', () => {
  it('lists the visible layers, imported ones too, and marks schematic ones', async () => {
    const pack = await loadPack('http://pack.test/data/changzhi/pack.json', fileFetch);
    const record = {
      id: 'import-1',
      name: '规划分区',
      fileName: 'zones.zip',
      color: '#d1495b',
      propertyKeys: [],
      sourceCrs: 'EPSG:4547',
      sourceCrsLabel: { zh: 'CGCS2000', en: 'CGCS2000' },
      geometry: 'polygon',
      importedAt: 0,
    } as unknown as ImportRecord;
    const imported = loadedLayerOf(record, { type: 'FeatureCollection', features: [] });
    const layers = [...pack.layers, imported];
    const legend = pngLegend(layers, new Set(['counties', 'springs', 'import-1']), 'zh', t);
    const springs = pack.layers.find((l) => l.id === 'springs')!;
    expect(legend.map((e) => e.label)).toEqual([localText(pack.layers[0].title, 'zh'), `${localText(springs.title, 'zh')} (${t('layers.schematic')})`, '规划分区']);
    expect(legend.at(-1)).toMatchObject({ colour: '#d1495b', shape: 'area', schematic: false });
  });
});
