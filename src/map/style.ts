/**
 * Builds the MapLibre style for a data pack entirely in code: no remote tiles, sprites or glyphs.
 * Labels are drawn from local fonts (MapLibre renders text with the browser's fonts when the style
 * has no `glyphs` URL), so the map works with no network at all.
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { Lang } from '../i18n/index.ts';
import type { LoadedLayer, LoadedPack, PackLayer } from '../pack/types.ts';

/** CSS font families for labels: Debian/Linux, Windows, macOS, then whatever the browser has. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const PAPER = '#f3f0e8';
const PROVINCE_FILL = '#fbfaf6';
const PROVINCE_LINE = '#9c968a';

/** Bottom-to-top order of zone kinds: land zones under water, boundaries and labels on top. */
const DRAW_ORDER = ['counties', 'mountains', 'springs', 'subsidence', 'wetlands', 'lakes', 'rivers'];

export const sourceId = (layerId: string) => `pack-${layerId}`;

const isSchematic: ExpressionSpecification = ['==', ['get', 'precision'], 'schematic'];
const notSchematic: ExpressionSpecification = ['!=', ['get', 'precision'], 'schematic'];
const polygons: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const lines: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
const points: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];

/** Dash pattern that marks a shape drawn from a plan's text rather than measured. */
export const SCHEMATIC_DASH = [2, 1.5];

/** Wider and darker while hovered or selected (feature-state set by the interaction code). */
function emphasised(base: number): ExpressionSpecification {
  return ['case', ['boolean', ['feature-state', 'selected'], false], base + 2, ['boolean', ['feature-state', 'hover'], false], base + 1, base];
}

function drawRank(layer: PackLayer, index: number): number {
  const known = DRAW_ORDER.indexOf(layer.id);
  // Unknown kinds (a city's own layers, imports) go between land zones and water, in manifest order.
  return known >= 0 ? known * 1000 : DRAW_ORDER.indexOf('wetlands') * 1000 - 500 + index;
}

/** MapLibre layers for one pack layer. Ids are `<layer>-<part>` so the UI can find them all. */
/** Label text: the pack's label property, or its English twin (`name` → `name_en`) in English. */
export function labelField(labelKey: string, lang: Lang): ExpressionSpecification {
  return lang === 'en' ? ['coalesce', ['get', `${labelKey}_en`], ['get', labelKey]] : ['get', labelKey];
}

/** Zone labels appear from this zoom on; at the whole-city view only county names are shown. */
export const ZONE_LABEL_MINZOOM = 9;

type Geom = 'Polygon' | 'LineString' | 'Point';

/** Which geometry kinds, and which precisions, a layer holds: only those get MapLibre layers. */
function layerContents(layer: LoadedLayer): { geoms: Set<Geom>; schematic: boolean; measured: boolean } {
  const geoms = new Set<Geom>();
  let schematic = false;
  let measured = false;
  for (const f of layer.data.features) {
    const type = f.geometry?.type.replace(/^Multi/, '');
    if (type === 'Polygon' || type === 'LineString' || type === 'Point') geoms.add(type);
    if (f.properties?.precision === 'schematic') schematic = true;
    else measured = true;
  }
  return { geoms, schematic, measured };
}

