/**
 * Builds the MapLibre style for a data pack entirely in code: no remote tiles, sprites or glyphs.
 * Labels are drawn from local fonts (MapLibre renders text with the browser's fonts when the style
 * has no `glyphs` URL), so the map works with no network at all.
 */
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { Lang } from '../i18n/index.ts';
import type { LoadedLayer, LoadedPack, PackLayer } from '../pack/types.ts';
import { labelPoints } from './labelPoints.ts';
import { drawOrder, findRegionLayer, isRegionLayer } from '../pack/roles.ts';

/** CSS font families for labels: Debian/Linux, Windows, macOS, then whatever the browser has. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const PAPER = '#f3f0e8';
const PROVINCE_FILL = '#fbfaf6';
const PROVINCE_LINE = '#9c968a';

/** Light for the app and most pages; dark for embeds on dark news pages. */
export type MapTheme = 'light' | 'dark';
/** The colours a theme changes; the pack's own layer colours stay as the pack gives them. */
const THEME_COLOURS: Record<MapTheme, { background: string; province: string; provinceLine: string; countyLine?: string; countyText: string; halo: string }> = {
  light: { background: PAPER, province: PROVINCE_FILL, provinceLine: PROVINCE_LINE, countyText: '#3d3a33', halo: '#ffffff' },
  dark: { background: '#15191d', province: '#22282e', provinceLine: '#5d6670', countyLine: '#a7afb8', countyText: '#ece8de', halo: '#15191d' },
};
/** Outline of the selected feature or county. */
export const SELECTED_COLOUR = '#1f5fbf';

/** Zone labels appear from this zoom on; at the whole-city view only county names are shown. */
export const ZONE_LABEL_MINZOOM = 9;

/** Dash pattern that marks a shape drawn from a plan's text rather than measured. */
export const SCHEMATIC_DASH = [2, 1.5];

export const sourceId = (layerId: string) => `pack-${layerId}`;
/** Style-layer metadata key holding the pack layer's role, so map code finds the regions by role. */
const ROLE_METADATA = 'shanshui:role';
export const labelSourceId = (layerId: string) => `pack-${layerId}-labels`;

const isSchematic: ExpressionSpecification = ['==', ['get', 'precision'], 'schematic'];
const notSchematic: ExpressionSpecification = ['!=', ['get', 'precision'], 'schematic'];
const polygons: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const lines: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
const points: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** Wider while hovered, wider still while selected (feature-state set by the interaction code). */
function emphasised(base: number): ExpressionSpecification {
  return ['case', selected, base + 2, hovered, base + 1, base];
}

function strokeColour(colour: string): ExpressionSpecification {
  return ['case', selected, SELECTED_COLOUR, colour];
}

/** Fill opacity: the layer's own, times the user's opacity factor, a little stronger on hover. */
export function fillOpacity(layer: PackLayer, factor = 1): ExpressionSpecification {
  const base = layer.style.fillOpacity ?? 0.35;
  return ['case', selected, Math.min(1, base + 0.1) * factor, hovered, Math.min(1, base + 0.15) * factor, base * factor];
}

/** Longest label drawn, in characters; longer names end in "…" (the details panel shows them whole). */
export const LABEL_MAX_CHARS = 40;

/**
 * Label text: the pack's label property, or its English twin (`name` → `name_en`) in English, cut
 * to LABEL_MAX_CHARS: a 20,000-character name from an imported file would otherwise break label
 * placement for the whole layer.
 */
export function labelField(labelKey: string, lang: Lang): ExpressionSpecification {
  const value: ExpressionSpecification = lang === 'en' ? ['coalesce', ['get', `${labelKey}_en`], ['get', labelKey]] : ['get', labelKey];
  const text: ExpressionSpecification = ['to-string', value];
  return ['case', ['>', ['length', text], LABEL_MAX_CHARS], ['concat', ['slice', text, 0, LABEL_MAX_CHARS], '…'], text];
}

function drawRank(layer: PackLayer, index: number): number {
  // Manifest order breaks ties, so layers sharing a rank (several imports) keep their list order.
  return drawOrder(layer) * 1000 + index;
}

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

