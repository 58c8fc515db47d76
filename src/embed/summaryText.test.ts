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
const readFile = async (url: string | URL | Request) => new Response(readFileSync(fileURLToPath(String(url))));

let pack: LoadedPack;
beforeAll(async () => {
  pack = await loadPack(MANIFEST, readFile);
});

const layer = (id: string) => pack.layers.find((l) => l.id === id)!;
const county = (adcode: string) => layer('counties').data.features.find((f) => f.properties.adcode === adcode) as Feature<Polygon | MultiPolygon>;

describe('summaryText', () => {
  it('never counts the neighbouring counties "in" a county: with only the counties layer it gives the county area', () => {
    const zhangzi = county('140428');
    const km2 = Math.round(geodesicArea(zhangzi.geometry) / 1e6).toLocaleString('en-US');
    expect(summaryText([layer('counties')], zhangzi, '长子县', 'zh')).toBe(`长子县：面积约 ${km2} 平方公里`);
    expect(summaryText([layer('counties')], zhangzi, 'Zhangzi County', 'en')).toBe(`Zhangzi County: area about ${km2} km²`);
    expect(summaryText([layer('counties')], zhangzi, '长子县', 'zh')).not.toContain('县区');
  });

  it('counts the counties of the whole region', () => {
    expect(summaryText([layer('counties')], null, '长治市', 'zh')).toBe('长治市：县区 12 处');
  });

  it('summarises only the zone layers when counties are shown with them', () => {
    expect(summaryText([layer('counties'), layer('mountains')], null, 'Changzhi', 'en')).toBe('Changzhi: mountain zones: 3');
  });
});
