/**
 * The embeddable map widget: plain DOM around the shared pack loader and map code (no React, so
 * the page a reader opens fetches little more than MapLibre itself). Configured by URL parameters
 * (see params.ts); every bad value falls back to a default with a console warning. What a layer
 * is for comes from the manifest's roles: the regions layer is what `county=` focuses.
 *
 * Nothing is drawn over the map but the map: the zoom buttons, scale, locator inset and source
 * line sit in a bar under it, so no control ever covers a label.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { serializeAppState } from '../map/urlState.ts';
import { localText, packErrorText, translate, type Lang } from '../i18n/coreText.ts';
import { createMap, prewarmMap } from '../map/createMap.ts';
import { featuresAt, setSelectedFeatures } from '../map/interaction.ts';
import { isSchematicLayer, requestPack } from '../pack/loadPack.ts';
import { findRegionLayer, isCountedLayer, regionFields } from '../pack/roles.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';
import { startAutoHeight } from './autoHeight.ts';
import { drawContext, LABEL_LIMIT, regionIndex } from './context.ts';
import { frameBounds, framePadding, type Bounds } from './frame.ts';
import { showIndicators } from './indicatorTable.ts';
import { locatorInset } from './locatorInset.ts';
import { resolveLayers, type EmbedParams } from './params.ts';
import { announceReady, publishApi } from './publicApi.ts';
import { sourceCaption } from './sourceLine.ts';
import { summaryText } from './summaryText.ts';
import { valueText } from '../import/valueText.ts';

/** Performance mark at the first fully rendered frame (read by scripts/bench/embed-paint.mjs). */
export const PAINTED_MARK = 'shanshui:embed-painted';

type Region = Feature<Polygon | MultiPolygon>;

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
  /** Under the map: locator inset, caption (source line), controls. */
  bar: HTMLElement;
  tools: HTMLElement;
  foot: HTMLElement;
}

/** The static frame: optional title, the map area, the bar under it, and the footer. */
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
  const bar = element('div', 'embed-bar');
  const tools = element('div', 'embed-tools');
  const foot = element('div', 'embed-foot');
  root.append(mapElement, bar, foot);
  return { root, mapElement, bar, tools, foot };
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

function focusedRegion(pack: LoadedPack, code: string | undefined): { region: Region; index: number } | null {
  if (!code) return null;
  const index = regionIndex(pack, code);
  if (index < 0) {
    console.warn(`山水嵌入：数据包中没有县区 ${code}，显示全市 / Shanshui embed: no county ${code} in this pack, showing the whole region`);
    return null;
  }
  return { region: findRegionLayer(pack.layers)!.data.features[index] as Region, index };
}

