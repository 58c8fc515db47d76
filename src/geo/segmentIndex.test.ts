import { describe, expect, it } from 'vitest';
import { segmentIndex } from './segmentIndex.ts';

describe('segmentIndex', () => {
  it('indexes the edges of lines and rings, skipping points and zero-length edges', () => {
    const built = segmentIndex([
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[5, 5], [5, 5], [6, 5]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [9, 9] } },
      { type: 'Feature', properties: {}, geometry: null },
    ])!;
    expect(built.segments.length / 4).toBe(4);
    expect([...built.segments.subarray(12, 16)]).toEqual([5, 5, 6, 5]);
    // Near (5.5, 5): the line's edge only.
    expect(built.index.search(5.4, 4.9, 5.6, 5.1)).toEqual([3]);
  });

  it('is undefined when there is no edge at all', () => {
    expect(segmentIndex([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 1] } }])).toBeUndefined();
  });
});
