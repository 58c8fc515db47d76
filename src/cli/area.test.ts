import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referencePolygonArea } from '../geo/testing/geographiclibReference.ts';
import { gridRegions } from '../geo/testing/statsFixtures.ts';
import { fixtureDir, runCli } from './testing/runCli.ts';

const regions = gridRegions(112.5, 36, 0.2, 3, 2);
const bowTie = {
  type: 'FeatureCollection',
  features: [
    regions.features[0],
    { type: 'Feature', properties: { name: 'bad' }, geometry: { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]]] } },
  ],
};
const dir = fixtureDir({
  'regions.geojson': regions,
  'bowtie.geojson': bowTie,
  'broken.json': '{"type": "FeatureCollection", "features": [',
  'plain.json': { hello: 'world' },
  'line.geojson': { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[113, 36], [113.1, 36]] } },
});
const at = (name: string): string => join(dir, name);

describe('shanshui area', () => {
  it('prints one JSON record per feature, in order, with GeographicLib-exact areas', async () => {
    const run = await runCli(['area', at('regions.geojson'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ index: number; name: string; area_m2: number; area_mu: number }>;
    expect(rows.map((r) => [r.index, r.name])).toEqual(regions.features.map((f, i): unknown[] => [i, f.properties?.name]));
    rows.forEach((row, i) => {
      const reference = referencePolygonArea(regions.features[i].geometry.coordinates);
      expect(Math.abs(row.area_m2 / reference - 1)).toBeLessThan(1e-7);
      expect(row.area_mu).toBeCloseTo((row.area_m2 * 15) / 10000, 6);
    });
  }, 60_000);

  it('prints a table in 亩, ha and km² with a total', async () => {
    const run = await runCli(['area', at('regions.geojson')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/亩 mu/);
    expect(run.stdout).toMatch(/合计 Total/);
    expect(run.stdout.split('\n').filter((l) => /^\s*\d+\s+R\d/.test(l))).toHaveLength(6);
  }, 60_000);

  it('marks the areas of schematic shapes as estimates: ≈ and three significant digits', async () => {
    const sketched = { ...regions, features: regions.features.map((f, i) => ({ ...f, properties: { ...f.properties, precision: i === 0 ? 'schematic' : 'surveyed' } })) };
    const file = join(fixtureDir({ 'sketched.geojson': sketched }), 'sketched.geojson');
    const json = JSON.parse((await runCli(['area', file, '--json'])).stdout) as Array<{ area_mu: number; estimate: boolean }>;
    expect(json.map((r) => r.estimate)).toEqual([true, false, false, false, false, false]);
    const run = await runCli(['area', file]);
    expect(run.code).toBe(0);
    const mu = json[0].area_mu;
    const magnitude = 10 ** (Math.floor(Math.log10(mu)) - 2);
    const first = run.stdout.split('\n').find((l) => /^\s*0\s/.test(l))!;
    expect(first).toContain(`≈${(Math.round(mu / magnitude) * magnitude).toLocaleString('en')}`);
    expect(first).not.toContain(mu.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    // The surveyed ones keep their 0.01 亩, the total becomes an estimate too.
    expect(run.stdout).toContain(json[1].area_mu.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    expect(run.stdout).toMatch(/合计 Total\s+≈/);
    expect(run.stdout).toMatch(/≈ 估算：示意图形的面积/);
  }, 60_000);

  it('leaves out points and lines, saying how many on stderr', async () => {
    const mixed = { ...regions, features: [regions.features[0], { type: 'Feature', properties: { name: 'label' }, geometry: { type: 'Point', coordinates: [112.55, 36.05] } }, regions.features[1]] };
    const file = join(fixtureDir({ 'mixed.geojson': mixed }), 'mixed.geojson');
    const run = await runCli(['area', file, '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ index: number }>).map((r) => r.index)).toEqual([0, 2]);
    expect(run.stderr).toMatch(/mixed\.geojson: 1 个非面要素（点、线）没有面积，已略过 \/ 1 feature\(s\) without area \(points, lines\) left out/);
  }, 60_000);

  it('answers bad input with exit code 2 and one line naming the file and the problem', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['area', at('missing.geojson')], /missing\.geojson: 文件不存在 \/ file not found/],
      [['area', at('broken.json')], /broken\.json: 不是有效的 JSON.* \/ not valid JSON/],
      [['area', at('plain.json')], /plain\.json: 不是 GeoJSON.* \/ not GeoJSON/],
      [['area', at('bowtie.geojson')], /bowtie\.geojson: 第 2 个要素（索引 1）的外环：环自相交.* \/ Feature 2 \(index 1\), outer ring: the ring crosses itself near 113\.05000, 36\.05000\./],
      [['area', at('line.geojson')], /line\.geojson: .*LineString/],
      [['area'], /expected exactly one GeoJSON FILE/],
      [['area', at('regions.geojson'), '--bogus'], /bad arguments/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toMatch(/^shanshui: /);
    }
  }, 120_000);

  it('shows help and refuses unknown commands', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/shanshui stats --regions FILE --zones FILE \[--zones FILE …\]/);
    expect(help.stdout).toMatch(/shanshui area FILE \[--json\] \[--name-key name\]/);
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr.trimEnd().split('\n')).toEqual(['shanshui: 缺少命令（area、stats 或 import） / missing command (area, stats or import; try shanshui --help)']);
    const unknown = await runCli(['areas']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "areas"/);
  }, 60_000);
});
