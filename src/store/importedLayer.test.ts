import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { WorkerImportedLayer } from '../import/workerApi.ts';
import { featureDisplayName, IMPORT_COLOURS, layerGeometryOf, loadedLayerOf, MAX_KIND_VALUES, nextImportColour, recordFromImport, splitByKind, type ImportedData } from './importedLayer.ts';

const REF = path.resolve(import.meta.dirname, '../../tests/fixtures/import/ref');
const reference = (name: string) => JSON.parse(readFileSync(path.join(REF, `${name}.wgs84.geojson`), 'utf8')) as ImportedData;

/** What the importer returns for ogr2ogr's WGS84 output of the CGCS2000 CM 114 shapefile. */
function imported(data: ImportedData, extra: Partial<WorkerImportedLayer> = {}): WorkerImportedLayer {
  return {
    name: 'cgcs2000-3deg-cm114',
    data,
    sourceCrs: 'EPSG:4547',
    sourceCrsLabel: { zh: 'CGCS2000 高斯-克吕格 3度带 中央经线 114°E', en: 'CGCS2000 / 3-degree Gauss-Kruger CM 114E' },
    crsSource: 'declared',
    format: 'shapefile',
    propertyKeys: ['名称', '类型', '面积亩', '编号', '备注'],
    suggestedNameKey: '名称',
    suggestedKindKey: '类型',
    featureCount: data.features.length,
    vertexCount: 40,
    bbox: [112.199, 36.021, 113.503, 36.803],
    warnings: [],
    ...extra,
  };
}

describe('layerGeometryOf', () => {
  it('says polygon for polygons and multipolygons, mixed when lines and points join them', () => {
    expect(layerGeometryOf(reference('cgcs2000-3deg-cm114'))).toBe('polygon');
    expect(layerGeometryOf(reference('geojson-wgs84'))).toBe('mixed');
    expect(layerGeometryOf(reference('csv-points-jingwei'))).toBe('point');
    expect(layerGeometryOf(reference('lines-cgcs2000-cm114'))).toBe('line');
  });

  it('ignores features without geometry, and says mixed for an empty layer', () => {
    expect(layerGeometryOf({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }, ...reference('csv-points-jingwei').features] })).toBe('point');
    expect(layerGeometryOf({ type: 'FeatureCollection', features: [] })).toBe('mixed');
  });
});

describe('nextImportColour', () => {
  it('takes the first colour not in use, then cycles', () => {
    expect(nextImportColour([])).toBe(IMPORT_COLOURS[0]);
    expect(nextImportColour([IMPORT_COLOURS[0], IMPORT_COLOURS[2]])).toBe(IMPORT_COLOURS[1]);
    expect(nextImportColour([...IMPORT_COLOURS])).toBe(IMPORT_COLOURS[0]);
  });
});

describe('recordFromImport and loadedLayerOf', () => {
  const data = reference('cgcs2000-3deg-cm114');
  const record = recordFromImport(imported(data), { id: 'import-abc', fileName: 'cgcs2000-3deg-cm114.zip', color: '#d1495b', order: 1, importedAt: 0 });

  it('keeps the importer’s suggestions as the name and kind properties', () => {
    expect(record).toMatchObject({ id: 'import-abc', name: 'cgcs2000-3deg-cm114', nameKey: '名称', kindKey: '类型', geometry: 'polygon', tiled: false, featureCount: 4, sourceCrs: 'EPSG:4547' });
  });

  it('makes a workspace layer labelled by the name property, with its origin in the legend', () => {
    const layer = loadedLayerOf(record, data);
    expect(layer.style).toMatchObject({ color: '#d1495b', label: '名称' });
    expect(layer.legend.zh).toBe('导入自 cgcs2000-3deg-cm114.zip，原坐标系 CGCS2000 高斯-克吕格 3度带 中央经线 114°E');
    expect(layer.legend.en).toBe('Imported from cgcs2000-3deg-cm114.zip, converted from CGCS2000 / 3-degree Gauss-Kruger CM 114E');
    expect(layer.imported).toEqual({ fileName: 'cgcs2000-3deg-cm114.zip', sourceCrs: 'EPSG:4547', kindKey: '类型', importedAt: 0 });
    expect(layer.data).toBe(data);
  });

  it('gives a tiled layer its vector source, and no features until they arrive', () => {
    const tiles = { indexId: 'imp-1', url: 'shanshui-import://imp-1/{z}/{x}/{y}', layerName: 'imported', maxZoom: 14, bounds: [112, 36, 113, 37] as [number, number, number, number] };
    const layer = loadedLayerOf({ ...record, tiled: true }, null, tiles);
    expect(layer.data.features).toEqual([]);
    expect(layer.imported?.tiles).toEqual({ url: tiles.url, sourceLayer: 'imported', maxZoom: 14, bounds: tiles.bounds });
  });
});

