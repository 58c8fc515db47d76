import { describe, expect, it } from 'vitest';
import { placedGeometry } from './placedGeometry.ts';

describe('placedGeometry', () => {
  it('drops the pointer point from a polygon sketch and closes the ring again', () => {
    // Two clicks, pointer on its way to the third vertex.
    const sketch = { type: 'Polygon' as const, coordinates: [[[112.15, 36.9], [112.25, 36.91], [112.2425, 36.8925], [112.15, 36.9]]] };
    expect(placedGeometry(sketch, 2).coordinates).toEqual([[[112.15, 36.9], [112.25, 36.91], [112.15, 36.9]]]);
    expect(placedGeometry(sketch, 3).coordinates).toEqual([[[112.15, 36.9], [112.25, 36.91], [112.2425, 36.8925], [112.15, 36.9]]]);
  });

  it('drops the pointer point from a line sketch', () => {
    const sketch = { type: 'LineString' as const, coordinates: [[113, 36], [113.1, 36.1], [113.15, 36.2]] };
    expect(placedGeometry(sketch, 2).coordinates).toEqual([[113, 36], [113.1, 36.1]]);
  });

  it('keeps an empty ring empty', () => {
    expect(placedGeometry({ type: 'Polygon', coordinates: [[[1, 1], [1, 1]]] }, 0).coordinates).toEqual([[]]);
  });
});
