import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { packFeatures, packFeaturesInSlices, unpackFeatures } from './packedFeatures.ts';

const features: Feature[] = [
  { type: 'Feature', properties: { kind: 'a', name: 'P', other: 1 }, geometry: { type: 'Point', coordinates: [112.1, 36.2] } },
  { type: 'Feature', properties: { kind: 'b' }, geometry: { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] } },
  { type: 'Feature', properties: null, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4], [5, 6]] } },
  { type: 'Feature', properties: { kind: 'c' }, geometry: { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] } },
  { type: 'Feature', properties: { kind: 'd' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]] } },
  { type: 'Feature', properties: { kind: 'e' }, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]] } },
  {
    type: 'Feature',
    properties: { kind: 'f' },
    geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [9, 9] }, { type: 'LineString', coordinates: [[1, 1], [2, 2]] }] },
  },
  { type: 'Feature', properties: { kind: 'g' }, geometry: null as never },
  { type: 'Feature', properties: { kind: 'h' }, geometry: { type: 'Point', coordinates: [Number.NaN, 36] } },
];

describe('packFeatures / unpackFeatures', () => {
  it('round-trips every geometry type and the kept properties', () => {
    const back = unpackFeatures(packFeatures(features, ['kind', 'name']));
    expect(back.features).toHaveLength(features.length);
    back.features.forEach((f, i) => {
      expect(f.geometry).toEqual(features[i].geometry);
      const p = features[i].properties ?? {};
      expect(f.properties).toEqual(Object.fromEntries(['kind', 'name'].filter((k) => p[k] !== undefined).map((k) => [k, p[k]])));
    });
  });

  it('drops a third coordinate and sends what it cannot represent as it is', () => {
    const odd: Feature[] = [
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2, 300] } },
      { type: 'Feature', properties: { kind: 'x' }, geometry: { type: 'Point', coordinates: [1] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [1, 2] } as never },
    ];
    const packed = packFeatures(odd, ['kind']);
    expect(Object.keys(packed.raw)).toEqual(['1', '2']);
    const back = unpackFeatures(packed).features;
    expect(back[0].geometry).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(back[1]).toBe(odd[1]);
    expect(back[2]).toBe(odd[2]);
  });

  it('yields between slices and packs the same', () => {
    const many = Array.from({ length: 25 }, (_, i) => features[i % features.length]);
    const run = packFeaturesInSlices(many, ['kind'], 10);
    let yields = 0;
    let step = run.next();
    while (!step.done) {
      yields++;
      step = run.next();
    }
    expect(yields).toBe(2);
    expect(unpackFeatures(step.value)).toEqual(unpackFeatures(packFeatures(many, ['kind'])));
  });
});

describe('packFeatures with ArrayBuffer.prototype.transfer (as in browsers)', () => {
  it('grows and trims its arrays by moving their memory, with the same result', () => {
    const proto = ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer, length: number) => ArrayBuffer };
    const own = Object.prototype.hasOwnProperty.call(proto, 'transfer');
    const moved: ArrayBuffer[] = [];
    // Node 20 lacks it: the spec's behaviour (contents kept up to the new length, old buffer detached).
    if (!own)
      proto.transfer = function (length) {
        const out = new ArrayBuffer(length);
        new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
        structuredClone(this, { transfer: [this] });
        moved.push(this);
        return out;
      };
    try {
      // Enough positions to grow the coordinates past their first 1,024 slots several times.
      const many: Feature[] = Array.from({ length: 300 }, (_, i) => ({
        type: 'Feature',
        properties: { kind: `k${i % 3}` },
        geometry: { type: 'Polygon', coordinates: [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]] },
      }));
      const packed = packFeatures([...many, ...features], ['kind']);
      expect(packed.coords.length).toBe(2 * (300 * 5) + packFeatures(features).coords.length);
      const back = unpackFeatures(packed);
      back.features.forEach((f, i) => expect(f.geometry).toEqual([...many, ...features][i].geometry));
      if (!own) expect(moved.length).toBeGreaterThan(3);
      if (!own) for (const buffer of moved) expect(buffer.byteLength).toBe(0);
    } finally {
      if (!own) delete proto.transfer;
    }
  });
});