/** Features get their index as id, so hover and selection state can address them. */
function withIndexIds(collection: FeatureCollection): FeatureCollection {
  return { type: 'FeatureCollection', features: collection.features.map((f, i) => ({ ...f, id: i })) };
}

/** The sources of one pack layer: its features, and for polygons one label point per feature. */
export function packLayerSources(layer: LoadedLayer): Record<string, SourceSpecification> {
  const data = withIndexIds(layer.data);
  const sources: Record<string, SourceSpecification> = { [sourceId(layer.id)]: { type: 'geojson', data } };
  if (layer.style.label && layer.geometry !== 'line') sources[labelSourceId(layer.id)] = { type: 'geojson', data: labelPoints(data) };
  return sources;
}

export interface LayerStyleOptions {
  visible?: boolean;
  lang?: Lang;
  /** The user's opacity factor, 0–1 (default 1). */
  opacity?: number;
  theme?: MapTheme;
}

/** MapLibre layers for one pack layer. Ids are `<layer>-<part>` so the UI can find them all. */
export function packLayerStyle(layer: LoadedLayer, options: LayerStyleOptions = {}): { shapes: LayerSpecification[]; labels: LayerSpecification[] } {
  const { visible = layer.visible !== false, lang = 'zh', opacity = 1, theme = 'light' } = options;
  const colours = THEME_COLOURS[theme];
  const source = sourceId(layer.id);
  const { color } = layer.style;
  const isRegions = isRegionLayer(layer);
  const outline = (isRegions ? colours.countyLine : undefined) ?? layer.style.outline ?? color;
  const width = layer.style.lineWidth ?? (layer.geometry === 'line' ? 2 : 1.2);
  const layout = { visibility: visible ? 'visible' : 'none' } as const;
  const shapes: LayerSpecification[] = [];
  const { geoms, schematic, measured } = layerContents(layer);
  // Solid strokes for measured shapes, dashed for schematic ones.
  const strokes = [
    ...(measured ? [{ suffix: '', filter: notSchematic, dash: undefined }] : []),
    ...(schematic ? [{ suffix: '-schematic', filter: isSchematic, dash: SCHEMATIC_DASH }] : []),
  ];

  if (geoms.has('Polygon')) {
    // No antialiased fill edge: an outline layer is drawn over every edge anyway, and the edge pass
    // is one more shader and one more draw per tile on a CPU-rendered map.
    shapes.push({ id: `${layer.id}-fill`, type: 'fill', source, filter: polygons, layout, paint: { 'fill-color': color, 'fill-opacity': fillOpacity(layer, opacity), 'fill-antialias': false } });
    for (const { suffix, filter, dash } of strokes) {
      shapes.push({
        id: `${layer.id}-outline${suffix}`,
        type: 'line',
        source,
        filter: ['all', polygons, filter],
        layout: { ...layout, 'line-join': 'round' },
        paint: { 'line-color': strokeColour(outline), 'line-width': emphasised(isRegions ? 1.4 : width), 'line-opacity': opacity, ...(dash ? { 'line-dasharray': [...dash] } : {}) },
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
        paint: { 'line-color': strokeColour(color), 'line-width': emphasised(width), 'line-opacity': opacity, ...(dash ? { 'line-dasharray': [...dash] } : {}) },
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
        // A white ring marks a schematic (approximately placed) point.
        'circle-stroke-color': ['case', selected, SELECTED_COLOUR, isSchematic, '#ffffff', outline],
        'circle-stroke-width': 1.5,
        'circle-opacity': opacity,
        'circle-stroke-opacity': opacity,
      },
    });
  }

  const labels: LayerSpecification[] = [];
  if (layer.style.label) {
    const onLines = layer.geometry === 'line';
    labels.push({
      id: `${layer.id}-label`,
      type: 'symbol',
      // Points of mixed layers are labelled from the label source too (polylabel of a point is itself).
      source: onLines ? source : labelSourceId(layer.id),
      ...(isRegions ? {} : { minzoom: ZONE_LABEL_MINZOOM }),
      layout: {
        ...layout,
        'text-field': labelField(layer.style.label, lang),
        'text-font': LABEL_FONTS,
        'text-size': isRegions ? 14 : 12,
        'symbol-placement': onLines ? 'line' : 'point',
        'text-max-width': 8,
        'text-padding': 4,
        ...(onLines ? {} : { 'text-variable-anchor': ['center', 'top', 'bottom'] }),
        ...(layer.geometry === 'point' ? { 'text-radial-offset': 0.8 } : {}),
      },
      paint: {
        'text-color': isRegions ? colours.countyText : theme === 'dark' ? color : outline,
        'text-halo-color': colours.halo,
        'text-halo-width': 1.4,
      },
    });
  }
  if (isRegions) for (const spec of [...shapes, ...labels]) spec.metadata = { [ROLE_METADATA]: 'regions' };
  return { shapes, labels };
}

