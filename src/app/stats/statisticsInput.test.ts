import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { zoneStatistics } from '../../geo/zoneStatistics.ts';
import { loadPack } from '../../pack/loadPack.ts';
import type { LoadedPack } from '../../pack/types.ts';
import { loadedLayerOf, type ImportedData, type ImportRecord } from '../../store/importedLayer.ts';
import { KIND_KEY, statisticsInput } from './statisticsInput.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const REF = path.resolve(import.meta.dirname, '../../../tests/fixtures/import/ref');
const fileFetch = ((url: string | URL) => Promise.resolve(new Response(readFileSync(path.join(DATA, new URL(url).pathname.replace(/^\/data\//, '')))))) as typeof fetch;

let pack: LoadedPack;
beforeAll(async () => {
  pack = await loadPack('http://pack.test/data/changzhi/pack.json', fileFetch);
});

// ogr2ogr's WGS84 conversion of the CGCS2000 CM 114 shapefile, as an imported layer.
const shapefile = JSON.parse(readFileSync(path.join(REF, 'cgcs2000-3deg-cm114.wgs84.geojson'), 'utf8')) as ImportedData;
const record: ImportRecord = {
  id: 'import-test',
  name: '规划分区',
  fileName: 'cgcs2000-3deg-cm114.zip',
  color: '#d1495b',
  nameKey: '名称',
  kindKey: '类型',
  propertyKeys: ['名称', '类型'],
  sourceCrs: 'EPSG:4547',
  sourceCrsLabel: { zh: 'CGCS2000', en: 'CGCS2000' },
  format: 'shapefile',
  featureCount: 4,
  vertexCount: 40,
  geometry: 'polygon',
  importedAt: 0,
  tiled: false,
  warnings: [],
  order: 1,
};

describe('statisticsInput with an imported layer', () => {
  it('adds one kind per value of the layer’s kind property; the figures equal the geo core’s on the file itself', () => {
    const input = statisticsInput([...pack.layers, loadedLayerOf(record, shapefile, undefined, [])])!;
    const imported = input.kinds.filter((k) => k.id.startsWith('import-test'));
    expect(imported.map((k) => k.title.zh)).toEqual(['规划分区：湿地', '规划分区：采煤沉陷区', '规划分区：泉域', '规划分区：两山']);
    expect(imported.every((k) => k.hasArea && !k.hasLength && !k.hasCount && !k.estimate)).toBe(true);

    const ours = zoneStatistics(input.regions, input.zones, { kindKey: KIND_KEY });
    const counties = pack.layers.find((l) => l.id === 'counties')!.data as FeatureCollection;
    const direct = zoneStatistics(counties, shapefile as FeatureCollection, { kindKey: '类型' });
    imported.forEach((kind) => {
      const value = kind.title.zh.split('：')[1];
      ours.regions.forEach((region, i) => expect(region.zones[kind.id]?.area_m2 ?? 0).toBeCloseTo(direct.regions[i].zones[value]?.area_m2 ?? 0, 6));
    });
    // The pack's own kinds are unchanged; context (the reference layer of county seats) is not one.
    const counted = pack.layers.filter((l) => l.id !== 'counties' && l.role !== 'reference').map((l) => l.id);
    expect(input.kinds.slice(0, counted.length).map((k) => k.id)).toEqual(counted);
  });

  it('is one kind without a kind property; leaves out features with unusable geometry; counts a collection’s members', () => {
    const { kindKey: _none, ...plain } = record;
    const collection: ImportedData = {
      type: 'FeatureCollection',
      features: [
        ...shapefile.features,
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [113.1, 36.2] }, { type: 'LineString', coordinates: [[113.1, 36.2], [113.2, 36.3]] }] },
        },
      ],
    };
    const input = statisticsInput([...pack.layers, loadedLayerOf(plain, collection, undefined, [0])])!;
    const kind = input.kinds.find((k) => k.id === 'import-test')!;
    expect(kind).toMatchObject({ title: { zh: '规划分区', en: '规划分区' }, hasArea: true, hasLength: true, hasCount: true });
    const zones = input.zones.features.filter((f) => f.properties?.[KIND_KEY] === 'import-test');
    // 3 polygons (the first left out) and the collection's point and line.
    expect(zones.map((f) => f.geometry.type).sort()).toEqual(['LineString', 'MultiPolygon', 'Point', 'Polygon', 'Polygon']);
    expect(zones.some((f) => f.geometry === shapefile.features[0].geometry)).toBe(false);
  });
});
