import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { forEachPosition } from './geometry.ts';
import { referenceLayer, sortedPositions } from './testSupport.ts';
import { IMPORT_TILE_LAYER, createImportTileIndex, importTileUrlTemplate, parseImportTileUrl } from './tileIndex.ts';

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [x, y];
}

describe('import tile index', () => {
  // ogr2ogr's WGS84 output of the test polygons: an independent layer to tile.
  const data = referenceLayer('cgcs2000-3deg-cm114');
  const index = createImportTileIndex(data);

  it('serves MVT tiles whose features carry the properties and map back by id', () => {
    const [lon, lat] = (data.features[2].geometry as { coordinates: number[][][] }).coordinates[0][0];
    const [x, y] = tileOf(lon, lat, 10);
    const pbf = index.getTilePbf(10, x, y);
    expect(pbf).toBeInstanceOf(Uint8Array);
    const layer = new VectorTile(new PbfReader(pbf!)).layers[IMPORT_TILE_LAYER];
    expect(layer).toBeDefined();
    const names = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).map((f) => [f.id, f.properties['名称']]);
    expect(names).toContainEqual([2, '辛安泉域重点保护区']);
  });

  it('keeps vertices to the tile grid at the deepest zoom (no simplification)', () => {
    const ring = (data.features[0].geometry as { coordinates: number[][][] }).coordinates[0];
    const [lon, lat] = ring[0];
    const [x, y] = tileOf(lon, lat, 14);
    const layer = new VectorTile(new PbfReader(index.getTilePbf(14, x, y)!)).layers[IMPORT_TILE_LAYER];
    const feature = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((f) => f.id === 0)!;
    const decoded = sortedPositions(feature.toGeoJSON(x, y, 14).geometry);
    // The source vertex is present to within half a tile pixel at z14 (360° / 2^14 / 4096 / 2 ≈ 2.7e-6°).
    const nearest = Math.min(...decoded.map((p) => Math.max(Math.abs(p[0] - lon), Math.abs(p[1] - lat))));
    expect(nearest).toBeLessThan(3e-6);
  });

  it('returns null for empty or impossible tiles', () => {
    expect(index.getTilePbf(10, 0, 0)).toBeNull();
    expect(index.getTilePbf(3, 8, 0)).toBeNull();
    expect(index.getTilePbf(-1, 0, 0)).toBeNull();
    expect(index.getTilePbf(2.5, 0, 0)).toBeNull();
  });

  it('covers every feature at a low zoom', () => {
    let count = 0;
    forEachPosition(data.features[0].geometry, () => count++);
    const [x, y] = tileOf(113, 36.3, 6);
    const layer = new VectorTile(new PbfReader(index.getTilePbf(6, x, y)!)).layers[IMPORT_TILE_LAYER];
    expect(layer.length).toBe(data.features.length);
    expect(count).toBeGreaterThan(0);
  });

  it('round-trips its URLs', () => {
    const url = importTileUrlTemplate('imp-1/a b').replace('{z}', '5').replace('{x}', '26').replace('{y}', '12');
    expect(parseImportTileUrl(url)).toEqual({ indexId: 'imp-1/a b', z: 5, x: 26, y: 12 });
    expect(parseImportTileUrl('https://example.com/1/2/3')).toBeNull();
  });
});
