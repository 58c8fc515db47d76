import type { FeatureCollection } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobZones, gridRegions } from '../geo/testing/statsFixtures.ts';
import { type RegionStatistics, zoneStatistics } from '../geo/zoneStatistics.ts';
import { fixtureDir, runCli } from './testing/runCli.ts';

const regions = gridRegions(112.5, 36, 0.2, 3, 2);
const zones = blobZones(112.45, 35.95, 0.7, 0.5, 80) as FeatureCollection;
zones.features.push(
  { type: 'Feature', properties: { kind: 'river' }, geometry: { type: 'LineString', coordinates: [[112.55, 36.05], [112.85, 36.3]] } },
  { type: 'Feature', properties: { kind: 'well' }, geometry: { type: 'Point', coordinates: [112.61, 36.07] } },
);
const renamed = {
  ...zones,
  features: zones.features.map((f) => ({ ...f, properties: { type: f.properties?.kind as unknown } })),
};
const nanZone = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { kind: 'A' }, geometry: { type: 'Point', coordinates: [null, 36] } }],
};
const dir = fixtureDir({ 'regions.geojson': regions, 'zones.geojson': zones, 'renamed.geojson': renamed, 'nan.geojson': nanZone });
const at = (name: string): string => join(dir, name);
/** What `stats --json` prints. */
const printedStats = (stdout: string) => JSON.parse(stdout) as { regions: RegionStatistics[]; estimates: string[] };

describe('shanshui stats', () => {
  it('prints the statistics as JSON, equal to zoneStatistics on the same files', async () => {
    const run = await runCli(['stats', '--regions', at('regions.geojson'), '--zones', at('zones.geojson'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = printedStats(run.stdout);
    expect(Object.keys(printed)).toEqual(['regions', 'estimates']);
    expect(printed.regions).toEqual(zoneStatistics(regions, zones).regions);
    expect(printed.estimates).toEqual([]);
    const first = printed.regions[0];
    expect(Object.keys(first)).toEqual(['name', 'area_m2', 'zones']);
    expect(Object.keys(first.zones.A)).toEqual(['area_m2', 'share', 'length_m', 'count']);
    expect(printed.regions.reduce((s, r) => s + r.zones.well.count, 0)).toBe(1);
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
    const missingKind = await runCli(['stats', '--regions', at('regions.geojson'), '--zones', at('renamed.geojson'), '--kind-key', 'kind']);
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

  it("counts a pack's layer files per file and marks figures over schematic shapes as estimates", async () => {
    const pack = join(import.meta.dirname, '../../data/changzhi');
    const layers = ['springs', 'rivers'].map((id) => join(pack, `${id}.geojson`));
    const args = ['stats', '--regions', join(pack, 'counties.geojson'), '--zones', layers[0], '--zones', layers[1]];
    const json = await runCli([...args, '--json']);
    expect(json.code).toBe(0);
    const printed = printedStats(json.stdout);
    // Without a "kind" property, each file's features count under the file's name.
    const read = (file: string, kind: string): FeatureCollection['features'] =>
      (JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection).features.map((f) => ({ ...f, properties: { ...f.properties, kind } }));
    const combined: FeatureCollection = { type: 'FeatureCollection', features: [...read(layers[0], 'springs'), ...read(layers[1], 'rivers')] };
    const counties = JSON.parse(readFileSync(join(pack, 'counties.geojson'), 'utf8')) as FeatureCollection;
    expect(printed.regions).toEqual(zoneStatistics(counties, combined).regions);
    expect(printed.regions).toHaveLength(12);
    expect(printed.estimates.sort()).toEqual(['rivers', 'springs']);

    const table = await runCli(args);
    expect(table.code).toBe(0);
    const tunliu = printed.regions.find((r) => r.name === '屯留区')!;
    expect(tunliu.zones.springs.share).toBeLessThan(0.95);
    // Estimates: "≈" and three significant digits, never 0.01 亩 over a sketched zone.
    const mu = tunliu.zones.springs.area_m2 / (10000 / 15);
    const magnitude = 10 ** (Math.floor(Math.log10(mu)) - 2);
    expect(table.stdout).toContain(`≈${(Math.round(mu / magnitude) * magnitude).toLocaleString('en')}`);
    expect(table.stdout).not.toContain(mu.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    expect(table.stdout).toMatch(/≈ 估算：基于示意图形.*Estimate over schematic shapes/);
  }, 60_000);

  it('names the zone file and its own feature index when a later file is bad', async () => {
    const run = await runCli(['stats', '--regions', at('regions.geojson'), '--zones', at('zones.geojson'), '--zones', at('nan.geojson')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/nan\.geojson: 第 1 个要素（索引 0）/);
  }, 60_000);
});
