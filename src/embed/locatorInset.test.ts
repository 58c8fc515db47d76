import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { insetPaths } from './locatorInset.ts';

const box = (w: number, s: number, e: number, n: number): Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
});

describe('insetPaths', () => {
  it('fits the outermost shape in the box with 2 px margin and keeps the county inside the city', () => {
    // A 1° × 1° "province" at the equator (cos 0.5° ≈ 1): a 60 px square starting at (2, 2).
    const province = box(0, 0, 1, 1);
    const paths = insetPaths({ outer: [{ type: 'FeatureCollection', features: [province] }], regions: [box(0, 0, 0.5, 0.5)], focus: box(0, 0, 0.25, 0.25) }, 64);
    expect(paths.viewBox).toBe('0 0 64 64');
    expect(paths.outer).toBe('M2.0 62.0L62.0 62.0L62.0 2.0L2.0 2.0L2.0 62.0Z');
    expect(paths.city).toBe('M2.0 62.0L32.0 62.0L32.0 32.0L2.0 32.0L2.0 62.0Z');
    expect(paths.focus).toBe('M2.0 62.0L17.0 62.0L17.0 47.0L2.0 47.0L2.0 62.0Z');
  });

  it('draws nothing without shapes, and no focus without a county', () => {
    expect(insetPaths({ outer: [], regions: [], focus: null }, 64)).toEqual({ viewBox: '0 0 64 64', outer: '', city: '', focus: '' });
    expect(insetPaths({ outer: [], regions: [box(0, 0, 1, 1)], focus: null }, 64).focus).toBe('');
  });
});
