import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

const SOURCE = 'search-position';

/** Marks a searched position on the map (one ring, replaced by the next search) and flies there. */
export function showSearchPosition(map: MapLibreMap, lon: number, lat: number, zoom = 13): void {
  const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lon, lat] } }] };
  const source = map.getSource<GeoJSONSource>(SOURCE);
  if (source) source.setData(data).catch((error: unknown) => console.error('search position: could not update the marker', error));
  else {
    map.addSource(SOURCE, { type: 'geojson', data });
    map.addLayer({ id: SOURCE, type: 'circle', source: SOURCE, paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#c2185b', 'circle-stroke-width': 3 } });
  }
  map.jumpTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), zoom) });
}
