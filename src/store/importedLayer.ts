/**
 * What the app keeps about an imported layer (`ImportRecord`, stored in IndexedDB beside the
 * layer's GeoJSON) and how it becomes a workspace layer (`LoadedLayer`) that the layer panel, the
 * map, the statistics and the measuring tool use like a pack layer. Pure: no DOM, no React.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ImportMessage } from '../import/types.ts';
import type { TileSourceInfo, WorkerImportedLayer } from '../import/workerApi.ts';
import { localText, translate, type Lang } from '../i18n/index.ts';
import type { LayerGeometry, LoadedLayer, LocalText } from '../pack/types.ts';
import { valueText } from '../import/valueText.ts';

export type Bbox = [number, number, number, number];
export type ImportedData = FeatureCollection<Geometry | null, Record<string, unknown>>;

/** Settings and facts of one imported layer (everything but its data). */
export interface ImportRecord {
  id: string;
  name: string;
  /** File name(s) it came from. */
  fileName: string;
  color: string;
  /** Property whose value names a feature (labels, lists, details). */
  nameKey?: string;
  /** Property whose values split the layer into kinds in the county statistics. */
  kindKey?: string;
  propertyKeys: string[];
  sourceCrs: string;
  sourceCrsLabel: LocalText;
  format: string;
  featureCount: number;
  vertexCount: number;
  /** Unknown ('mixed') until the data of a tiled layer have arrived. */
  geometry: LayerGeometry;
  bbox?: Bbox;
  importedAt: number;
  /** Drawn from vector tiles cut in the import worker (large layers). */
  tiled: boolean;
  warnings: ImportMessage[];
  /** Position in the panel (import order). */
  order: number;
}

/**
 * Colours for imported layers: apart from the pack's greens, blues and browns, and none of the
 * measuring tool's colours (an imported parcel must not pass for a measurement).
 */
export const IMPORT_COLOURS = ['#d1495b', '#7b2cbf', '#b8860b', '#00798c', '#5e548e', '#5c6f00', '#3a5ba0', '#8d5524'];

/**
 * How imported polygons differ from measurements (fill 0.2, 2.5 px outline in the fill colour):
 * a faint tint and a thinner outline in a darker shade of the colour.
 */
const IMPORTED_FILL_OPACITY = 0.1;

