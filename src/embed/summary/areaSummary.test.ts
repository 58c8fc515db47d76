import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../pack/loadPack.ts';
import type { LoadedPack } from '../../pack/types.ts';
import { areaCoordinates, areaSummary } from './areaSummary.ts';
import { geometryTouchesArea } from './geometryTouchesArea.ts';
import { lengthInsideArea } from './lengthInsideArea.ts';

const MANIFEST = pathToFileURL(path.resolve(import.meta.dirname, '../../../data/changzhi/pack.json')).href;
const readFile = async (url: string | URL | Request) => new Response(readFileSync(fileURLToPath(String(url))));

let pack: LoadedPack;
let counties: Feature<Polygon | MultiPolygon>[];
beforeAll(async () => {
  pack = await loadPack(MANIFEST, readFile);
  counties = pack.layers.find((l) => l.id === 'counties')!.data.features as Feature<Polygon | MultiPolygon>[];
});

const layer = (id: string) => pack.layers.find((l) => l.id === id)!;
const countyNamed = (name: string) => counties.find((c) => c.properties?.name === name)!;
/** The counties a feature's own text names (`county` or `counties`, joined by 、). */
const namedCounties = (f: Feature) => String(f.properties?.county ?? f.properties?.counties ?? '').split('、').filter(Boolean);

describe('areaSummary on the Changzhi pack', () => {
  it('finds every feature in each county its source text names', () => {
    const misses: string[] = [];
    for (const id of ['wetlands', 'subsidence', 'lakes', 'mountains', 'springs']) {
      for (const feature of layer(id).data.features) {
        for (const name of namedCounties(feature)) {
          if (!geometryTouchesArea(feature.geometry, areaCoordinates(countyNamed(name).geometry)!)) misses.push(`${feature.properties.name} in ${name}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('measures each river inside every county its text names', () => {
    for (const river of layer('rivers').data.features) {
      const parts = river.geometry.type === 'LineString' ? [river.geometry.coordinates] : (river.geometry as MultiLineString).coordinates;
      for (const name of namedCounties(river)) {
        const inside = parts.reduce((s, part) => s + lengthInsideArea(part, areaCoordinates(countyNamed(name).geometry)!), 0);
        expect(inside, `${river.properties.name} in ${name}`).toBeGreaterThan(0);
      }
    }
  });

  it('splits the rivers among the twelve counties with nothing lost or counted twice', () => {
    const [whole] = areaSummary([layer('rivers')], null);
    const perCounty = counties.reduce((sum, county) => sum + areaSummary([layer('rivers')], county)[0].value, 0);
    expect(whole.kind).toBe('length');
    expect(whole.value).toBeGreaterThan(100_000);
    // Counties share borders exactly (one source), so only pieces running along a border could be
    // counted twice; the rivers were clipped to the city outline, so little can fall outside.
    expect(Math.abs(perCounty / whole.value - 1)).toBeLessThan(0.01);
  });

  it('counts wetlands per county and in the whole region, marking schematic features', () => {
    const [all] = areaSummary([layer('wetlands')], null);
    expect(all).toEqual({ layerId: 'wetlands', kind: 'count', value: layer('wetlands').data.features.length, schematic: true });
    const [changzi] = areaSummary([layer('wetlands')], countyNamed('长子县'));
    const namedChangzi = layer('wetlands').data.features.filter((f) => namedCounties(f).includes('长子县')).length;
    expect(changzi.value).toBeGreaterThanOrEqual(namedChangzi);
    expect(changzi.value).toBeLessThan(all.value);
  });
});
