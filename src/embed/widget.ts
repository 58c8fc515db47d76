/**
 * The embeddable map widget: plain DOM around the shared pack loader and map code (no React, so
 * the page a reader opens fetches little more than MapLibre itself). Configured by URL parameters
 * (see params.ts); every bad value falls back to a default with a console warning.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { serializeAppState } from '../map/urlState.ts';
import { localText, packErrorText, translate, type Lang } from '../i18n/index.ts';
import { createMap, prewarmMap } from '../map/createMap.ts';
import { featuresAt, setSelectedFeatures } from '../map/interaction.ts';
import { isSchematicLayer, requestPack } from '../pack/loadPack.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';
import { startAutoHeight } from './autoHeight.ts';
import { featureBounds } from './featureBounds.ts';
import { resolveLayers, type EmbedParams } from './params.ts';
import { summaryText } from './summaryText.ts';

/** Performance mark at the first fully rendered frame (read by scripts/bench/embed-paint.mjs). */
export const PAINTED_MARK = 'shanshui:embed-painted';

type County = Feature<Polygon | MultiPolygon>;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  // textContent only: names and titles come from data and URLs, never from trusted HTML.
  if (text !== undefined) node.textContent = text;
  return node;
}

interface WidgetParts {
  root: HTMLElement;
  mapElement: HTMLElement;
  foot: HTMLElement;
}

/** The static frame: optional title, the map area, and the footer with summary, legend and link. */
function buildFrame(root: HTMLElement, params: EmbedParams): WidgetParts {
  const { lang } = params;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  // Named after the region once the pack is loaded (nameAfterRegion); no pack's name before that.
  document.title = params.title ?? translate(lang, 'embed.map');
  root.className = `embed${params.dark ? ' embed-dark' : ''}${params.legend ? '' : ' embed-plain'}`;
  root.replaceChildren();
  if (params.title) root.append(element('h2', 'embed-title', params.title));
  const mapElement = element('div', 'embed-map');
  mapElement.setAttribute('role', 'region');
  mapElement.setAttribute('aria-label', document.title);
  const loading = element('p', 'embed-message', translate(lang, 'embed.loading'));
  loading.setAttribute('role', 'status');
  mapElement.append(loading);
  const foot = element('div', 'embed-foot');
  root.append(mapElement, foot);
  return { root, mapElement, foot };
}

/** Without an editor's title, the page and map are named after the pack's region. */
function nameAfterRegion(parts: WidgetParts, params: EmbedParams, pack: LoadedPack): void {
  if (params.title) return;
  document.title = translate(params.lang, 'embed.map.region', { region: localText(pack.manifest.name, params.lang) });
  parts.mapElement.setAttribute('aria-label', document.title);
}

function showMessage(parts: WidgetParts, text: string): void {
  const message = element('p', 'embed-message embed-error', text);
  message.setAttribute('role', 'alert');
  parts.mapElement.replaceChildren(message);
}

