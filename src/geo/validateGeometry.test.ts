import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { describeIssue } from '../i18n/describeIssue.ts';
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

  it('reports a ring touching itself at one vertex, and spikes (OGC: rings are simple)', () => {
    // Two lobes meeting at (1,1) without crossing: the interior falls in two.
    const touching = [[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]];
    expect(codes(poly(touching))).toEqual(['self-intersection']);
    expect(validateGeometry(poly(touching))[0].touches).toBe(true);
    const spike = [[0, 0], [2, 0], [2, 1], [3, 1], [2, 1], [2, 2], [0, 2], [0, 0]];
    expect(codes(poly(spike))).toEqual(['self-intersection']);
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

  describe('OGC topology of rings that meet without crossing (issue 18)', () => {
    // A shell with a rectangular notch 2–4 × 3–6 cut into its top.
    const notched: Position[] = [[0, 0], [6, 0], [6, 6], [4, 6], [4, 3], [2, 3], [2, 6], [0, 6], [0, 0]];

    it('a hole outside its shell touching it only at its vertices', () => {
      // Every vertex of the hole lies on a side of the notch: the hole is in the notch, outside.
      expect(codes(poly(notched, [[4, 5], [2, 5], [3, 3], [4, 5]]))).toEqual(['hole-outside-shell']);
    });

    it('a hole inside another hole touching it only at its vertices', () => {
      const hole: Position[] = [[1, 1], [1, 5], [5, 5], [5, 1], [1, 1]];
      // A diamond whose corners lie on the first hole's edges.
      const inner: Position[] = [[3, 1], [1, 3], [3, 5], [5, 3], [3, 1]];
      expect(codes(poly(sq(0, 0, 6), hole, inner))).toEqual(['nested-holes']);
    });

    it('a part inside another part touching it only at its vertices', () => {
      const diamond: Position[] = [[3, 0], [6, 3], [3, 6], [0, 3], [3, 0]];
      expect(codes({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 6)], [diamond]] })).toEqual(['overlapping-parts']);
    });

    it('a hole touching its shell at two points, cutting the interior in two', () => {
      const hole: Position[] = [[0, 3], [3, 1], [6, 3], [3, 5], [0, 3]];
      expect(codes(poly(sq(0, 0, 6), hole))).toEqual(['disconnected-interior']);
      // Two holes touching each other and the shell in a chain from one side to the other.
      const left: Position[] = [[0, 3], [3, 2], [3, 4], [0, 3]];
      const right: Position[] = [[3, 2], [6, 3], [3, 4], [3, 3], [3, 2]];
      expect(codes(poly(sq(0, 0, 6), left, [[3, 4], [6, 3], [3, 2], [4, 3], [3, 4]]))).toEqual(['disconnected-interior']);
      expect(codes(poly(sq(0, 0, 6), left.slice().reverse(), right))).not.toEqual([]);
      // One touch leaves it connected: valid.
      expect(codes(poly(sq(0, 0, 6), [[0, 3], [3, 2], [3, 4], [0, 3]]))).toEqual([]);
      // Three rings meeting at one point: still connected.
      expect(codes(poly(sq(0, 0, 6), [[3, 3], [4, 1], [5, 2], [3, 3]], [[3, 3], [2, 5], [1, 4], [3, 3]]))).toEqual([]);
    });

    it('describes a cut interior in zh and en', () => {
      const [issue] = validateGeometry(poly(sq(0, 0, 6), [[0, 3], [3, 1], [6, 3], [3, 5], [0, 3]]));
      expect(describeIssue(issue, 'en')).toMatch(/rings touch in a loop that cuts the interior into pieces/);
      expect(describeIssue(issue, 'zh')).toMatch(/把面的内部分成了几块/);
    });
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

describe('validateGeometry: the clean-result cache', () => {
  it('checks again after any change in place, however small (no hash that could collide)', () => {
    const ring: Position[] = [[113, 36], [113.1, 36], [113.1, 36.1], [113, 36.1], [113, 36]];
    const geometry = poly(ring);
    expect(codes(geometry)).toEqual([]);
    expect(codes(geometry)).toEqual([]);
    // Swap two vertices in place: a bow tie, the same coordinates array.
    [ring[1], ring[2]] = [ring[2], ring[1]];
    expect(codes(geometry)).toEqual(['self-intersection']);
    [ring[1], ring[2]] = [ring[2], ring[1]];
    expect(codes(geometry)).toEqual([]);
    // The last bit of one coordinate, making a ring touch itself.
    const touching: Position[] = [[0, 0], [1, 1], [2, 0], [2, 2], [1, 1 + 2 ** -40], [0, 2], [0, 0]];
    const g = poly(touching);
    expect(codes(g)).toEqual([]);
    touching[4][1] = 1;
    expect(codes(g)).toEqual(['self-intersection']);
  });
});
