/**
 * Pointer interaction with pack features: hover highlight, what lies under a click, and the
 * selected-feature highlight. Features are addressed by pack layer id and their index in the
 * layer's data (their MapLibre feature id, see style.ts).
 */
import type { Map as MapLibreMap, MapGeoJSONFeature, PointLike } from 'maplibre-gl';
import { labelSourceId, regionLayerOnMap, sourceId } from './style.ts';

export interface MapFeatureRef {
  layerId: string;
  index: number;
}

const PREFIX = 'pack-';

/** Style layers that can be hovered or clicked: shapes only, not labels. */
export function interactiveLayerIds(map: MapLibreMap): string[] {
  return (map.getStyle()?.layers ?? [])
    .filter((l) => 'source' in l && String(l.source).startsWith(PREFIX) && !String(l.source).endsWith('-labels') && l.type !== 'symbol')
    .map((l) => l.id);
}

/**
 * Tiled layers whose tiles name their features (the team server's: a feature's id, promoted by
 * MapLibre) rather than give their index: per map and layer, name → index and index → name.
 */
interface NamedFeatures {
  indexOf: Map<string, number>;
  ids: readonly string[];
}
const namedFeatures = new WeakMap<MapLibreMap, Map<string, NamedFeatures>>();

/** Says how a tiled layer's features are named in its tiles (undefined: by their index, as usual). */
export function setTileFeatureIds(map: MapLibreMap, layerId: string, ids: readonly string[] | undefined): void {
  let layers = namedFeatures.get(map);
  if (!layers) namedFeatures.set(map, (layers = new Map<string, NamedFeatures>()));
  if (ids) layers.set(layerId, { indexOf: new Map(ids.map((id, i) => [id, i])), ids });
  else layers.delete(layerId);
}

function refOf(map: MapLibreMap, feature: MapGeoJSONFeature): MapFeatureRef | null {
  if (!feature.source.startsWith(PREFIX)) return null;
  const layerId = feature.source.slice(PREFIX.length);
  if (typeof feature.id === 'number') return { layerId, index: feature.id };
  const index = typeof feature.id === 'string' ? namedFeatures.get(map)?.get(layerId)?.indexOf.get(feature.id) : undefined;
  return index === undefined ? null : { layerId, index };
}

/** The feature's id on the map: its index, or its name in tiles that name features. */
function mapIdOf(map: MapLibreMap, ref: MapFeatureRef): number | string | undefined {
  const named = namedFeatures.get(map)?.get(ref.layerId);
  return named ? named.ids[ref.index] : ref.index;
}

/**
 * Every distinct pack feature under a screen point, topmost first. A few pixels of tolerance make
 * thin rivers and small points hittable with a finger.
 */
export function featuresAt(map: MapLibreMap, point: { x: number; y: number }, tolerance = 4): MapFeatureRef[] {
  const box: [PointLike, PointLike] = [
    [point.x - tolerance, point.y - tolerance],
    [point.x + tolerance, point.y + tolerance],
  ];
  const layers = interactiveLayerIds(map).filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
  const seen = new Set<string>();
  const refs: MapFeatureRef[] = [];
  for (const feature of map.queryRenderedFeatures(box, { layers })) {
    const ref = refOf(map, feature);
    if (!ref) continue;
    const key = `${ref.layerId}/${ref.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push(ref);
  }
  return refs;
}

function sourceLayerOf(map: MapLibreMap, source: string): string | undefined {
  for (const layer of map.getStyle()?.layers ?? []) {
    const spec = layer as { source?: unknown; 'source-layer'?: string };
    if (spec.source === source && spec['source-layer']) return spec['source-layer'];
  }
  return undefined;
}

function setState(map: MapLibreMap, ref: MapFeatureRef, state: Record<string, boolean>): void {
  const id = mapIdOf(map, ref);
  if (id === undefined) return;
  for (const source of [sourceId(ref.layerId), labelSourceId(ref.layerId)]) {
    const spec = map.getSource(source);
    if (!spec) continue;
    // A tiled (imported) layer's state lives per source-layer of its vector source.
    const sourceLayer = spec.type === 'vector' ? sourceLayerOf(map, source) : undefined;
    map.setFeatureState(sourceLayer ? { source, sourceLayer, id } : { source, id }, state);
  }
}

/** Highlights the feature under the pointer (the topmost one) and shows a pointer cursor. */
export function attachHover(map: MapLibreMap): () => void {
  let current: MapFeatureRef | null = null;
  const clear = () => {
    if (current) setState(map, current, { hover: false });
    current = null;
    map.getCanvas().style.cursor = '';
  };
  const onMove = (e: { point: { x: number; y: number } }) => {
    // The regions (counties) tile the whole map: hovering them would highlight everything.
    const regions = regionLayerOnMap(map)?.layerId;
    const [top] = featuresAt(map, e.point, 2).filter((r) => r.layerId !== regions);
    if (top && current && top.layerId === current.layerId && top.index === current.index) return;
    clear();
    if (!top) return;
    current = top;
    setState(map, top, { hover: true });
    map.getCanvas().style.cursor = 'pointer';
  };
  map.on('mousemove', onMove);
  map.on('mouseout', clear);
  return () => {
    map.off('mousemove', onMove);
    map.off('mouseout', clear);
    clear();
  };
}

/** Marks features as selected (and unmarks the previous ones); returns a function to clear them. */
export function setSelectedFeatures(map: MapLibreMap, refs: MapFeatureRef[]): () => void {
  for (const ref of refs) setState(map, ref, { selected: true });
  return () => {
    for (const ref of refs) if (map.getStyle()) setState(map, ref, { selected: false });
  };
}