function countyByAdcode(pack: LoadedPack, adcode: string | undefined): { county: County; index: number } | null {
  if (!adcode) return null;
  const features = pack.layers.find((l) => l.id === 'counties')?.data.features ?? [];
  const index = features.findIndex((f) => String(f.properties?.adcode) === adcode && (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon'));
  if (index < 0) {
    console.warn(`山水嵌入：数据包中没有县区 ${adcode}，显示全市 / Shanshui embed: no county ${adcode} in this pack, showing the whole region`);
    return null;
  }
  return { county: features[index] as County, index };
}

function featureName(properties: Record<string, unknown> | null | undefined, labelKey: string, lang: Lang): string {
  const zh = properties?.[labelKey];
  const en = properties?.[`${labelKey}_en`];
  return String((lang === 'en' && en) || zh || '');
}

function legendList(layers: readonly LoadedLayer[], lang: Lang): HTMLElement {
  const list = element('ul', 'embed-legend');
  list.setAttribute('aria-label', translate(lang, 'embed.legend'));
  for (const layer of layers) {
    const schematic = isSchematicLayer(layer);
    const item = element('li');
    const swatch = element('span', `embed-swatch embed-swatch-${layer.geometry}${schematic ? ' embed-swatch-schematic' : ''}`);
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.setProperty('--swatch', layer.style.color);
    swatch.style.setProperty('--swatch-line', layer.style.outline ?? layer.style.color);
    item.append(swatch, element('span', 'embed-legend-name', localText(layer.title, lang)));
    if (schematic) {
      // A disclosure, not a hover title: its note opens by keyboard and touch too, with no script.
      const more = element('details', 'embed-more');
      more.append(element('summary', 'embed-tag', translate(lang, 'embed.schematic')), element('span', 'embed-note', translate(lang, 'embed.schematic.note')));
      item.append(more);
    }
    list.append(item);
  }
  return list;
}

function openInAppUrl(params: EmbedParams, map: MapLibreMap | null, visible: ReadonlySet<string>, county: string | undefined): string {
  const center = map?.getCenter();
  const search = serializeAppState({
    pack: params.pack,
    lang: params.lang,
    view: map && center ? [center.lng, center.lat, map.getZoom()] : params.view,
    layers: [...visible],
    county,
  });
  return new URL(`index.html${search}`, document.baseURI).href;
}

/** A small text-only popup for the feature under a tap or click. */
function attachPopups(map: MapLibreMap, pack: LoadedPack, lang: Lang): void {
  const popup = new Popup({ closeButton: true, maxWidth: '240px', className: 'embed-popup' });
  map.on('click', (event) => {
    const refs = featuresAt(map, event.point, 6);
    const ref = refs.find((r) => r.layerId !== 'counties') ?? refs[0];
    const layer = ref && pack.layers.find((l) => l.id === ref.layerId);
    const feature = layer?.data.features[ref.index];
    if (!layer || !feature) {
      popup.remove();
      return;
    }
    const content = element('div');
    const name = featureName(feature.properties, layer.style.label ?? 'name', lang) || localText(layer.title, lang);
    content.append(element('strong', undefined, name));
    const detail = translate(lang, 'embed.popup.layer', { layer: localText(layer.title, lang) });
    const schematic = feature.properties?.precision === 'schematic' ? ` · ${translate(lang, 'embed.schematic')}` : '';
    content.append(element('div', 'embed-popup-detail', detail + schematic));
    popup.setLngLat(event.lngLat).setDOMContent(content).addTo(map);
  });
}

export interface MountedWidget {
  map: MapLibreMap;
  pack: LoadedPack;
}

/** Builds the widget into `root`; resolves once the map exists (or null when it cannot be shown). */
export async function mountWidget(root: HTMLElement, params: EmbedParams): Promise<MountedWidget | null> {
  const { lang } = params;
  const parts = buildFrame(root, params);
  startAutoHeight(root, parts.mapElement);

  const request = requestPack(params.pack, document.baseURI);
  prewarmMap();
  let pack: LoadedPack;
  try {
    pack = await request.pack;
  } catch (err) {
    // A missing pack is not silently swapped for another region: the reader sees why.
    console.warn(`山水嵌入：无法载入数据包 / Shanshui embed: cannot load the data pack ${request.manifestUrl}: ${packErrorText(err, 'en')}`);
    showMessage(parts, translate(lang, 'embed.error.pack', { reason: packErrorText(err, lang) }));
    return null;
  }

  nameAfterRegion(parts, params, pack);
  const layerIds = pack.layers.map((l) => l.id);
  const defaults = pack.layers.filter((l) => l.visible !== false).map((l) => l.id);
  const visible = resolveLayers(params.layers, layerIds, defaults);
  const focus = countyByAdcode(pack, params.county);
  const countyBounds = focus ? featureBounds(focus.county.geometry) : null;

  let map: MapLibreMap;
  try {
    parts.mapElement.replaceChildren();
    map = createMap({
      container: parts.mapElement,
      pack,
      lang,
      visibleLayers: visible,
      view: params.view ? { center: [params.view[0], params.view[1]], zoom: params.view[2] } : undefined,
      bounds: countyBounds ?? undefined,
      interactive: !params.static,
      cooperativeGestures: !params.static,
      controls: params.static ? 'none' : params.controls,
      compactAttribution: true,
      theme: params.dark ? 'dark' : 'light',
    });
  } catch (err) {
    console.warn('山水嵌入：无法创建地图 / Shanshui embed: cannot create the map', err);
    showMessage(parts, translate(lang, 'embed.error.webgl'));
    return null;
  }
  Object.assign(window, { shanshui: { map, pack } });
  // MapLibre opens a compact attribution at first; folded, it leaves the small map free.
  const attribution = parts.mapElement.querySelector('.maplibregl-ctrl-attrib');
  attribution?.classList.remove('maplibregl-compact-show');
  attribution?.removeAttribute('open');

  const shownLayers = pack.layers.filter((l) => visible.has(l.id));
  const summary = element('p', 'embed-summary');
  summary.id = 'embed-summary';
  parts.mapElement.setAttribute('aria-describedby', summary.id);
  const open = element('a', 'embed-open', translate(lang, 'embed.open'));
  open.target = '_blank';
  open.rel = 'noopener';
  open.setAttribute('aria-label', translate(lang, 'embed.open.label'));
  open.href = openInAppUrl(params, null, visible, focus ? params.county : undefined);
  parts.foot.append(summary, legendList(shownLayers, lang), open);

  map.once('load', () => {
    if (focus) setSelectedFeatures(map, [{ layerId: 'counties', index: focus.index }]);
  });
  map.once('idle', () => {
    performance.mark(PAINTED_MARK);
    // The summary walks every shown feature: done after the first paint so it never delays it.
    const place = focus ? featureName(focus.county.properties, 'name', lang) : localText(pack.manifest.name, lang);
    summary.textContent = summaryText(shownLayers, focus?.county ?? null, place, lang);
  });
  map.on('moveend', () => {
    open.href = openInAppUrl(params, map, visible, focus ? params.county : undefined);
  });
  if (!params.static) attachPopups(map, pack, lang);
  return { map, pack };
}