describe('featureDisplayName', () => {
  const data = reference('cgcs2000-3deg-cm114');
  const record = recordFromImport(imported(data), { id: 'import-abc', fileName: 'x.zip', color: '#000000', order: 1, importedAt: 0 });

  it('names imported features by the chosen property, pack features by name / name_en', () => {
    const layer = loadedLayerOf(record, data);
    expect(featureDisplayName(layer, data.features[0].properties, 0, 'en')).toBe('漳泽湖湿地');
    expect(featureDisplayName(loadedLayerOf({ ...record, nameKey: '编号' }, data), data.features[2].properties, 2, 'zh')).toBe('3');
    const pack = { style: { color: '#000' } };
    expect(featureDisplayName(pack, { name: '漳泽湖', name_en: 'Zhangze Lake' }, 0, 'en')).toBe('Zhangze Lake');
    expect(featureDisplayName(pack, { name: '漳泽湖', name_en: 'Zhangze Lake' }, 0, 'zh')).toBe('漳泽湖');
  });

  it('falls back to the position in the layer', () => {
    const { nameKey: _none, ...unnamed } = record;
    expect(featureDisplayName(loadedLayerOf(unnamed, data), data.features[1].properties, 1, 'zh')).toBe('#2');
    expect(featureDisplayName(loadedLayerOf(record, data), { 名称: '' }, 6, 'zh')).toBe('#7');
  });
});

describe('splitByKind', () => {
  const data = reference('geojson-wgs84');
  const record = recordFromImport(imported(data, { name: 'wgs84' }), { id: 'import-k', fileName: 'wgs84.geojson', color: '#000000', order: 1, importedAt: 0 });

  it('makes one kind per value of the kind property, titled "<layer>: <value>", every feature once', () => {
    const { kinds } = splitByKind(loadedLayerOf(record, data));
    const values = [...new Set(data.features.map((f) => String(f.properties?.类型)))];
    expect(kinds.map((k) => k.title.zh)).toEqual(values.map((v) => `wgs84：${v}`));
    expect(kinds.map((k) => k.title.en)).toEqual(values.map((v) => `wgs84: ${v}`));
    expect(kinds.map((k) => k.key)).toEqual(values.map((_, i) => `import-k~${i}`));
    expect(kinds.flatMap((k) => k.features).sort((a, b) => Number(a.properties?.编号) - Number(b.properties?.编号))).toEqual(data.features);
    for (const k of kinds) for (const f of k.features) expect(`wgs84：${f.properties?.类型}`).toBe(k.title.zh);
  });

  it('is one kind, the layer, without a kind property', () => {
    const { kindKey: _none, ...plain } = record;
    expect(splitByKind(loadedLayerOf(plain, data)).kinds).toEqual([{ key: 'import-k', title: { zh: 'wgs84', en: 'wgs84' }, features: data.features }]);
  });

  it('leaves out features with unusable geometry', () => {
    const { kinds } = splitByKind(loadedLayerOf(record, data, undefined, [0, 4]));
    expect(kinds.flatMap((k) => k.features)).toHaveLength(data.features.length - 2);
    expect(kinds.flatMap((k) => k.features)).not.toContain(data.features[0]);
  });

  it('groups values past the first few into "other", and names empty values', () => {
    const many: FeatureCollection = {
      type: 'FeatureCollection',
      features: Array.from({ length: MAX_KIND_VALUES + 5 }, (_, i) => ({ type: 'Feature', properties: { 类型: i === 0 ? null : `k${i}` }, geometry: { type: 'Point', coordinates: [113, 36] } })),
    };
    const { kinds } = splitByKind(loadedLayerOf(record, many as ImportedData));
    expect(kinds).toHaveLength(MAX_KIND_VALUES + 1);
    expect(kinds[0].title.zh).toBe('wgs84：（空）');
    expect(kinds.at(-1)!.title.zh).toBe('wgs84：其他');
    expect(kinds.at(-1)!.features).toHaveLength(5);
  });

  it('draws imported polygons unlike measurements: other colours, a faint fill, a darker thin outline', () => {
    // The measuring tool's palette and paint (MeasureProvider's MEASURE_COLORS, measurementLayers.ts).
    const measureColours = ['#d7263d', '#1b7f79', '#3d5a80', '#e07a1f', '#7b3fa0', '#2e86ab', '#8a6d00', '#c2185b'];
    for (const c of IMPORT_COLOURS) expect(measureColours).not.toContain(c);
    const record = recordFromImport(
      { name: 'x', sourceCrs: 'EPSG:4326', sourceCrsLabel: { zh: 'WGS84', en: 'WGS84' }, crsSource: 'format', format: 'kml', propertyKeys: [], featureCount: 1, vertexCount: 4, warnings: [],
        data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] } },
      { id: 'imp-x', fileName: 'x.kml', color: IMPORT_COLOURS[0], order: 1, importedAt: 0 },
    );
    const { style } = loadedLayerOf(record, null);
    expect(style.fillOpacity).toBeLessThan(0.2);
    expect(style.outline).not.toBe(style.color);
    expect(style.lineWidth).toBeLessThan(2.5);
  });
});
