/** Changes to a pack layer on a live map: visibility and the user's opacity factor. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { PackLayer } from '../pack/types.ts';
import { fillOpacity, labelSourceId, sourceId } from './style.ts';

/** The map's style layers drawing a pack layer (shapes and label). */
export function styleLayersOf(map: MapLibreMap, packLayerId: string): { id: string; type: string }[] {
  const sources = new Set([sourceId(packLayerId), labelSourceId(packLayerId)]);
  return (map.getStyle()?.layers ?? []).filter((l) => 'source' in l && sources.has(l.source)).map((l) => ({ id: l.id, type: l.type }));
}

export function setPackLayerVisible(map: MapLibreMap, packLayerId: string, visible: boolean): void {
  for (const { id } of styleLayersOf(map, packLayerId)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}

export function setPackLayerOpacity(map: MapLibreMap, layer: PackLayer, factor: number): void {
  for (const { id, type } of styleLayersOf(map, layer.id)) {
    if (type === 'fill') map.setPaintProperty(id, 'fill-opacity', fillOpacity(layer, factor));
    else if (type === 'line') map.setPaintProperty(id, 'line-opacity', factor);
    else if (type === 'circle') {
      map.setPaintProperty(id, 'circle-opacity', factor);
      map.setPaintProperty(id, 'circle-stroke-opacity', factor);
    }
  }
}
