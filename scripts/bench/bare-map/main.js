// The reference for the app's time to idle: the least a MapLibre page can do to show the same
// counties (fill, outline, Chinese labels from local fonts), with nothing of the app around it.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);
const counties = await (await fetch('/data/changzhi/counties.geojson')).json();
const map = new maplibregl.Map({
  container: 'map',
  bounds: [111.929, 35.773, 113.781, 37.175],
  style: {
    version: 8,
    sources: { counties: { type: 'geojson', data: counties } },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#f3f0e8' } },
      { id: 'fill', type: 'fill', source: 'counties', paint: { 'fill-color': '#8a8f98', 'fill-opacity': 0.1 } },
      { id: 'line', type: 'line', source: 'counties', paint: { 'line-color': '#5f6570' } },
      { id: 'label', type: 'symbol', source: 'counties', layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans CJK SC', 'sans-serif'] } },
    ],
  },
});
map.once('idle', () => performance.mark('shanshui:map-idle'));
