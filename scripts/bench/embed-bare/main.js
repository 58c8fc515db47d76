// The reference for the widget's time to a painted map: MapLibre alone, fetching the same pack
// files and drawing the same style layers (built by the shared style code), with none of the
// widget around it: no parameter checks, pack validation, legend, summary, controls or auto-height.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { drawContext, LABEL_LIMIT } from '../../../src/embed/context.ts';
import { buildStyle } from '../../../src/map/style.ts';

maplibregl.setWorkerUrl(workerUrl);
const base = new URL('/data/changzhi/', location.href);
const getJson = async (file) => (await fetch(new URL(file, base))).json();
const manifest = await getJson('pack.json');
const [layers, context] = await Promise.all([
  Promise.all(manifest.layers.map(async (layer) => ({ ...layer, data: await getJson(layer.file) }))),
  Promise.all((manifest.context ?? []).map(async (c) => ({ ...c, data: await getJson(c.file) }))),
]);
const pack = { manifest, baseUrl: base.href, layers, context };
const visible = new Set(layers.filter((l) => l.visible !== false).map((l) => l.id));
const map = new maplibregl.Map({
  container: 'map',
  bounds: manifest.bounds,
  fitBoundsOptions: { padding: 24 },
  style: buildStyle(pack, { lang: 'zh', visibleLayers: visible }),
});
// The same layers drawn the same way as the widget's: its context (county seats, rivers named,
// labels of small layers at every zoom) applied to the style before the first frame.
const labelled = new Set(layers.filter((l) => visible.has(l.id) && l.geometry !== 'line' && l.data.features.length <= LABEL_LIMIT).map((l) => l.id));
map.once('style.load', () => drawContext(map, pack, { visible, labelled }));
map.once('idle', () => performance.mark('shanshui:embed-painted'));
