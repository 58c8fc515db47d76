import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { batchFeatures, packBatch, positionCount, unpackBatch } from './layerJsonBatches.ts';

const ring = (n: number) => [...Array.from({ length: n }, (_, i) => [113 + Math.cos(i), 36 + Math.sin(i)]), [114, 36]];
const polygon = (n: number): Feature<Geometry | null> => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring(n - 1)] } });

describe('positionCount', () => {
  it('counts every position of every geometry type', () => {
    expect(positionCount({ type: 'Point', coordinates: [1, 2] })).toBe(1);
    expect(positionCount({ type: 'MultiPolygon', coordinates: [[ring(4), ring(3)], [ring(9)]] })).toBe(5 + 4 + 10);
    expect(positionCount({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: ring(2) }] })).toBe(4);
    expect(positionCount(null)).toBe(0);
  });
});

describe('batchFeatures', () => {
  it('hands every feature over once, in order, in batches of about the given size', () => {
    const features = Array.from({ length: 1000 }, (_, i) => polygon(5 + (i % 20)));
    const batches = [...batchFeatures(features, 2000)];
    expect(batches.flat()).toEqual(features);
    expect(batches.flat()[17]).toBe(features[17]);
    for (const batch of batches.slice(0, -1)) {
      const positions = batch.reduce((n, f) => n + positionCount(f.geometry), 0);
      expect(positions).toBeGreaterThanOrEqual(2000);
      expect(positions).toBeLessThan(2000 + 25);
    }
  });

  it('gives a feature larger than a batch a batch of its own; an empty list gives none', () => {
    const batches = [...batchFeatures([polygon(10), polygon(5000), polygon(10)], 1000)];
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    expect([...batchFeatures([], 1000)]).toEqual([]);
  });
});

describe('packBatch', () => {
  it('gives back every feature as it was, properties included', () => {
    const features: Feature<Geometry | null>[] = [
      { type: 'Feature', properties: { 名称: '图斑1', n: 3, nested: { a: [1] } }, geometry: { type: 'MultiPolygon', coordinates: [[ring(5), ring(3)], [ring(7)]] } },
      { type: 'Feature', properties: null, geometry: null },
      { type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: ring(2) }] } },
    ];
    const batch = packBatch(structuredClone(features));
    expect(batch).not.toBeNull();
    const back = unpackBatch(structuredClone(batch!.packed), structuredClone(batch!.properties));
    expect(back).toEqual(features);
  });

  it('leaves a batch with an id, a bbox or a third coordinate as it is', () => {
    expect(packBatch([{ ...polygon(5), id: 7 }])).toBeNull();
    expect(packBatch([{ ...polygon(5), bbox: [0, 0, 1, 1] }])).toBeNull();
    expect(packBatch([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2, 3] } }])).toBeNull();
  });
});
