/**
 * Loads a data pack: its manifest, then every layer and context file it lists. Works wherever
 * `fetch` does (browser, worker, Node 20), so the app, the embed widget and tests share it.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerRole, LoadedLayer, LoadedPack, PackManifest, PlanIndicatorTable } from './types.ts';

const LAYER_ROLES: readonly LayerRole[] = ['regions', 'zones', 'reference'];

export const DEFAULT_PACK = 'changzhi';

/** What went wrong, for a message in the user's language (`pack.error.<code>` in src/i18n). */
export type PackLoadErrorCode = 'other-origin' | 'file-other-origin' | 'network' | 'http' | 'json' | 'manifest' | 'not-geojson';

/** Why a pack failed to load: a code the UI words in the user's language, and a detail. */
export class PackLoadError extends Error {
  constructor(
    readonly url: string,
    readonly code: PackLoadErrorCode,
    /** Technical detail (HTTP status, the manifest field), shown as is. */
    readonly detail = '',
  ) {
    super(`${url}: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'PackLoadError';
  }
}

/**
 * The manifest URL for a `?pack=` value: a bare id (`shanxi`) names a bundled pack under
 * `data/<id>/`; a path or URL on the app's own origin is taken as it is. A pack from another
 * origin is refused: a shared link must not show someone else's zones under this address (nor
 * make readers' browsers fetch from a third party).
 */
export function packManifestUrl(pack: string | null | undefined, base: string): string {
  const value = (pack ?? '').trim() || DEFAULT_PACK;
  if (/^[a-z0-9_-]+$/i.test(value)) return new URL(`data/${value}/pack.json`, base).href;
  const url = new URL(value, base);
  if (url.origin !== new URL(base).origin) throw new PackLoadError(url.href, 'other-origin');
  return url.href;
}

async function fetchJson(url: string, fetchImpl: typeof fetch): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (err) {
    throw new PackLoadError(url, 'network', (err as Error).message);
  }
  if (!response.ok) throw new PackLoadError(url, 'http', `HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new PackLoadError(url, 'json');
  }
}

function isLocalText(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { zh?: unknown }).zh === 'string';
}

/** Checks the fields the app relies on and names the first one missing. */
export function checkManifest(value: unknown, url: string): PackManifest {
  const m = value as Partial<PackManifest> | null;
  const fail = (what: string) => {
    throw new PackLoadError(url, 'manifest', what);
  };
  if (typeof m !== 'object' || m === null) return fail('is not an object');
  if (typeof m.id !== 'string') fail('has no "id"');
  if (!isLocalText(m.name)) fail('has no "name": {"zh","en"}');
  if (!Array.isArray(m.bounds) || m.bounds.length !== 4 || !m.bounds.every(Number.isFinite)) fail('"bounds" must be [west, south, east, north]');
  if (!Array.isArray(m.layers) || m.layers.length === 0) fail('has no "layers"');
  m.layers!.forEach((layer, i) => {
    if (typeof layer?.id !== 'string' || typeof layer.file !== 'string') fail(`layer ${i} needs "id" and "file"`);
    if (!isLocalText(layer.title)) fail(`layer "${layer.id}" needs "title": {"zh","en"}`);
    if (typeof layer.style?.color !== 'string') fail(`layer "${layer.id}" needs "style.color"`);
    if (layer.role !== undefined && !LAYER_ROLES.includes(layer.role)) fail(`layer "${layer.id}": "role" must be one of ${LAYER_ROLES.join(', ')}`);
    if (layer.drawOrder !== undefined && !Number.isFinite(layer.drawOrder)) fail(`layer "${layer.id}": "drawOrder" must be a number`);
  });
  if (m.indicators !== undefined && typeof m.indicators !== 'string') fail('"indicators" must be a file name');
  const regionLayers = m.layers!.filter((layer) => layer.role === 'regions').length;
  if (regionLayers !== 1) fail(`needs exactly one layer with "role": "regions" (has ${regionLayers})`);
  return { attribution: [], ...m } as PackManifest;
}

