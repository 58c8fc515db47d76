/**
 * An optional online raster basemap (e.g. Tianditu with a key) under the zone layers, for
 * deployments with a network. Off by default: without it the app makes no request off its origin.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

const SOURCE = 'basemap';
const LAYER = 'basemap';
const STORAGE_KEY = 'shanshui.basemap';

/** A usable tile template: http(s) with {z}, {x} and {y}. */
export function isTileTemplate(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url) && ['{z}', '{x}', '{y}'].every((p) => url.includes(p));
}

export function storedBasemap(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string | null {
  try {
    const url = storage?.getItem(STORAGE_KEY) ?? null;
    return url && isTileTemplate(url) ? url : null;
  } catch {
    return null; // storage disabled (privacy mode): no basemap
  }
}

export function storeBasemap(url: string | null, storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = globalThis.localStorage): void {
  try {
    if (url) storage?.setItem(STORAGE_KEY, url);
    else storage?.removeItem(STORAGE_KEY);
  } catch {
    // Not persisted; the basemap still shows for this session.
  }
}

/**
 * Shows the basemap from `url`, or removes it for null. Drawn above the background and the
 * context fills (the province fill is opaque and would hide it), below every other layer.
 */
export function setBasemap(map: MapLibreMap, url: string | null, attribution = ''): void {
  if (map.getLayer(LAYER)) map.removeLayer(LAYER);
  if (map.getSource(SOURCE)) map.removeSource(SOURCE);
  if (!url) return;
  map.addSource(SOURCE, { type: 'raster', tiles: [url], tileSize: 256, attribution, maxzoom: 18 });
  map.addLayer({ id: LAYER, type: 'raster', source: SOURCE, paint: { 'raster-opacity': 0.85 } }, basemapBefore(map.getStyle().layers.map((l) => l.id)));
}

/** The layer the basemap goes under: the first after the background and the context fills. */
export function basemapBefore(layerIds: readonly string[]): string | undefined {
  let i = layerIds[0] === 'background' ? 1 : 0;
  while (i < layerIds.length && /^context-.*-fill$/.test(layerIds[i])) i++;
  return layerIds[i];
}