export interface StyleOptions {
  /** Pack layer ids to show; default: each layer's own `visible` flag. */
  visibleLayers?: ReadonlySet<string>;
  lang?: Lang;
  /** Opacity factor per layer id (default 1). */
  opacity?: Readonly<Record<string, number>>;
  theme?: MapTheme;
}

export function buildStyle(pack: LoadedPack, options: StyleOptions = {}): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': THEME_COLOURS[options.theme ?? 'light'].background } }];

  for (const ctx of pack.context) {
    const colours = THEME_COLOURS[options.theme ?? 'light'];
    sources[`context-${ctx.id}`] = { type: 'geojson', data: ctx.data };
    // Feature-state-dependent like the pack layers' paint (context features never get state, so
    // they look the same): MapLibre compiles a shader per paint shape, and on a CPU-rendered map
    // each extra one costs ~100 ms before the first frame.
    layers.push(
      { id: `context-${ctx.id}-fill`, type: 'fill', source: `context-${ctx.id}`, paint: { 'fill-color': colours.province, 'fill-opacity': ['case', hovered, 1, 1], 'fill-antialias': false } },
      { id: `context-${ctx.id}-line`, type: 'line', source: `context-${ctx.id}`, paint: { 'line-color': strokeColour(colours.provinceLine), 'line-width': ['case', hovered, 1.5, 1.5] } },
    );
  }

  const ordered = pack.layers.map((layer, index) => ({ layer, rank: drawRank(layer, index) })).sort((a, b) => a.rank - b.rank);
  const labelLayers: LayerSpecification[] = [];
  for (const { layer } of ordered) {
    Object.assign(sources, packLayerSources(layer));
    const visible = options.visibleLayers ? options.visibleLayers.has(layer.id) : layer.visible !== false;
    const { shapes, labels } = packLayerStyle(layer, { visible, lang: options.lang, opacity: options.opacity?.[layer.id], theme: options.theme });
    layers.push(...shapes);
    labelLayers.push(...labels);
  }
  // County names go last, on top: they orient the reader and MapLibre places top layers first.
  const regionLabel = regionLabelLayerId(pack.layers);
  const isCountyLabel = (l: LayerSpecification) => l.id === regionLabel;
  layers.push(...labelLayers.filter((l) => !isCountyLabel(l)), ...labelLayers.filter(isCountyLabel));

  return { version: 8, name: `shanshui-${pack.manifest.id}`, sources, layers };
}

/** The style layer of the region names (county labels), if the pack's regions layer has labels. */
function regionLabelLayerId(layers: readonly PackLayer[]): string | undefined {
  const regions = findRegionLayer(layers);
  return regions?.style.label ? `${regions.id}-label` : undefined;
}

/**
 * The regions layer as drawn on a map: its pack layer id and its label style layer (the county
 * names), found by the role mark on its style layers.
 */
export function regionLayerOnMap(map: Pick<MapLibreMap, 'getStyle'>): { layerId: string; labelLayerId?: string } | undefined {
  const marked = (map.getStyle()?.layers ?? []).filter((l) => (l.metadata as Record<string, unknown> | undefined)?.[ROLE_METADATA] === 'regions');
  const shape = marked.find((l) => l.type !== 'symbol' && 'source' in l);
  if (!shape || !('source' in shape)) return undefined;
  return { layerId: String(shape.source).slice(sourceId('').length), labelLayerId: marked.find((l) => l.type === 'symbol')?.id };
}
