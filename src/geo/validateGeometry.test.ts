import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { describeIssue } from './describeIssue.ts';
import { validateFeatures } from './validateFeatures.ts';
import { validateGeometry } from './validateGeometry.ts';

const sq = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const poly = (...rings: Position[][]): Geometry => ({ type: 'Polygon', coordinates: rings });
/** Distinct issue codes, in order of first appearance. */
const codes = (g: unknown): string[] => [...new Set(validateGeometry(g as Geometry).map((i) => i.code))];

describe('validateGeometry: rings', () => {
  it('accepts simple polygons, holes and multipolygons', () => {
    expect(codes(poly(sq(0, 0, 1)))).toEqual([]);
    expect(codes(poly(sq(0, 0, 4), sq(1, 1, 1).reverse()))).toEqual([]);
    expect(codes({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 1)], [sq(2, 0, 1)]] })).toEqual([]);
  });

  it('reports crossing edges, with the place', () => {
    const bowTie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]];
    const issues = validateGeometry(poly(bowTie));
    expect(issues.map((i) => i.code)).toEqual(['self-intersection']);
    expect(issues[0].position?.[0]).toBeCloseTo(0.5, 12);
    expect(issues[0].position?.[1]).toBeCloseTo(0.5, 12);
    expect(issues[0].ring).toBe(0);
  });

  it('allows a ring touching itself at one vertex, and spikes, which keep the area defined', () => {
    // Two lobes meeting at (1,1) without crossing.
    const touching = [[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]];
    expect(codes(poly(touching))).toEqual([]);
    const spike = [[0, 0], [2, 0], [2, 1], [3, 1], [2, 1], [2, 2], [0, 2], [0, 0]];
    expect(codes(poly(spike))).toEqual([]);
  });

  it('reports a ring that passes through itself at a vertex', () => {
    // Figure eight through (1,1): the lobes have opposite orientation.
    const eight = [[0, 0], [1, 1], [2, 2], [2, 0], [1, 1], [0, 2], [0, 0]];
    expect(codes(poly(eight))).toEqual(['self-intersection']);
    // A vertex lying inside another edge, the ring crossing there.
    const through = [[0, 0], [2, 0], [2, 2], [1, 0], [1, -1], [0, -1], [0, 0]];
    expect(codes(poly(through))).toEqual(['self-intersection']);
  });

  it('reports edges running along each other', () => {
    const doubled = [[0, 0], [2, 0], [2, 1], [1, 0], [0.5, 0], [0, 1], [0, 0]];
    expect(codes(poly(doubled))).toContain('self-intersection');
  });

  it('reports holes crossing, outside or inside other holes, and overlapping parts', () => {
    expect(codes(poly(sq(0, 0, 2), sq(1, 1, 2)))).toEqual(['ring-intersection']);
    expect(codes(poly(sq(0, 0, 2), sq(5, 5, 1)))).toEqual(['hole-outside-shell']);
    expect(codes(poly(sq(0, 0, 10), sq(1, 1, 5), sq(2, 2, 1)))).toEqual(['nested-holes']);
    expect(codes({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 2)], [sq(1, 1, 2)]] })).toEqual(['overlapping-parts']);
    expect(codes({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 4)], [sq(1, 1, 1)]] })).toEqual(['overlapping-parts']);
    // An island inside the hole of another part is fine.
    expect(codes({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 4), sq(1, 1, 2)], [sq(1.5, 1.5, 1)]] })).toEqual([]);
  });

  it('words parts that share an edge as touching, not as an overlap to look for', () => {
    const adjacent = validateGeometry({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 1)], [sq(1, 0, 1)]] }, 0);
    expect(adjacent.map((i) => i.code)).toEqual(['overlapping-parts']);
    expect(describeIssue(adjacent[0], 'en')).toMatch(/touch or overlap along an edge \(merge them into one polygon\)/);
    expect(describeIssue(adjacent[0], 'zh')).toMatch(/沿一条边相接或重叠/);
    const overlapping = validateGeometry({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 2)], [sq(1, 1, 2)]] }, 0);
    expect(describeIssue(overlapping[0], 'en')).toMatch(/parts of the multipolygon overlap each other/);
  });

  it('reports malformed rings and coordinates', () => {
    expect(codes(poly([[0, 0], [1, 0], [1, 1], [0, 1]]))).toEqual(['unclosed-ring']);
    expect(codes(poly([[0, 0], [1, 0], [0, 0]]))).toEqual(['too-few-points']);
    expect(codes(poly([[0, 0], [1, 0], [1, 0], [0, 0]]))).toEqual(['too-few-points']);
    expect(codes(poly([[0, 0], [Infinity, 0], [1, 1], [0, 0]]))).toEqual(['non-finite-coordinate']);
    expect(codes(poly([[0, 0], ['1', 0], [1, 1], [0, 0]] as unknown as Position[]))).toEqual(['invalid-coordinate']);
    expect(codes(poly([[0, 0], [1, 95], [1, 1], [0, 0]]))).toEqual(['out-of-range-coordinate']);
    expect(codes(poly([[179.5, 0], [-179.5, 0], [-179.5, 1], [179.5, 0]]))).toEqual(['crosses-antimeridian']);
    expect(codes({ type: 'Polygon', coordinates: [] })).toEqual(['empty-geometry']);
  });
});

describe('validateGeometry: other types', () => {
  it('checks points and lines and refuses what the caller cannot use', () => {
    expect(codes({ type: 'Point', coordinates: [113, 36] })).toEqual([]);
    expect(codes({ type: 'Point', coordinates: [Number.NaN, 36] })).toEqual(['non-finite-coordinate']);
    expect(codes({ type: 'LineString', coordinates: [[113, 36]] })).toEqual(['too-few-points']);
    expect(codes({ type: 'MultiLineString', coordinates: [[[113, 36], [113, 37]], [[0, 0]]] })).toEqual(['too-few-points']);
    expect(codes(null)).toEqual(['missing-geometry']);
    expect(codes({ type: 'GeometryCollection', geometries: [] })).toEqual(['unsupported-geometry']);
    const line = { type: 'LineString', coordinates: [[113, 36], [113, 37]] } as Geometry;
    expect(validateGeometry(line, 0, { accept: ['Polygon'] }).map((i) => i.code)).toEqual(['unsupported-geometry']);
  });
});

describe('validateFeatures and describeIssue', () => {
  it('names each feature by its index and explains the problem in zh and en', () => {
    const issues = validateFeatures(
      [
        { type: 'Feature', properties: {}, geometry: poly(sq(113, 36, 0.1)) },
        { type: 'Feature', properties: {}, geometry: poly([[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]]) },
        { type: 'Feature', properties: {}, geometry: null as unknown as Geometry },
      ],
      { layer: 'zones' },
    );
    expect(issues.map((i) => [i.featureIndex, i.code])).toEqual([
      [1, 'self-intersection'],
      [2, 'missing-geometry'],
    ]);
    expect(describeIssue(issues[0], 'en')).toBe(
      'Zones: feature 2 (index 1), outer ring: the ring crosses itself near 113.05000, 36.05000.',
    );
    expect(describeIssue(issues[0], 'zh')).toBe('分区文件中第 2 个要素（索引 1）的外环：环自相交（位置约 113.05000, 36.05000）。');
    expect(describeIssue(issues[1], 'zh')).toBe('分区文件中第 3 个要素（索引 2）：没有几何图形。');
  });
});
