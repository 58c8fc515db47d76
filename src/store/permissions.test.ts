import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { coveredByRegions } from '../geo/coveredByRegions.ts';
import { mayWriteAt } from './permissions.ts';

const counties = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'data', 'changzhi', 'counties.geojson'), 'utf8')) as FeatureCollection<Polygon>;
const within = (geometry: Geometry, codes: readonly string[]) => coveredByRegions(counties.features.filter((f) => codes.includes(String(f.properties?.adcode))).map((f) => f.geometry), geometry);
const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
const IN_XIANGYUAN = square(112.95, 36.55);
const IN_ZHANGZI = square(112.85, 36.1);

describe('mayWriteAt: the role table, and a county editor only within their counties', () => {
  it('an editor or admin writes anywhere; a viewer nowhere', () => {
    for (const role of ['editor', 'admin'] as const) expect(mayWriteAt({ role, regions: [] }, 'measurement', IN_ZHANGZI, within)).toBe(true);
    expect(mayWriteAt({ role: 'viewer', regions: [] }, 'measurement', IN_XIANGYUAN, within)).toBe(false);
    expect(mayWriteAt({ role: 'editor', regions: [] }, 'layer', null, within)).toBe(true);
  });

  it('a county editor of 襄垣县 writes in 襄垣县, not in 长子县, not without a place, and never a kind the role may not write', () => {
    const xy = { role: 'county-editor' as const, regions: ['140423'] };
    expect(mayWriteAt(xy, 'measurement', IN_XIANGYUAN, within)).toBe(true);
    expect(mayWriteAt(xy, 'feature', IN_XIANGYUAN, within)).toBe(true);
    expect(mayWriteAt(xy, 'measurement', IN_ZHANGZI, within)).toBe(false);
    expect(mayWriteAt(xy, 'measurement', null, within)).toBe(false);
    expect(mayWriteAt(xy, 'indicator', IN_XIANGYUAN, within)).toBe(false);
    expect(mayWriteAt({ ...xy, regions: ['140423', '140428'] }, 'measurement', IN_ZHANGZI, within)).toBe(true);
  });
});