export function packLayerStyle(layer: LoadedLayer, visible = layer.visible !== false, lang: Lang = 'zh'): { shapes: LayerSpecification[]; labels: LayerSpecification[] } {
  const source = sourceId(layer.id);
  const visibility = visible ? 'visible' : 'none';
  const { color } = layer.style;
  const outline = layer.style.outline ?? color;
  const width = layer.style.lineWidth ?? (layer.geometry === 'line' ? 2 : 1.2);
  const layout = { visibility } as const;
  const shapes: LayerSpecification[] = [];
  const isCounties = layer.id === 'counties';
  const { geoms, schematic, measured } = layerContents(layer);
  // Solid strokes for measured shapes, dashed for schematic ones.
  const strokes = [
    ...(measured ? [{ suffix: '', filter: notSchematic, dash: undefined }] : []),
    ...(schematic ? [{ suffix: '-schematic', filter: isSchematic, dash: SCHEMATIC_DASH }] : []),
  ];

  if (geoms.has('Polygon')) {
    const fillOpacity = layer.style.fillOpacity ?? 0.35;
    shapes.push({
      id: `${layer.id}-fill`,
      type: 'fill',
      source,
      filter: polygons,
      layout,
      paint: {
        'fill-color': color,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], Math.min(1, fillOpacity + 0.15), fillOpacity],
      },
    });
    for (const { suffix, filter, dash } of strokes) {
      shapes.push({
        id: `${layer.id}-outline${suffix}`,
        type: 'line',
        source,
        filter: ['all', polygons, filter],
        layout: { ...layout, 'line-join': 'round' },
        paint: { 'line-color': outline, 'line-width': emphasised(isCounties ? 1.4 : width), ...(dash ? { 'line-dasharray': [...dash] } : {}) },
      });
    }
  }
  if (geoms.has('LineString')) {
    for (const { suffix, filter, dash } of strokes) {
      shapes.push({
        id: `${layer.id}-line${suffix}`,
        type: 'line',
        source,
        filter: ['all', lines, filter],
        layout: { ...layout, 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': color, 'line-width': emphasised(width), ...(dash ? { 'line-dasharray': [...dash] } : {}) },
      });
    }
  }
  if (geoms.has('Point')) {
    shapes.push({
      id: `${layer.id}-point`,
      type: 'circle',
      source,
      filter: points,
      layout,
      paint: {
        'circle-color': color,
        'circle-radius': emphasised(5),
        'circle-stroke-color': ['case', isSchematic, '#ffffff', outline],
        'circle-stroke-width': 1.5,
      },
    });
  }

  const labels: LayerSpecification[] = [];
  if (layer.style.label) {
    const onLines = layer.geometry === 'line';
    labels.push({
      id: `${layer.id}-label`,
      type: 'symbol',
      source,
      ...(isCounties ? {} : { minzoom: ZONE_LABEL_MINZOOM }),
      layout: {
        visibility,
        'text-field': labelField(layer.style.label, lang),
        'text-font': LABEL_FONTS,
        'text-size': isCounties ? 14 : 12,
        'symbol-placement': onLines ? 'line' : 'point',
        'text-max-width': 8,
        'text-padding': 4,
        ...(onLines ? {} : { 'text-variable-anchor': ['center', 'top', 'bottom'] }),
        ...(layer.geometry === 'point' ? { 'text-radial-offset': 0.8 } : {}),
      },
      paint: {
        'text-color': isCounties ? '#3d3a33' : outline,
        'text-halo-color': '#ffffff',
        'text-halo-width': 1.4,
      },
    } as LayerSpecification);
  }
  return { shapes, labels };
}

export interface StyleOptions {
  /** Pack layer ids to show; default: each layer's own `visible` flag. */
  visibleLayers?: ReadonlySet<string>;
  lang?: Lang;
}

export function buildStyle(pack: LoadedPack, options: StyleOptions = {}): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': PAPER } }];

  for (const ctx of pack.context) {
    sources[`context-${ctx.id}`] = { type: 'geojson', data: ctx.data };
    layers.push(
      { id: `context-${ctx.id}-fill`, type: 'fill', source: `context-${ctx.id}`, paint: { 'fill-color': PROVINCE_FILL } },
      { id: `context-${ctx.id}-line`, type: 'line', source: `context-${ctx.id}`, paint: { 'line-color': PROVINCE_LINE, 'line-width': 1.5 } },
    );
  }

  const ordered = pack.layers.map((layer, index) => ({ layer, rank: drawRank(layer, index) })).sort((a, b) => a.rank - b.rank);
  const labelLayers: LayerSpecification[] = [];
  for (const { layer } of ordered) {
    sources[sourceId(layer.id)] = { type: 'geojson', data: layer.data, generateId: true };
    const visible = options.visibleLayers ? options.visibleLayers.has(layer.id) : layer.visible !== false;
    const { shapes, labels } = packLayerStyle(layer, visible, options.lang);
    layers.push(...shapes);
    labelLayers.push(...labels);
  }
  // County names go last, on top: they orient the reader and MapLibre places top layers first.
  const isCountyLabel = (l: LayerSpecification) => l.id === 'counties-label';
  layers.push(...labelLayers.filter((l) => !isCountyLabel(l)), ...labelLayers.filter(isCountyLabel));

  return { version: 8, name: `shanshui-${pack.manifest.id}`, sources, layers };
}

/** Every MapLibre layer id that draws a given pack layer. */
export function mapLayerIds(style: StyleSpecification, packLayerId: string): string[] {
  return style.layers.filter((l) => 'source' in l && l.source === sourceId(packLayerId)).map((l) => l.id);
}
