/**
 * Imported layers on the live map. A small layer is a GeoJSON source drawn exactly like a pack
 * layer (`packLayerSources` / `packLayerStyle`); a large one is a vector-tile source served by the
 * import worker (`shanshui-import://…`, see src/workers/importClient.ts) with the same style layers
 * reading its `source-layer`. Either way the source is `pack-<id>` (labels `pack-<id>-labels`) and
 * the layers `<id>-fill|outline|…|label`, so `layerControl` (visibility, opacity) and `interaction`
 * (hover, click, selection: feature ids are indexes into the layer's data) work unchanged.
 *
 * Shapes go above the pack's zones and below every label; labels go below the county names.
 */
import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import type { Lang } from '../i18n/index.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { setTileFeatureIds } from './interaction.ts';
import { labelSourceId, packLayerSources, packLayerStyle, regionLayerOnMap, sourceId } from './style.ts';

export interface ImportedLayerView {
  visible: boolean;
  opacity: number;
  lang: Lang;
}

/** Ids of every style layer an imported layer may own (whatever geometries it holds). */
const PARTS = ['fill', 'outline', 'outline-schematic', 'line', 'line-schematic', 'point', 'label'];

/** Style layers of one imported layer on the map, bottom to top. */
export function importedStyleLayerIds(map: MapLibreMap, layerId: string): string[] {
  return PARTS.map((part) => `${layerId}-${part}`).filter((id) => map.getLayer(id));
}

/** The first label of the base style: imported shapes go under it. */
function firstLabelLayer(map: MapLibreMap, exceptLayer?: string): string | undefined {
  return map.getStyle()?.layers.find((l) => l.type === 'symbol' && l.id !== `${exceptLayer}-label`)?.id;
}

/**
 * Adds the sources and style layers of an imported layer. `beforeShapes` is the style layer its
 * shapes go under (another imported layer's bottom layer, to keep panel order); default: under the
 * first label.
 */
export function addImportedLayer(map: MapLibreMap, layer: LoadedLayer, view: ImportedLayerView, beforeShapes?: string): void {
  if (!map.getSource(sourceId(layer.id))) for (const [id, source] of Object.entries(importedSources(layer))) map.addSource(id, source);
  setTileFeatureIds(map, layer.id, layer.imported?.tiles?.featureIds?.ids);
  addImportedStyleLayers(map, layer, view, beforeShapes);
}

/** Re-adds only the style layers (colour, label or language changed; the source is kept). */
export function addImportedStyleLayers(map: MapLibreMap, layer: LoadedLayer, view: ImportedLayerView, beforeShapes?: string): void {
  const { shapes, labels } = importedStyle(layer, view);
  const before = beforeShapes && map.getLayer(beforeShapes) ? beforeShapes : firstLabelLayer(map, layer.id);
  for (const spec of shapes) map.addLayer(spec, before);
  const countyLabels = regionLayerOnMap(map)?.labelLayerId;
  for (const spec of labels) map.addLayer(spec, countyLabels);
}

export function removeImportedStyleLayers(map: MapLibreMap, layerId: string): void {
  for (const id of importedStyleLayerIds(map, layerId).reverse()) map.removeLayer(id);
}

/** Removes everything an imported layer added (safe to call for a layer not on the map). */
export function removeImportedLayer(map: MapLibreMap, layerId: string): void {
  removeImportedStyleLayers(map, layerId);
  for (const id of [labelSourceId(layerId), sourceId(layerId)]) if (map.getSource(id)) map.removeSource(id);
  setTileFeatureIds(map, layerId, undefined);
}

/** GeoJSON sources for an untiled layer; one vector source for a tiled one. */
export function importedSources(layer: LoadedLayer): Record<string, SourceSpecification> {
  const tiles = layer.imported?.tiles;
  if (!tiles) return packLayerSources(layer);
  return {
    [sourceId(layer.id)]: {
      type: 'vector',
      tiles: [tiles.url],
      maxzoom: tiles.maxZoom,
      ...(tiles.bounds ? { bounds: tiles.bounds } : {}),
      ...(tiles.featureIds ? { promoteId: tiles.featureIds.property } : {}),
    },
  };
}

// Stand-ins for "has polygons / lines / points, measured and schematic": a tiled layer's style is
// made before its features reach the page, so every kind gets a layer and the filters sort them.
const ANY_CONTENTS: LoadedLayer['data']['features'] = [
  { type: 'Feature', properties: { name: '', source: '', precision: 'surveyed' }, geometry: { type: 'Point', coordinates: [0, 0] } },
  { type: 'Feature', properties: { name: '', source: '', precision: 'schematic' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
  { type: 'Feature', properties: { name: '', source: '', precision: 'surveyed' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
];

/** The style layers, pointed at the vector source's `source-layer` for a tiled layer. */
export function importedStyle(layer: LoadedLayer, view: ImportedLayerView): { shapes: LayerSpecification[]; labels: LayerSpecification[] } {
  const tiles = layer.imported?.tiles;
  const styled = tiles ? { ...layer, geometry: layer.geometry === 'line' ? ('line' as const) : ('mixed' as const), data: { type: 'FeatureCollection' as const, features: ANY_CONTENTS } } : layer;
  const { shapes, labels } = packLayerStyle(styled, { visible: view.visible, lang: view.lang, opacity: view.opacity });
  if (!tiles) return { shapes, labels };
  const fromTiles = (spec: LayerSpecification): LayerSpecification => {
    const tiled = { ...spec, source: sourceId(layer.id), 'source-layer': tiles.sourceLayer } as LayerSpecification & { minzoom?: number; paint?: Record<string, unknown> };
    // A tiled layer has thousands of shapes: at overview zooms its polygons are outlined by the
    // fill itself (one hairline, no extra geometry) and the stroked outlines and labels come in
    // closer, where a screen holds few of them. Uploading every stroke of 20,000 polygons at the
    // city view held a CPU-rendered page for seconds.
    if (spec.type === 'fill') tiled.paint = { ...tiled.paint, 'fill-outline-color': layer.style.outline ?? layer.style.color };
    if (spec.id.endsWith('-outline') || spec.id.endsWith('-outline-schematic')) tiled.minzoom = TILED_DETAIL_MINZOOM;
    if (spec.type === 'symbol') tiled.minzoom = Math.max(tiled.minzoom ?? 0, TILED_LABEL_MINZOOM);
    return tiled;
  };
  return { shapes: shapes.map(fromTiles), labels: labels.map(fromTiles) };
}

/** Zoom from which a tiled layer's polygons get stroked outlines (below: the fill's hairline). */
export const TILED_DETAIL_MINZOOM = 11;
/** Zoom from which a tiled layer's features are labelled. */
export const TILED_LABEL_MINZOOM = 12;
