import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../pack/loadPack.ts';
import type { LoadedPack } from '../../pack/types.ts';
import { loadedLayerOf, type ImportRecord } from '../../store/importedLayer.ts';
import { featuresInRegions } from '../../geo/featuresInRegion.ts';
import { countyMembers } from './countyMembers.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const fileFetch = ((url: string | URL) => Promise.resolve(new Response(readFileSync(path.join(DATA, new URL(url).pathname.replace(/^\/data\//, '')))))) as typeof fetch;

let pack: LoadedPack;
beforeAll(async () => {
  pack = await loadPack('http://pack.test/data/changzhi/pack.json', fileFetch);
});

describe('countyMembers', () => {
  it('places 4,500 imported points (three slices) in the counties turf puts them in, pausing between slices', async () => {
    // A 75 × 60 grid over Changzhi's box, off any round coordinate of the county borders.
    const features = Array.from({ length: 4500 }, (_, i) => ({
      type: 'Feature' as const,
      properties: { 名称: `点${i}` },
      geometry: { type: 'Point' as const, coordinates: [111.95 + (i % 75) * 0.0243 + 1e-7, 35.8 + Math.floor(i / 75) * 0.0228 + 1e-7] },
    }));
    const record = { id: 'import-pts', name: '点', fileName: 'pts.geojson', color: '#000', nameKey: '名称', propertyKeys: ['名称'], sourceCrs: 'EPSG:4326', sourceCrsLabel: { zh: 'WGS84', en: 'WGS84' }, geometry: 'point', importedAt: 0 } as unknown as ImportRecord;
    const layer = loadedLayerOf(record, { type: 'FeatureCollection', features }, undefined, []);
    const counties = pack.layers.find((l) => l.id === 'counties')!;
    let pauses = 0;
    const members = await countyMembers([counties, layer], counties, () => {
      pauses++;
      return Promise.resolve();
    });
    expect(pauses).toBe(2);
    const points = members.find((m) => m.layerId === 'import-pts')!;
    counties.data.features.forEach((county, r) => {
      const expected = features.flatMap((f, i) => (booleanPointInPolygon(f.geometry.coordinates, county.geometry as Polygon | MultiPolygon) ? [i] : []));
      expect(points.perRegion[r], String(county.properties.name)).toEqual(expected);
    });
    expect(points.total).toBe(new Set(points.perRegion.flat()).size);
    expect(points.total).toBeGreaterThan(1000);
  });

  it('places a layer of few, very large polygons in slices of about 20,000 positions (not one slice for the layer), with the same answer', async () => {
    // 6 circles of 30,000 corners across Changzhi: each one a slice of its own.
    const features = Array.from({ length: 6 }, (_, i) => {
      const [cx, cy, r] = [112.2 + i * 0.25, 36.1 + (i % 3) * 0.2, 0.08];
      const ring = Array.from({ length: 30_000 }, (_, k) => [cx + r * Math.cos((k / 30_000) * 2 * Math.PI), cy + r * 0.8 * Math.sin((k / 30_000) * 2 * Math.PI)]);
      ring.push(ring[0]);
      return { type: 'Feature' as const, properties: { 名称: `大${i}` }, geometry: { type: 'Polygon' as const, coordinates: [ring] } };
    });
    const record = { id: 'import-big', name: '大', fileName: 'big.geojson', color: '#000', propertyKeys: ['名称'], sourceCrs: 'EPSG:4326', sourceCrsLabel: { zh: 'WGS84', en: 'WGS84' }, geometry: 'polygon', importedAt: 0 } as unknown as ImportRecord;
    const layer = loadedLayerOf(record, { type: 'FeatureCollection', features }, undefined, []);
    const counties = pack.layers.find((l) => l.id === 'counties')!;
    let pauses = 0;
    const members = await countyMembers([counties, layer], counties, () => {
      pauses++;
      return Promise.resolve();
    });
    expect(pauses).toBe(5);
    const expected = featuresInRegions(
      counties.data.features.map((f) => f.geometry),
      features.map((f) => f.geometry),
    );
    expect(members.find((m) => m.layerId === 'import-big')!.perRegion).toEqual(expected);
    expect(expected.flat().length).toBeGreaterThanOrEqual(6);
  }, 30_000);
});