/** The colour darkened by `factor` (0–1), for outlines. */
function darker(hex: string, factor = 0.35): string {
  const n = Number.parseInt(hex.slice(1), 16);
  if (!/^#[0-9a-f]{6}$/i.test(hex) || Number.isNaN(n)) return hex;
  const channel = (shift: number) => Math.round(((n >> shift) & 0xff) * (1 - factor)).toString(16).padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** The next colour: the first of the palette not in use, else by count. */
export function nextImportColour(used: readonly string[]): string {
  const free = IMPORT_COLOURS.find((c) => !used.includes(c));
  return free ?? IMPORT_COLOURS[used.length % IMPORT_COLOURS.length];
}

/** A layer id that cannot clash with a pack layer's, and is safe in MapLibre ids. */
export function newImportId(random: () => string = defaultRandom): string {
  return `import-${random()}`;
}

function defaultRandom(): string {
  const uuid = globalThis.crypto?.randomUUID?.();
  return (uuid ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`).replace(/-/g, '').slice(0, 12);
}

/** Polygon, line, point or mixed, from the geometries present (features without one ignored). */
export function layerGeometryOf(data: ImportedData): LayerGeometry {
  const kinds = new Set<string>();
  for (const f of data.features) {
    const type = f.geometry ? geometryKind(f.geometry) : null;
    if (type) kinds.add(type);
    if (kinds.size > 1) return 'mixed';
  }
  return (kinds.values().next().value as LayerGeometry | undefined) ?? 'mixed';
}

function geometryKind(g: Geometry): 'polygon' | 'line' | 'point' | 'mixed' {
  switch (g.type) {
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Point':
    case 'MultiPoint':
      return 'point';
    default:
      return 'mixed';
  }
}

/** The record for a layer the importer has just returned. */
export function recordFromImport(
  layer: WorkerImportedLayer,
  options: { id: string; fileName: string; color: string; order: number; importedAt: number },
): ImportRecord {
  return {
    id: options.id,
    name: layer.name || options.fileName,
    fileName: options.fileName,
    color: options.color,
    ...(layer.suggestedNameKey ? { nameKey: layer.suggestedNameKey } : {}),
    ...(layer.suggestedKindKey ? { kindKey: layer.suggestedKindKey } : {}),
    propertyKeys: layer.propertyKeys,
    sourceCrs: layer.sourceCrs,
    sourceCrsLabel: layer.sourceCrsLabel,
    format: layer.format,
    featureCount: layer.featureCount,
    vertexCount: layer.vertexCount,
    geometry: layer.data ? layerGeometryOf(layer.data) : 'mixed',
    ...(layer.bbox ? { bbox: layer.bbox } : {}),
    importedAt: options.importedAt,
    tiled: Boolean(layer.tiles),
    warnings: layer.warnings,
    order: options.order,
  };
}

const EMPTY: ImportedData = { type: 'FeatureCollection', features: [] };

/**
 * The workspace layer of an imported one. `data` is null while a tiled layer's features are still
 * on their way from the worker (the map draws its tiles meanwhile; the workspace gets the layer
 * once its features are read and checked, see ImportsProvider).
 */
export function loadedLayerOf(record: ImportRecord, data: ImportedData | null, tiles?: TileSourceInfo, skippedFeatures?: number[]): LoadedLayer {
  const crs = record.sourceCrsLabel;
  return {
    id: record.id,
    file: record.fileName,
    title: { zh: record.name, en: record.name },
    geometry: record.geometry,
    style: {
      color: record.color,
      outline: darker(record.color),
      fillOpacity: IMPORTED_FILL_OPACITY,
      lineWidth: record.geometry === 'polygon' ? 1.6 : 2,
      ...(record.nameKey ? { label: record.nameKey } : {}),
    },
    legend: {
      zh: translate('zh', 'import.layer.legend', { file: record.fileName, crs: crs.zh }),
      en: translate('en', 'import.layer.legend', { file: record.fileName, crs: crs.en }),
    },
    visible: true,
    // Imported properties are the user's own; the pack's provenance fields may be absent.
    data: (data ?? EMPTY) as LoadedLayer['data'],
    imported: {
      fileName: record.fileName,
      sourceCrs: record.sourceCrs,
      ...(record.kindKey ? { kindKey: record.kindKey } : {}),
      importedAt: record.importedAt,
      ...(tiles ? { tiles: { url: tiles.url, sourceLayer: tiles.layerName, maxZoom: tiles.maxZoom, ...(tiles.bounds ? { bounds: tiles.bounds } : {}) } } : {}),
      ...(skippedFeatures?.length ? { skippedFeatures } : {}),
    },
  };
}

/**
 * The name of a feature as lists and details show it: pack layers use `name` (and `name_en` in
 * English); imported layers the property the user chose. `#n` when there is none.
 */
export function featureDisplayName(layer: Pick<LoadedLayer, 'imported' | 'style'>, properties: Record<string, unknown> | null | undefined, index: number, lang: Lang): string {
  const p = properties ?? {};
  if (layer.imported) {
    const key = layer.style.label;
    const value = key ? p[key] : undefined;
    return value === undefined || value === null || value === '' ? `#${index + 1}` : valueText(value);
  }
  return (lang === 'en' && typeof p.name_en === 'string' && p.name_en) || (typeof p.name === 'string' && p.name) || `#${index + 1}`;
}

/** Most distinct kind values shown as their own statistics columns; the rest are grouped. */
export const MAX_KIND_VALUES = 12;

export interface KindSplit {
  /** One entry per column, in order of first appearance (then "other"). */
  kinds: { key: string; title: LocalText; features: Feature[] }[];
}

/**
 * Splits an imported layer by the values of its kind property, for the statistics: one kind per
 * distinct value (text of the value), titled "<layer>: <value>"; values past the first
 * `MAX_KIND_VALUES` go together into "<layer>: other". Without a kind property, one kind.
 * Features with unusable geometry (`skippedFeatures`) are left out.
 */
export function splitByKind(layer: LoadedLayer): KindSplit {
  const key = layer.imported?.kindKey;
  const skipped = layer.imported?.skippedFeatures;
  let usable = layer.data.features as Feature[];
  if (skipped?.length) {
    const left = new Set(skipped);
    usable = usable.filter((_, i) => !left.has(i));
  }
  if (!key) return { kinds: [{ key: layer.id, title: layer.title, features: usable }] };
  const groups = new Map<string, Feature[]>();
  const other: Feature[] = [];
  for (const f of usable) {
    const raw: unknown = f.properties?.[key];
    const value = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw.trim() : valueText(raw);
    let group = groups.get(value);
    if (!group) {
      if (groups.size >= MAX_KIND_VALUES) {
        other.push(f);
        continue;
      }
      group = [];
      groups.set(value, group);
    }
    group.push(f);
  }
  const title = (value: LocalText): LocalText => ({
    zh: translate('zh', 'import.kind.title', { layer: localText(layer.title, 'zh'), value: value.zh }),
    en: translate('en', 'import.kind.title', { layer: localText(layer.title, 'en'), value: value.en }),
  });
  const kinds = [...groups].map(([value, features], i) => ({
    key: `${layer.id}~${i}`,
    title: title(value === '' ? { zh: translate('zh', 'import.kind.empty'), en: translate('en', 'import.kind.empty') } : { zh: value, en: value }),
    features,
  }));
  if (other.length) kinds.push({ key: `${layer.id}~other`, title: title({ zh: translate('zh', 'import.kind.other'), en: translate('en', 'import.kind.other') }), features: other });
  return { kinds };
}