/** Checks an indicator table file: every row needs its number, name and 2025 target. */
export function checkIndicators(value: unknown, url: string): PlanIndicatorTable {
  const table = value as Partial<PlanIndicatorTable> | null;
  const fail = (what: string): never => {
    throw new PackLoadError(url, 'manifest', `indicators ${what}`);
  };
  if (typeof table !== 'object' || table === null || !Array.isArray(table.indicators)) return fail('has no "indicators" list');
  if (!isLocalText(table.title)) fail('need "title": {"zh","en"}');
  table.indicators.forEach((row, i) => {
    if (!Number.isInteger(row?.no) || !isLocalText(row.name) || !isLocalText(row.target_2025)) fail(`row ${i + 1} needs "no", "name" and "target_2025"`);
  });
  return table as PlanIndicatorTable;
}

function checkCollection(value: unknown, url: string): FeatureCollection {
  const fc = value as FeatureCollection | null;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new PackLoadError(url, 'not-geojson');
  return fc;
}

/**
 * A layer or context file's URL, resolved against the manifest. A file on another origin (an
 * absolute URL in `file`) is refused before anything is fetched: a pack on this site must not make
 * readers' browsers fetch from a third party.
 */
function packFileUrl(file: string, manifestUrl: string): string {
  const url = new URL(file, manifestUrl);
  if (url.origin !== new URL(manifestUrl).origin) throw new PackLoadError(url.href, 'file-other-origin', file);
  return url.href;
}

export async function loadPack(manifestUrl: string, fetchImpl: typeof fetch = fetch): Promise<LoadedPack> {
  const manifest = checkManifest(await fetchJson(manifestUrl, fetchImpl), manifestUrl);
  // Every file is checked before the first is fetched.
  const urls = new Map([...manifest.layers, ...(manifest.context ?? [])].map((entry) => [entry.file, packFileUrl(entry.file, manifestUrl)]));
  const loadFile = async (file: string) => {
    const url = urls.get(file)!;
    return checkCollection(await fetchJson(url, fetchImpl), url);
  };
  const loadIndicators = async (file: string) => {
    const url = new URL(file, manifestUrl).href;
    return checkIndicators(await fetchJson(url, fetchImpl), url);
  };
  const [layers, context, indicators] = await Promise.all([
    Promise.all(manifest.layers.map(async (layer) => ({ ...layer, data: await loadFile(layer.file) }) as LoadedLayer)),
    Promise.all((manifest.context ?? []).map(async (c) => ({ id: c.id, title: c.title, data: await loadFile(c.file) }))),
    manifest.indicators === undefined ? undefined : loadIndicators(manifest.indicators),
  ]);
  return { manifest, baseUrl: manifestUrl, layers, context, ...(indicators ? { indicators } : {}) };
}

/**
 * Starts loading the pack a `?pack=` value names. Never throws: a refused value comes back as
 * a rejected promise, so the page shows the reason instead of going blank.
 */
export function requestPack(pack: string | null | undefined, base: string, fetchImpl: typeof fetch = fetch): { manifestUrl: string; pack: Promise<LoadedPack> } {
  let manifestUrl = String(pack);
  let loading: Promise<LoadedPack>;
  try {
    manifestUrl = packManifestUrl(pack, base);
    loading = loadPack(manifestUrl, fetchImpl);
  } catch (err) {
    loading = Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  // Handled where it is shown; not an unhandled rejection meanwhile.
  loading.catch(() => undefined);
  return { manifestUrl, pack: loading };
}

/** A layer counts as schematic when any of its features is drawn from text rather than measured. */
export function isSchematicLayer(layer: LoadedLayer): boolean {
  return layer.data.features.some((f) => f.properties?.precision === 'schematic');
}
