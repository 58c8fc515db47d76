import type { FeatureCollection } from 'geojson';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobZones, gridRegions } from '../geo/testing/statsFixtures.ts';
import { zoneStatistics } from '../geo/zoneStatistics.ts';
import { fixtureDir, runCli } from './testing/runCli.ts';

const regions = gridRegions(112.5, 36, 0.2, 3, 2);
const zones = blobZones(112.45, 35.95, 0.7, 0.5, 80) as FeatureCollection;
zones.features.push(
  { type: 'Feature', properties: { kind: 'river' }, geometry: { type: 'LineString', coordinates: [[112.55, 36.05], [112.85, 36.3]] } },
  { type: 'Feature', properties: { kind: 'well' }, geometry: { type: 'Point', coordinates: [112.61, 36.07] } },
);
const renamed = {
  ...zones,
  features: zones.features.map((f) => ({ ...f, properties: { type: f.properties?.kind } })),
};
const nanZone = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { kind: 'A' }, geometry: { type: 'Point', coordinates: [null, 36] } }],
};
const dir = fixtureDir({ 'regions.geojson': regions, 'zones.geojson': zones, 'renamed.geojson': renamed, 'nan.geojson': nanZone });
const at = (name: string): string => join(dir, name);

describe('shanshui stats', () => {
  it('prints the statistics as JSON, equal to zoneStatistics on the same files', async () => {
    const run = await runCli(['stats', '--regions', at('regions.geojson'), '--zones', at('zones.geojson'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(Object.keys(printed)).toEqual(['regions']);
    expect(printed.regions).toEqual(zoneStatistics(regions, zones).regions);
    const first = printed.regions[0];
    expect(Object.keys(first)).toEqual(['name', 'area_m2', 'zones']);
    expect(Object.keys(first.zones.A)).toEqual(['area_m2', 'share', 'length_m', 'count']);
    expect(printed.regions.reduce((s: number, r: { zones: { well: { count: number } } }) => s + r.zones.well.count, 0)).toBe(1);
  }, 60_000);

  it('honours --region-key and --kind-key and prints a table without --json', async () => {
    const renamedRegions = fixtureDir({
      'r.geojson': { ...regions, features: regions.features.map((f) => ({ ...f, properties: { county: `${f.properties?.name}县` } })) },
    });
    const run = await runCli(['stats', '--regions', join(renamedRegions, 'r.geojson'), '--zones', at('renamed.geojson'), '--region-key', 'county', '--kind-key', 'type']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/区域 Region\s+类别 Kind\s+亩 mu\s+公顷 ha\s+平方公里 km²\s+占比 Share\s+长度 Length\s+个数 Count/);
    expect(run.stdout).toMatch(/R1县/);
    expect(run.stdout).toMatch(/\s%|%/);
  }, 60_000);

  it('answers bad input with exit code 2 and one line naming the right file', async () => {
    const missingKind = await runCli(['stats', '--regions', at('regions.geojson'), '--zones', at('renamed.geojson')]);
    expect(missingKind.code).toBe(2);
    expect(missingKind.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missingKind.stderr).toMatch(/renamed\.geojson: .*缺少属性“kind”.* \/ .*has no "kind" property/);
    const nan = await runCli(['stats', '--regions', at('regions.geojson'), '--zones', at('nan.geojson')]);
    expect(nan.code).toBe(2);
    expect(nan.stderr).toMatch(/nan\.geojson: /);
    const zonesAsRegions = await runCli(['stats', '--regions', at('zones.geojson'), '--zones', at('zones.geojson')]);
    expect(zonesAsRegions.code).toBe(2);
    expect(zonesAsRegions.stderr).toMatch(/zones\.geojson: .*(LineString|缺少属性“name”)/);
    const missingOption = await runCli(['stats', '--regions', at('regions.geojson')]);
    expect(missingOption.code).toBe(2);
    expect(missingOption.stderr).toMatch(/expected --regions FILE and --zones FILE/);
  }, 120_000);
});
