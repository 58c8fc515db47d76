import type { Feature, Polygon } from 'geojson';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir, runCli } from './testing/runCli.ts';

const square = (x: number, y: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});

describe('shanshui with hostile but valid input', () => {
  it('prints the table for 300,000 polygons (no call-stack overflow on the table path)', async () => {
    const features: Feature[] = [];
    for (let i = 0; i < 300_000; i++) {
      features.push({ type: 'Feature', properties: { name: `p${i}` }, geometry: square(100 + (i % 1000) * 0.01, 30 + Math.floor(i / 1000) * 0.01, 0.005) });
    }
    const file = join(fixtureDir({ 'many.geojson': { type: 'FeatureCollection', features } }), 'many.geojson');
    const run = await runCli(['area', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/合计 Total/);
    expect(run.stdout.split('\n').filter((l) => /^\s*\d+\s+p\d+/.test(l))).toHaveLength(300_000);
  }, 180_000);

  it('never lets control characters of a feature name reach the terminal raw', async () => {
    const evil = 'A\u001b]0;pwned\u0007\u001b[2K\r999,999.99\u202eB';
    const file = join(fixtureDir({ 'evil.geojson': { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: evil, kind: evil }, geometry: square(112, 36, 0.01) }] } }), 'evil.geojson');
    const area = await runCli(['area', file]);
    expect(area.code).toBe(0);
    const stats = await runCli(['stats', '--regions', file, '--zones', file]);
    expect(stats.code).toBe(0);
    for (const out of [area.stdout, stats.stdout]) {
      // eslint-disable-next-line no-control-regex -- matching control characters is the point of this test
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(out).toContain('A\\u{1b}]0;pwned\\u{7}\\u{1b}[2K\\u{d}999,999.99\\u{202e}B');
    }
    // In an error line too (a file name with an escape sequence).
    const badName = join(fixtureDir({}), 'x\u001b[31m.geojson');
    const missing = await runCli(['area', badName]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toContain('\u001b');
    expect(missing.stderr).toContain('x\\u{1b}[31m.geojson');
  }, 60_000);

  it('counts zone kinds named __proto__ and constructor like any other', async () => {
    const zones = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { kind: '__proto__' }, geometry: square(112, 36, 0.01) },
        { type: 'Feature', properties: { kind: 'constructor' }, geometry: square(112.02, 36, 0.01) },
        { type: 'Feature', properties: { kind: 'toString' }, geometry: square(112.04, 36, 0.01) },
      ],
    };
    const regions = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '__proto__' }, geometry: square(111.9, 35.9, 0.3) }] };
    const dir = fixtureDir({ 'zones.geojson': zones, 'regions.geojson': regions });
    const run = await runCli(['stats', '--regions', join(dir, 'regions.geojson'), '--zones', join(dir, 'zones.geojson'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { regions: Array<{ name: string; zones: Record<string, { area_m2: number }> }> };
    expect(printed.regions[0].name).toBe('__proto__');
    // JSON.parse defines "__proto__" as an own key, so it can be read back.
    expect(Object.keys(printed.regions[0].zones)).toEqual(['__proto__', 'constructor', 'toString']);
    for (const kind of ['__proto__', 'constructor', 'toString']) expect(printed.regions[0].zones[kind].area_m2).toBeGreaterThan(1e6);
    const table = await runCli(['stats', '--regions', join(dir, 'regions.geojson'), '--zones', join(dir, 'zones.geojson')]);
    expect(table.stdout).toMatch(/__proto__\s+\d/);
    expect(table.stdout).toMatch(/constructor\s+\d/);
    const command = await runCli(['constructor']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command "constructor"/);
  }, 60_000);
});
