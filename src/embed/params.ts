/**
 * The widget's URL parameters. Parsing never fails: an unknown or bad value is reported with a
 * console warning and the default applies, so an editor's typo never leaves a blank widget.
 * The app's embed dialog builds the same query with `serializeEmbedParams`.
 */
import { isLang, type Lang } from '../i18n/coreText.ts';
import { formatView, parseView, queryText } from '../map/urlState.ts';

export type EmbedControls = 'none' | 'zoom' | 'full';
export const EMBED_CONTROLS: readonly EmbedControls[] = ['none', 'zoom', 'full'];

export interface EmbedParams {
  /** Pack id or manifest URL; undefined = the default pack. */
  pack?: string;
  /** Layer ids to show; undefined = the pack's defaults. Checked against the pack once loaded. */
  layers?: string[];
  /** Adcode of the county to fit and highlight. Checked against the pack once loaded. */
  county?: string;
  /** Camera [lon, lat, zoom]; wins over the county's extent. */
  view?: [number, number, number];
  lang: Lang;
  legend: boolean;
  controls: EmbedControls;
  /** A still map: no pan, zoom or popups. */
  static: boolean;
  dark: boolean;
  /** The small locator map (province → city → county) under the map; `inset=0` leaves it out. */
  inset: boolean;
  /** The plan's indicator table under the map caption (`indicators=1`), when the pack has one. */
  indicators: boolean;
  title?: string;
}

export const EMBED_DEFAULTS: Readonly<EmbedParams> = {
  lang: 'zh',
  legend: true,
  controls: 'zoom',
  static: false,
  dark: false,
  inset: true,
  indicators: false,
};

/** Longest title kept; a news headline fits, a pasted paragraph does not. */
export const MAX_TITLE_LENGTH = 120;

const KNOWN = new Set(['pack', 'layers', 'county', 'view', 'lang', 'legend', 'controls', 'static', 'dark', 'inset', 'indicators', 'title']);

export type Warn = (message: string) => void;

/** Bilingual, because the editor reading the console may use either language. */
export function badParamMessage(name: string, value: string, fallbackZh: string, fallbackEn = fallbackZh): string {
  return `山水嵌入：参数 ${name}=${JSON.stringify(value)} 无效，改用 ${fallbackZh} / Shanshui embed: invalid ${name}=${JSON.stringify(value)}, using ${fallbackEn}`;
}

function parseFlag(q: URLSearchParams, name: 'legend' | 'static' | 'dark' | 'inset' | 'indicators', warn: Warn): boolean {
  const value = q.get(name);
  const fallback = EMBED_DEFAULTS[name];
  if (value === null) return fallback;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  warn(badParamMessage(name, value, fallback ? '1' : '0'));
  return fallback;
}

export function parseEmbedParams(search: string, warn: Warn = console.warn): EmbedParams {
  const q = new URLSearchParams(search);
  const params: EmbedParams = { ...EMBED_DEFAULTS };
  for (const name of new Set(q.keys())) {
    if (!KNOWN.has(name)) warn(`山水嵌入：未知参数 ${name}，已忽略 / Shanshui embed: unknown parameter ${name} ignored`);
  }

  const pack = q.get('pack')?.trim();
  if (pack) params.pack = pack;

  const layers = q.get('layers');
  if (layers !== null) {
    const ids = layers.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length > 0) params.layers = ids;
    else warn(badParamMessage('layers', layers, '默认图层', 'the default layers'));
  }

  const county = q.get('county');
  if (county !== null) {
    if (/^\d{6}$/.test(county.trim())) params.county = county.trim();
    else warn(badParamMessage('county', county, '全市', 'the whole region'));
  }

  const view = q.get('view');
  if (view !== null) {
    const parsed = parseView(view);
    if (parsed) params.view = parsed;
    else warn(badParamMessage('view', view, '默认视野', 'the default view'));
  }

  const lang = q.get('lang');
  if (lang !== null) {
    if (isLang(lang)) params.lang = lang;
    else warn(badParamMessage('lang', lang, EMBED_DEFAULTS.lang));
  }

  const controls = q.get('controls');
  if (controls !== null) {
    if ((EMBED_CONTROLS as readonly string[]).includes(controls)) params.controls = controls as EmbedControls;
    else warn(badParamMessage('controls', controls, EMBED_DEFAULTS.controls));
  }

  params.legend = parseFlag(q, 'legend', warn);
  params.static = parseFlag(q, 'static', warn);
  params.dark = parseFlag(q, 'dark', warn);
  params.inset = parseFlag(q, 'inset', warn);
  params.indicators = parseFlag(q, 'indicators', warn);

  const title = q.get('title')?.replace(/\s+/g, ' ').trim();
  if (title) {
    if (title.length > MAX_TITLE_LENGTH) warn(`山水嵌入：标题过长，已截断 / Shanshui embed: title cut to ${MAX_TITLE_LENGTH} characters`);
    params.title = title.slice(0, MAX_TITLE_LENGTH);
  }
  return params;
}

/**
 * The query for a widget, with only the values that differ from the defaults (plus `lang`, which
 * an editor always wants pinned), in a fixed order so generated code is stable.
 */
export function serializeEmbedParams(params: Partial<EmbedParams>): string {
  const q = new URLSearchParams();
  if (params.pack) q.set('pack', params.pack);
  if (params.layers) q.set('layers', params.layers.join(','));
  if (params.county) q.set('county', params.county);
  if (params.view) q.set('view', formatView(params.view));
  if (params.lang) q.set('lang', params.lang);
  if (params.legend === false) q.set('legend', '0');
  if (params.controls && params.controls !== EMBED_DEFAULTS.controls) q.set('controls', params.controls);
  if (params.static) q.set('static', '1');
  if (params.dark) q.set('dark', '1');
  if (params.inset === false) q.set('inset', '0');
  if (params.indicators) q.set('indicators', '1');
  if (params.title?.trim()) q.set('title', params.title.trim().slice(0, MAX_TITLE_LENGTH));
  return queryText(q);
}

/** Layer ids from the URL that the pack has, warning about the rest; none left = the defaults. */
export function resolveLayers(requested: string[] | undefined, packLayerIds: readonly string[], defaults: readonly string[], warn: Warn = console.warn): Set<string> {
  if (!requested) return new Set(defaults);
  const known = requested.filter((id) => packLayerIds.includes(id));
  const unknown = requested.filter((id) => !packLayerIds.includes(id));
  if (known.length === 0) {
    warn(`山水嵌入：数据包中没有图层 ${unknown.join(', ')}，改用默认图层 / Shanshui embed: no layer ${unknown.join(', ')} in this pack, using the default layers`);
    return new Set(defaults);
  }
  if (unknown.length > 0) {
    warn(`山水嵌入：数据包中没有图层 ${unknown.join(', ')}，已忽略 / Shanshui embed: no layer ${unknown.join(', ')} in this pack, ignored`);
  }
  return new Set(known);
}
