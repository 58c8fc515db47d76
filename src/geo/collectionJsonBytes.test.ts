import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectionJsonBytes } from './collectionJsonBytes.ts';

const reference = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('collectionJsonBytes', () => {
  it('writes the same bytes as JSON.stringify, through many chunks and buffer growths', () => {
    // A real collection (Chinese properties), repeated past several 64 K-character chunks.
    const file = JSON.parse(readFileSync(new URL('../../tests/fixtures/import/geojson/cgcs2000-cm114.geojson', import.meta.url), 'utf8')) as { features: unknown[] };
    const features = Array.from({ length: 80 }, () => file.features).flat();
    const collection = { type: 'FeatureCollection', name: '长治 zones', features, bbox: [112, 35.5, 113.5, 37] };
    const bytes = collectionJsonBytes(collection, 16);
    expect(bytes.length).toBeGreaterThan(200_000);
    expect(bytes).toEqual(reference(collection));
  });

  it('writes members and array entries without JSON as JSON.stringify does', () => {
    const collection = { type: 'FeatureCollection', features: [undefined, null, { type: 'Feature', properties: { a: undefined, b: '😀' }, geometry: null }], skipped: undefined, after: 1 };
    expect(collectionJsonBytes(collection, 1)).toEqual(reference(collection));
    expect(collectionJsonBytes({ type: 'FeatureCollection', features: [] })).toEqual(reference({ type: 'FeatureCollection', features: [] }));
  });
});
