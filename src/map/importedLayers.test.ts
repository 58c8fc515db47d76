import { describe, expect, it } from 'vitest';
import type { LoadedLayer } from '../pack/types.ts';
import { importedSources, importedStyle, TILED_DETAIL_MINZOOM, TILED_LABEL_MINZOOM } from './importedLayers.ts';

const base: LoadedLayer = {
  id: 'import-x',
  file: 'x.geojson',
  title: { zh: 'x', en: 'x' },
  geometry: 'polygon',
  style: { color: '#d1495b', outline: '#d1495b', fillOpacity: 0.3, label: '名称' },
  legend: { zh: '', en: '' },
  data: {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { 名称: 'a' } as never, geometry: { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36], [113.1, 36.1], [113, 36]]] } }],
  },
  imported: { fileName: 'x.geojson', sourceCrs: 'EPSG:4326', importedAt: 0 },
};
const view = { visible: true, opacity: 1, lang: 'zh' as const };

describe('imported layers on the map', () => {
  it('draws a small layer like a pack layer: GeoJSON sources named pack-<id>, layers <id>-<part>', () => {
    expect(Object.keys(importedSources(base))).toEqual(['pack-import-x', 'pack-import-x-labels']);
    const { shapes, labels } = importedStyle(base, view);
    expect(shapes.map((l) => l.id)).toEqual(['import-x-fill', 'import-x-outline']);
    expect(labels.map((l) => l.id)).toEqual(['import-x-label']);
    expect(shapes.every((l) => !('source-layer' in l))).toBe(true);
  });

  it('draws a tiled layer from its vector source: every geometry kind, the tiles’ source-layer, details from closer zooms', () => {
    const tiled: LoadedLayer = { ...base, data: { type: 'FeatureCollection', features: [] }, imported: { ...base.imported!, tiles: { url: 'shanshui-import://i/{z}/{x}/{y}', sourceLayer: 'imported', maxZoom: 14, bounds: [112, 36, 114, 37] } } };
    expect(importedSources(tiled)).toEqual({ 'pack-import-x': { type: 'vector', tiles: ['shanshui-import://i/{z}/{x}/{y}'], maxzoom: 14, bounds: [112, 36, 114, 37] } });
    const { shapes, labels } = importedStyle(tiled, view);
    expect(shapes.map((l) => l.id)).toEqual(['import-x-fill', 'import-x-outline', 'import-x-outline-schematic', 'import-x-line', 'import-x-line-schematic', 'import-x-point']);
    for (const l of [...shapes, ...labels]) expect(l).toMatchObject({ source: 'pack-import-x', 'source-layer': 'imported' });
    expect(shapes.find((l) => l.id === 'import-x-outline')).toMatchObject({ minzoom: TILED_DETAIL_MINZOOM });
    expect(shapes.find((l) => l.id === 'import-x-fill')).toMatchObject({ paint: { 'fill-outline-color': '#d1495b' } });
    expect(labels[0]).toMatchObject({ minzoom: TILED_LABEL_MINZOOM });
  });
});
