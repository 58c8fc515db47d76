/**
 * Creates the MapLibre map for a loaded pack: the in-code style, fitted to the pack's region, with
 * scale bar, zoom buttons and an attribution control that lists the pack's data sources.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { localText, type Lang } from '../i18n/coreText.ts';
import type { LoadedPack } from '../pack/types.ts';
import { mapLocale } from './locale.ts';
import { buildStyle, labelField, type MapTheme } from './style.ts';

// Under Vite the worker must be handed over as a URL, or the map never reaches `idle`.
maplibregl.setWorkerUrl(workerUrl);

/**
 * Starts MapLibre's workers before the first map exists, so their script loads while the data pack
 * is still downloading rather than after it.
 */
export function prewarmMap(): void {
  maplibregl.prewarm();
}

export interface CreateMapOptions {
  container: HTMLElement;
  pack: LoadedPack;
  lang: Lang;
  visibleLayers?: ReadonlySet<string>;
  /** Opacity factor per pack layer id (default 1). */
  opacity?: Readonly<Record<string, number>>;
  /** Explicit camera (from a permalink); otherwise the pack's bounds are fitted. */
  view?: { center: [number, number]; zoom: number };
  interactive?: boolean;
  /** Keep the drawing buffer so the map can be exported as PNG. */
  preserveDrawingBuffer?: boolean;
  /** Extent to fit instead of the pack's (e.g. one county); `view` wins over it. */
  bounds?: [number, number, number, number];
  theme?: MapTheme;
  /** Zoom only with Ctrl/⌘ + scroll or two fingers, so a page scrolls past the map (embeds). */
  cooperativeGestures?: boolean;
  /** 'full': zoom buttons and scale bar (default); 'zoom': buttons only; 'none'. Attribution always shows. */
  controls?: MapControls;
  /** Attribution folded behind an (i) button, for small embedded maps. */
  compactAttribution?: boolean;
  /** Part of the map covered by other UI (a phone's bottom sheet): framing keeps clear of it. */
  padding?: Partial<maplibregl.PaddingOptions>;
}

export type MapControls = 'none' | 'zoom' | 'full';

export function attributionHtml(pack: LoadedPack, lang: Lang): string[] {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return pack.manifest.attribution.map((a) => {
    const text = escape(localText(a.text, lang));
    return a.url ? `<a href="${escape(a.url)}" target="_blank" rel="noopener">${text}</a>` : text;
  });
}

export function createMap(options: CreateMapOptions): maplibregl.Map {
  const { container, pack, lang } = options;
  const [west, south, east, north] = options.bounds ?? pack.manifest.bounds;
  const map = new maplibregl.Map({
    container,
    style: buildStyle(pack, { visibleLayers: options.visibleLayers, opacity: options.opacity, lang, theme: options.theme }),
    ...(options.view
      ? { center: options.view.center, zoom: options.view.zoom }
      : { bounds: [west, south, east, north], fitBoundsOptions: { padding: 24 } }),
    attributionControl: false,
    interactive: options.interactive ?? true,
    maxZoom: 17,
    fadeDuration: 0,
    minZoom: 4,
    dragRotate: false,
    pitchWithRotate: false,
    canvasContextAttributes: { preserveDrawingBuffer: options.preserveDrawingBuffer ?? false },
    locale: mapLocale(lang),
    cooperativeGestures: options.cooperativeGestures ?? false,
  });
  map.touchZoomRotate.disableRotation();
  if (options.padding) {
    map.setPadding({ top: 0, bottom: 0, left: 0, right: 0, ...options.padding });
    if (!options.view) map.fitBounds([west, south, east, north], { padding: 24, duration: 0 });
  }
  controlChoices.set(map, { controls: options.controls ?? 'full', compactAttribution: options.compactAttribution ?? false });
  addLocalisedControls(map, pack, lang);
  return map;
}

// The controls whose text depends on the language, per map, so a language switch can replace them.
const localisedControls = new WeakMap<maplibregl.Map, maplibregl.IControl[]>();
const controlChoices = new WeakMap<maplibregl.Map, { controls: MapControls; compactAttribution: boolean }>();

function addLocalisedControls(map: maplibregl.Map, pack: LoadedPack, lang: Lang): void {
  for (const control of localisedControls.get(map) ?? []) map.removeControl(control);
  map._locale = { ...map._locale, ...mapLocale(lang) };
  const choice = controlChoices.get(map) ?? { controls: 'full', compactAttribution: false };
  const controls: [maplibregl.IControl, maplibregl.ControlPosition][] = [];
  if (choice.controls !== 'none') controls.push([new maplibregl.NavigationControl({ showCompass: false }), 'top-right']);
  if (choice.controls === 'full') controls.push([new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left']);
  controls.push([new maplibregl.AttributionControl({ compact: choice.compactAttribution, customAttribution: attributionHtml(pack, lang) }), 'bottom-right']);
  for (const [control, position] of controls) map.addControl(control, position);
  localisedControls.set(map, controls.map(([c]) => c));
}

/** Switches map labels and the attribution line to another language without rebuilding the style. */
export function setMapLanguage(map: maplibregl.Map, pack: LoadedPack, lang: Lang): void {
  for (const layer of pack.layers) {
    if (layer.style.label && map.getLayer(`${layer.id}-label`)) {
      map.setLayoutProperty(`${layer.id}-label`, 'text-field', labelField(layer.style.label, lang));
    }
  }
  addLocalisedControls(map, pack, lang);
}
