import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { fixtureInput, maxLayerDifference, referenceLayer } from '../testSupport.ts';
import { wgs84ToGcj02 } from '../../geo/gcj02.ts';
import { jsonNestingDepth } from './geojson.ts';

const text = (name: string, s: string) => ({ name, bytes: new TextEncoder().encode(s) });

describe('GeoJSON import', () => {
  it.each([
    ['geojson/wgs84.geojson', 'geojson-wgs84', 'EPSG:4326', 'format'],
    ['geojson/cgcs2000-cm114.geojson', 'geojson-cgcs2000-cm114', 'EPSG:4547', 'declared'],
    ['geojson/webmercator.geojson', 'geojson-webmercator', 'EPSG:3857', 'declared'],
    ['geojson/zone38-nocrs.geojson', 'geojson-zone38-nocrs', 'EPSG:4526', 'detected'],
    ['geojson/wgs84.geojsonl', 'geojson-wgs84-seq', 'EPSG:4326', 'format'],
  ])('%s matches ogr2ogr to 1e-6°', async (file, ref, crs, source) => {
    const result = await importFiles([fixtureInput(file)]);
    if (!result.ok) throw new Error(result.error.code);
    const [layer] = result.layers;
    expect([layer.sourceCrs, layer.crsSource]).toEqual([crs, source]);
    expect(layer.featureCount).toBe(9);
    expect(maxLayerDifference(layer.data, referenceLayer(ref))).toBeLessThan(1e-6);
  });

  it('is recognised by content whatever the extension', async () => {
    const result = await importFiles([{ ...fixtureInput('geojson/wgs84.geojson'), name: 'export.txt' }]);
    expect(result.ok && result.layers[0].format).toBe('geojson');
  });

  it('locates a syntax error by line and column', async () => {
    const result = await importFiles([text('bad.geojson', '{"type":"FeatureCollection",\n"features":[ {"type":"Feature" "geometry":null} ]}')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'json-invalid', params: { line: 2 } } });
  });

  it('says a truncated file is truncated', async () => {
    const full = new TextDecoder().decode(fixtureInput('geojson/wgs84.geojson').bytes);
    const result = await importFiles([text('cut.geojson', full.slice(0, full.length / 2))]);
    expect(result).toMatchObject({ ok: false, error: { code: 'json-invalid' } });
  });

  it('explains an empty collection instead of importing "0 features"', async () => {
    const result = await importFiles([text('empty.geojson', '{"type":"FeatureCollection","features":[]}')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'no-features', params: { reason: 'empty' } } });
  });

  it('skips invalid geometries with a count and keeps the rest', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { n: 1 }, geometry: { type: 'Point', coordinates: [113.1, 36.2] } },
        { type: 'Feature', properties: { n: 2 }, geometry: { type: 'Point', coordinates: ['113', 36] } },
        { type: 'Feature', properties: { n: 3 }, geometry: { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36]]] } },
        { type: 'Feature', properties: { n: 4 }, geometry: null },
        { type: 'Feature', properties: { n: 5, nested: { a: [1, 2] } }, geometry: { type: 'LineString', coordinates: [[113, 36], [113.2, 36.1]] } },
      ],
    };
    const result = await importFiles([text('mixed.geojson', JSON.stringify(fc))]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data.features.map((f) => f.properties.n)).toEqual([1, 4, 5]);
    expect(result.warnings).toContainEqual({ code: 'invalid-geometries-skipped', params: { count: 2 } });
    expect(result.warnings).toContainEqual({ code: 'features-without-geometry', params: { count: 1 } });
    expect(result.layers[0].data.features[2].properties.nested).toBe('{"a":[1,2]}');
  });

  it('recognises [lat, lon] order instead of calling it an unknown CRS', async () => {
    const g = { type: 'LineString', coordinates: [[36.2, 113.1], [36.3, 113.2]] };
    expect(await importFiles([text('swapped.geojson', JSON.stringify(g))])).toMatchObject({ ok: false, error: { code: 'coordinates-swapped' } });
  });

  it('closes an open polygon ring', async () => {
    const g = { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36], [113.1, 36.1]]] };
    const result = await importFiles([text('open.geojson', JSON.stringify(g))]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [[[113, 36], [113.1, 36], [113.1, 36.1], [113, 36]]] });
  });

  it('keeps a property named __proto__ as data, under a name every consumer can write (__proto___)', async () => {
    const s = '{"type":"Feature","properties":{"__proto__":{"polluted":1},"名称":"x"},"geometry":{"type":"Point","coordinates":[113,36]}}';
    const result = await importFiles([text('proto.geojson', s)]);
    if (!result.ok) throw new Error(result.error.code);
    const p = result.layers[0].data.features[0].properties;
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.keys(p)).toEqual(['__proto___', '名称']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names TopoJSON and Esri JSON instead of calling them broken', async () => {
    expect(await importFiles([text('t.json', '{"type":"Topology","objects":{}}')])).toMatchObject({ error: { code: 'format-unsupported', params: { format: 'TopoJSON' } } });
    expect(await importFiles([text('e.json', '{"geometryType":"esriGeometryPolygon","features":[]}')])).toMatchObject({ error: { code: 'format-unsupported', params: { format: 'Esri JSON' } } });
    expect(await importFiles([text('o.json', '{"hello":"world"}')])).toMatchObject({ error: { code: 'json-not-geojson' } });
  });

  it('refuses absurd nesting before parsing', async () => {
    expect(jsonNestingDepth('{"a":"[[[[["}', 10)).toBe(1);
    const result = await importFiles([text('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))]);
    expect(result).toMatchObject({ ok: false, error: { code: 'json-too-deep' } });
  });

  it('converts GCJ-02 lon/lat only when asked (fromCrs "gcj02"), inverting src/geo/gcj02', async () => {
    const original = referenceLayer('geojson-wgs84');
    const shifted = structuredClone(original);
    for (const f of shifted.features) {
      if (f.geometry?.type === 'Point') f.geometry.coordinates = wgs84ToGcj02(f.geometry.coordinates);
    }
    const points = { type: 'FeatureCollection', features: shifted.features.filter((f) => f.geometry?.type === 'Point') };
    const plain = await importFiles([text('gaode.geojson', JSON.stringify(points))]);
    expect(plain.ok && plain.layers[0].sourceCrs).toBe('EPSG:4326');
    const result = await importFiles([text('gaode.geojson', JSON.stringify(points))], { fromCrs: 'gcj02' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].sourceCrs).toBe('gcj02');
    const expected = { ...original, features: original.features.filter((f) => f.geometry?.type === 'Point') };
    expect(maxLayerDifference(result.layers[0].data, expected)).toBeLessThan(1e-7);
  });

  it('applies a GCJ-02 choice also over a declared WGS84 crs member', async () => {
    const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: wgs84ToGcj02([113.1, 36.2]) } }] };
    const result = await importFiles([text('gaode.geojson', JSON.stringify(fc))], { fromCrs: 'gcj02' });
    if (!result.ok) throw new Error(result.error.code);
    const [lon, lat] = (result.layers[0].data.features[0].geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lon - 113.1) + Math.abs(lat - 36.2)).toBeLessThan(1e-8);
  });

  it('refuses GCJ-02 for projected coordinates', async () => {
    const result = await importFiles([fixtureInput('geojson/zone38-nocrs.geojson')], { fromCrs: 'gcj02' });
    expect(result).toMatchObject({ ok: false, error: { code: 'gcj02-not-lonlat' } });
  });
});
