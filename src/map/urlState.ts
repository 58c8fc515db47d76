/**
 * The shareable state of the app and the widget lives in the URL query: a link restores view,
 * layers, county, unit and language. Below both apps, so the widget needs nothing of src/app. Parsing is forgiving: a bad value is dropped (the default applies), never an error.
 */
import { isLang, type Lang } from '../i18n/coreText.ts';

export type AreaUnitParam = 'mu' | 'ha' | 'km2';

export interface AppUrlState {
  pack?: string;
  lang?: Lang;
  /** Camera: [lon, lat, zoom]. */
  view?: [number, number, number];
  /** Visible pack layer ids; undefined = the pack's defaults. */
  layers?: string[];
  /** Selected county adcode. */
  county?: string;
  unit?: AreaUnitParam;
}

const UNITS: readonly AreaUnitParam[] = ['mu', 'ha', 'km2'];

export function parseView(value: string | null): [number, number, number] | undefined {
  if (!value) return undefined;
  const parts = value.split(',').map(Number);
  if (parts.length !== 3 || !parts.every(Number.isFinite)) return undefined;
  const [lon, lat, zoom] = parts;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return undefined;
  return [lon, lat, zoom];
}

export function parseAppState(search: string): AppUrlState {
  const q = new URLSearchParams(search);
  const state: AppUrlState = {};
  const pack = q.get('pack');
  if (pack) state.pack = pack;
  const lang = q.get('lang');
  if (isLang(lang)) state.lang = lang;
  const view = parseView(q.get('view'));
  if (view) state.view = view;
  const layers = q.get('layers');
  if (layers !== null) state.layers = layers.split(',').map((s) => s.trim()).filter(Boolean);
  const county = q.get('county');
  if (county && /^\d{6}$/.test(county)) state.county = county;
  const unit = q.get('unit');
  if (unit && (UNITS as readonly string[]).includes(unit)) state.unit = unit as AreaUnitParam;
  return state;
}

/** A camera as `lon,lat,zoom` (≈ 1 m and 1/100 zoom level: enough to restore it). */
export function formatView([lon, lat, zoom]: readonly [number, number, number]): string {
  return `${lon.toFixed(5)},${lat.toFixed(5)},${zoom.toFixed(2)}`;
}

/** `?query`, with commas left readable (they are safe in a query), or '' when empty. */
export function queryText(q: URLSearchParams): string {
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** Query string for a state; keys in a fixed order so links are stable and diffable. */
export function serializeAppState(state: AppUrlState): string {
  const q = new URLSearchParams();
  if (state.pack) q.set('pack', state.pack);
  if (state.lang) q.set('lang', state.lang);
  if (state.view) q.set('view', formatView(state.view));
  if (state.layers) q.set('layers', state.layers.join(','));
  if (state.county) q.set('county', state.county);
  if (state.unit) q.set('unit', state.unit);
  return queryText(q);
}
