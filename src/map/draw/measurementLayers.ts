/**
 * The finished measurements on the map: one GeoJSON source, a translucent fill and an outline in
 * each measurement's own colour, and a label with its name and area. Drawn above the pack layers.
 * Re-added if the style is ever replaced (e.g. a basemap switch), so they never silently vanish.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_FONTS } from '../style.ts';

export const MEASURE_SOURCE = 'measure-shapes';
export const MEASURE_LAYER_IDS = ['measure-fill', 'measure-outline', 'measure-label'] as const;

export interface MeasurementMapFeature {
  id: string;
  geometry: Geometry;
  color: string;
  /** Text shown on the map: name and figure. */
  label: string;
  selected: boolean;
}

export interface MeasurementLayers {
  update(features: readonly MeasurementMapFeature[]): void;
  remove(): void;
}

export function addMeasurementLayers(map: MapLibreMap): MeasurementLayers {
  let data: FeatureCollection = { type: 'FeatureCollection', features: [] };
  let dataText = JSON.stringify(data);

  const ensure = () => {
    if (!map.getSource(MEASURE_SOURCE)) map.addSource(MEASURE_SOURCE, { type: 'geojson', data });
    if (!map.getLayer('measure-fill')) {
      map.addLayer({
        id: 'measure-fill',
        type: 'fill',
        source: MEASURE_SOURCE,
        filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
        paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', ['get', 'selected'], 0.35, 0.2] },
      });
    }
    if (!map.getLayer('measure-outline')) {
      map.addLayer({
        id: 'measure-outline',
        type: 'line',
        source: MEASURE_SOURCE,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': ['get', 'color'], 'line-width': ['case', ['get', 'selected'], 4, 2.5] },
      });
    }
    if (!map.getLayer('measure-label')) {
      map.addLayer({
        id: 'measure-label',
        type: 'symbol',
        source: MEASURE_SOURCE,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': LABEL_FONTS,
          'text-size': 12,
          'symbol-placement': 'point',
          'text-max-width': 14,
        },
        paint: { 'text-color': '#1d1b17', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      });
    }
  };

  // The style document is enough to add to; waiting for `load` (every tile drawn) would add the
  // source only after the first full frame and cost another tile round and frame before `idle`.
  const styleReady = () => map.style?._loaded === true;
  const onStyle = () => {
    if (styleReady() && !map.getSource(MEASURE_SOURCE)) ensure();
  };
  onStyle();
  map.on('style.load', onStyle);
  map.on('styledata', onStyle);

  return {
    update(features) {
      const next: FeatureCollection = {
        type: 'FeatureCollection',
        features: features.map((f) => ({ type: 'Feature', id: f.id, geometry: f.geometry, properties: { id: f.id, color: f.color, label: f.label, selected: f.selected } })),
      };
      // The provider calls this on every related state change (several times while the app
      // starts); unchanged data would still make the worker re-tile and the map draw again.
      const text = JSON.stringify(next);
      if (text === dataText) return;
      data = next;
      dataText = text;
      const source = map.getSource<GeoJSONSource>(MEASURE_SOURCE);
      // A failed update shows as the map's own error event; nothing here could do more.
      if (source) void source.setData(data);
    },
    remove() {
      map.off('style.load', onStyle);
      map.off('styledata', onStyle);
      for (const id of [...MEASURE_LAYER_IDS].reverse()) if (map.getLayer(id)) map.removeLayer(id);
      if (map.getSource(MEASURE_SOURCE)) map.removeSource(MEASURE_SOURCE);
    },
  };
}