function featureName(properties: Record<string, unknown> | null | undefined, labelKey: string, lang: Lang): string {
  const zh = properties?.[labelKey];
  const en = properties?.[`${labelKey}_en`];
  return valueText((lang === 'en' && en) || zh || '');
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

/** A small text-only popup for the feature under a tap or click; a zone wins over its county. */
function attachPopups(map: MapLibreMap, pack: LoadedPack, visible: ReadonlySet<string>, lang: Lang): void {
  const popup = new Popup({ closeButton: true, maxWidth: '240px', className: 'embed-popup' });
  const regionsId = findRegionLayer(pack.layers)?.id;
  map.on('click', (event) => {
    const refs = featuresAt(map, event.point, 6);
    // A chosen layer's feature first, then context (a seat, a river not chosen), then the county.
    const rank = (layerId: string) => (layerId === regionsId ? 2 : visible.has(layerId) ? 0 : 1);
    const ref = [...refs].sort((a, b) => rank(a.layerId) - rank(b.layerId))[0];
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

/** MapLibre's control corners moved from over the map into the bar under it. */
function moveControlsBelow(parts: WidgetParts): void {
  for (const corner of parts.mapElement.querySelectorAll('.maplibregl-ctrl-top-right, .maplibregl-ctrl-bottom-left')) {
    if (corner.childElementCount > 0) parts.tools.append(corner);
  }
}

/**
 * Keeps the chosen extent in the frame with width-dependent padding: refitted when the frame
 * changes size (the loader sizes the iframe after the first paint) until the reader moves the map.
 */
function keepFramed(map: MapLibreMap, bounds: Bounds): void {
  let moved = false;
  const fit = () => {
    if (!moved) map.fitBounds(bounds, { padding: framePadding(map.getContainer().clientWidth), duration: 0 });
  };
  fit();
  map.on('dragstart', () => (moved = true));
  map.on('zoomstart', (event: { originalEvent?: Event }) => {
    if (event.originalEvent) moved = true;
  });
  map.on('resize', fit);
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
  const regionsLayer = findRegionLayer(pack.layers);
  const layerIds = pack.layers.map((l) => l.id);
  const defaults = pack.layers.filter((l) => l.visible !== false).map((l) => l.id);
  const visible = resolveLayers(params.layers, layerIds, defaults);
  const shownLayers = pack.layers.filter((l) => visible.has(l.id));
  const focus = focusedRegion(pack, params.county);
  const bounds: Bounds = focus ? (frameBounds(focus.region, shownLayers.filter(isCountedLayer)) ?? pack.manifest.bounds) : pack.manifest.bounds;

  let map: MapLibreMap;
  try {
    parts.mapElement.replaceChildren();
    map = createMap({
      container: parts.mapElement,
      pack,
      lang,
      visibleLayers: visible,
      view: params.view ? { center: [params.view[0], params.view[1]], zoom: params.view[2] } : undefined,
      bounds,
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
  publishApi({ params, map, pack });
  if (!params.view) keepFramed(map, bounds);

  const place = focus && regionsLayer ? featureName(focus.region.properties, regionFields(regionsLayer).name, lang) || params.county! : localText(pack.manifest.name, lang);
  if (params.inset && regionsLayer) {
    const inset = locatorInset(
      { outer: pack.context.map((c) => c.data), regions: regionsLayer.data.features, focus: focus?.region ?? null },
      translate(lang, 'embed.inset', { place, region: localText(pack.manifest.name, lang) }),
    );
    parts.bar.append(inset);
  }
  parts.bar.append(sourceCaption(pack.manifest.attribution, lang, shownLayers.some((l) => isCountedLayer(l) && isSchematicLayer(l))), parts.tools);
  if (params.indicators) showIndicators(parts.bar, pack.indicators, lang);
  moveControlsBelow(parts);

  const summary = element('p', 'embed-summary');
  summary.id = 'embed-summary';
  parts.mapElement.setAttribute('aria-describedby', summary.id);
  const open = element('a', 'embed-open', translate(lang, 'embed.open'));
  open.target = '_blank';
  open.rel = 'noopener';
  open.setAttribute('aria-label', translate(lang, 'embed.open.label'));
  open.href = openInAppUrl(params, null, visible, focus ? params.county : undefined);
  parts.foot.append(summary, legendList(shownLayers, lang), open);

  // Context restyles the layers as soon as the style exists, so the first frame already has it.
  const labelled = new Set(shownLayers.filter((l) => l.geometry !== 'line' && l.data.features.length <= LABEL_LIMIT).map((l) => l.id));
  const applyContext = () => drawContext(map, pack, { visible, focusCode: focus ? params.county : undefined, labelled, dark: params.dark });
  if (map.isStyleLoaded()) applyContext();
  else map.once('style.load', applyContext);
  map.once('load', () => {
    if (focus && regionsLayer) setSelectedFeatures(map, [{ layerId: regionsLayer.id, index: focus.index }]);
  });
  map.once('idle', () => {
    performance.mark(PAINTED_MARK);
    announceReady();
    // The summary measures every shown feature: done after the first paint so it never delays it.
    const regions = (regionsLayer?.data.features ?? []).filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon') as Region[];
    try {
      summary.textContent = summaryText(shownLayers, { county: focus?.region ?? null, regions, name: place }, lang);
    } catch (err) {
      // An invalid geometry in the pack: no summary rather than a wrong one.
      console.warn('山水嵌入：无法计算摘要 / Shanshui embed: cannot compute the summary', err);
      summary.textContent = place;
    }
  });
  map.on('moveend', () => {
    open.href = openInAppUrl(params, map, visible, focus ? params.county : undefined);
  });
  if (!params.static) attachPopups(map, pack, visible, lang);
  return { map, pack };
}
