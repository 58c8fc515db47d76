import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Whether the measuring tool is drawing or editing on this map. Other map click handlers (feature
 * details, county zoom) should stand back then, so a click that places a vertex does not also
 * select a feature or move the camera. Kept on the map container so any module can read it.
 */
export function isMeasuring(map: MapLibreMap): boolean {
  return map.getContainer().dataset.measuring === 'true';
}

export function setMeasuring(map: MapLibreMap, measuring: boolean): void {
  if (measuring) map.getContainer().dataset.measuring = 'true';
  else delete map.getContainer().dataset.measuring;
}
