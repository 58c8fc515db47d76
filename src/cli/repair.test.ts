import type { Position } from 'geojson';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceRingArea } from '../geo/testing/geographiclibReference.ts';
import { fixtureDir, runCli } from './testing/runCli.ts';

// Shapes in units of 0.01° at 112° E, 36° N (about 1 km).
const at = (ring: number[][]): Position[] => ring.map(([x, y]) => [112 + x * 0.01, 36 + y * 0.01]);
const feature = (name: string, geometry: unknown) => ({ type: 'Feature', properties: { name, kind: 'A' }, geometry });
// A shell with a V-shaped notch in its top (sides on meridians 2 and 4, bottom vertex (3, 3)),
// and a hole in the notch: outside the shell, touching it only at its three vertices (two on
// meridian edges, which are geodesics, one at a shell vertex). Validation used to let it through
// and print shell − hole.
const notched = at([[0, 0], [6, 0], [6, 6], [4, 6], [4, 4], [3, 3], [2, 4], [2, 6], [0, 6], [0, 0]]);
const holeInNotch = at([[4, 5], [2, 5], [3, 3], [4, 5]]);
const square = (x: number, y: number, s: number): Position[] => at([[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]);
const bowTie = at([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]);

const dir = fixtureDir({
  'outside.geojson': { type: 'FeatureCollection', features: [feature('notch', { type: 'Polygon', coordinates: [notched, holeInNotch] })] },
  'nested.geojson': {
    type: 'FeatureCollection',
    features: [feature('ok', { type: 'Polygon', coordinates: [square(10, 0, 1)] }), feature('nested', { type: 'MultiPolygon', coordinates: [[square(0, 0, 6)], [square(1, 1, 2)]] })],
  },
  'bowtie.geojson': { type: 'FeatureCollection', features: [feature('bow', { type: 'Polygon', coordinates: [bowTie] })] },
  'cut.geojson': {
    type: 'FeatureCollection',
    // A hole touching the shell at two points: the interior falls in two.
    features: [feature('cut', { type: 'Polygon', coordinates: [square(0, 0, 6), at([[0, 3], [3, 1], [6, 3], [3, 5], [0, 3]])] })],
  },
  'parts.geojson': {
    type: 'FeatureCollection',
    features: [feature('parts', { type: 'MultiPolygon', coordinates: [[square(0, 0, 6)], [square(1, 1, 2)]] })],
  },
  'region.geojson': { type: 'FeatureCollection', features: [feature('R', { type: 'Polygon', coordinates: [square(-1, -1, 8)] })] },
});
const file = (name: string): string => join(dir, name);
type AreaRow = { name: string; area_m2: number };
const areas = async (name: string): Promise<{ code: number; stderr: string; rows: AreaRow[] }> => {
  const run = await runCli(['area', file(name), '--json', '--repair']);
  return { code: run.code, stderr: run.stderr, rows: run.code === 0 ? (JSON.parse(run.stdout) as AreaRow[]) : [] };
};
const relative = (a: number, b: number): number => Math.abs(a / b - 1);

describe('invalid polygons: refused, or measured as their valid repair with --repair (issue 18)', () => {
  it('refuses a hole outside its shell (touching it at points) instead of printing shell − hole', async () => {
    const run = await runCli(['area', file('outside.geojson'), '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/outside\.geojson: 第 1 个要素（索引 0）的第 1 个内环（洞）：内环（洞）位于外环之外.* \/ Feature 1 \(index 0\), hole 1: the hole lies outside the outer ring/);
  }, 60_000);

  it('measures the repair as ST_MakeValid builds it: the hole outside becomes a second polygon', async () => {
    const { code, stderr, rows } = await areas('outside.geojson');
    expect(code).toBe(0);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/outside\.geojson: .*已修复（同 ST_MakeValid）：按 2 个面、0 个洞计算.* \/ .*Repaired \(as ST_MakeValid\): measured as 2 polygon\(s\) with 0 hole\(s\)/);
    expect(relative(rows[0].area_m2, referenceRingArea(notched) + referenceRingArea(holeInNotch))).toBeLessThan(1e-9);
  }, 60_000);

  it('turns a part inside another part into a hole, and a bow tie into two triangles', async () => {
    const nested = await areas('nested.geojson');
    expect(nested.code).toBe(0);
    // Only the invalid feature is reported; the valid one is measured as it is.
    expect(nested.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(nested.stderr).toMatch(/第 2 个要素.*1 个面、1 个洞/);
    expect(relative(nested.rows[1].area_m2, referenceRingArea(square(0, 0, 6)) - referenceRingArea(square(1, 1, 2)))).toBeLessThan(1e-9);
    expect(relative(nested.rows[0].area_m2, referenceRingArea(square(10, 0, 1)))).toBeLessThan(1e-9);
    const bow = await areas('bowtie.geojson');
    expect(bow.code).toBe(0);
    const triangles = referenceRingArea(at([[0, 0], [1, 1], [0, 2], [0, 0]])) + referenceRingArea(at([[2, 0], [2, 2], [1, 1], [2, 0]]));
    // The crossing point is new (rounded to 1e-8 of the shape); the geodesic bend moves it too.
    expect(relative(bow.rows[0].area_m2, triangles)).toBeLessThan(1e-6);
  }, 60_000);

  it('repairs zones for shanshui stats too, and without --repair refuses them', async () => {
    const args = ['stats', '--regions', file('region.geojson'), '--zones', file('parts.geojson'), '--json'];
    const refused = await runCli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/parts\.geojson: .*各部分相互重叠/);
    const run = await runCli([...args, '--repair']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/parts\.geojson: .*按 1 个面、1 个洞计算/);
    const stats = JSON.parse(run.stdout) as { regions: Array<{ zones: { A: { area_m2: number } } }> };
    const expected = referenceRingArea(square(0, 0, 6)) - referenceRingArea(square(1, 1, 2));
    expect(relative(stats.regions[0].zones.A.area_m2, expected)).toBeLessThan(1e-9);
  }, 60_000);

  it('splits a polygon whose hole cuts its interior in two into two polygons', async () => {
    const refused = await runCli(['area', file('cut.geojson')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cut\.geojson: .*把面的内部分成了几块.* \/ .*cuts the interior into pieces/);
    const { code, stderr, rows } = await areas('cut.geojson');
    expect(code).toBe(0);
    expect(stderr).toMatch(/cut\.geojson: .*按 2 个面、0 个洞计算/);
    const expected = referenceRingArea(square(0, 0, 6)) - referenceRingArea(at([[0, 3], [3, 1], [6, 3], [3, 5], [0, 3]]));
    expect(relative(rows[0].area_m2, expected)).toBeLessThan(1e-9);
  }, 60_000);
});
