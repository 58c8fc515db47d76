import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { geodesicArea } from '../geo/geodesicArea.ts';
import { loadPack } from '../pack/loadPack.ts';
import type { LoadedPack } from '../pack/types.ts';
import { summaryText } from './summaryText.ts';

const MANIFEST = pathToFileURL(path.resolve(import.meta.dirname, '../../data/changzhi/pack.json')).href;
const readFile = (url: string | URL | Request) => Promise.resolve(new Response(readFileSync(fileURLToPath(url instanceof Request ? url.url : url))));

let pack: LoadedPack;
beforeAll(async () => {
  pack = await loadPack(MANIFEST, readFile);
});

const layer = (id: string) => pack.layers.find((l) => l.id === id)!;
const regions = () => layer('counties').data.features as Feature<Polygon | MultiPolygon>[];
const county = (adcode: string) => regions().find((f) => f.properties?.adcode === adcode)!;

describe('summaryText', () => {
  it('never counts the neighbouring counties "in" a county: with only the counties layer it gives the county area', () => {
    const zhangzi = county('140428');
    const km2 = Math.round(geodesicArea(zhangzi.geometry) / 1e6).toLocaleString('en-US');
    expect(summaryText([layer('counties')], { county: zhangzi, regions: regions(), name: '长子县' }, 'zh')).toBe(`长子县：面积约 ${km2} 平方公里`);
    expect(summaryText([layer('counties')], { county: zhangzi, regions: regions(), name: 'Zhangzi County' }, 'en')).toBe(`Zhangzi County: area about ${km2} km²`);
  });

  it('counts the counties of the whole region', () => {
    expect(summaryText([layer('counties')], { county: null, regions: regions(), name: '长治市' }, 'zh')).toBe('长治市：县级行政区 12 处');
  });

  it('summarises only the zone layers when counties are shown with them', () => {
    expect(summaryText([layer('counties'), layer('mountains')], { county: null, regions: regions(), name: 'Changzhi' }, 'en')).toBe('Changzhi: Two mountains: 3');
  });

  it('counts a county\'s features by whether they lie inside it', () => {
    const xiangyuan = county('140423');
    const wetlands = layer('wetlands').data.features;
    // Expected from the data's own placement attribute: the features the sources put in 襄垣县.
    const named = wetlands.filter((f) => f.properties.county === '襄垣县').length;
    expect(named).toBeGreaterThan(0);
    const text = summaryText([layer('wetlands')], { county: xiangyuan, regions: regions(), name: '襄垣县' }, 'zh');
    const count = Number(text.match(/湿地 (\d+) 处/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(named);
  });
});
