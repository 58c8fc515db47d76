/**
 * The data pack manifest (`data/<pack>/pack.json`). The app reads only this file to learn what a
 * region's layers are, so a city that swaps in its own official layers changes data, not code.
 */
import type { FeatureCollection, Geometry } from 'geojson';

/** Text in the UI's two languages; Chinese first. */
export interface LocalText {
  zh: string;
  en: string;
}

/** How exact a feature's geometry is. Schematic shapes are drawn by hand from a plan's text. */
export type Precision = 'surveyed' | 'published' | 'schematic';

export type LayerGeometry = 'polygon' | 'line' | 'point' | 'mixed';

/**
 * What a layer is for. `regions`: the units statistics are counted by and counties are chosen
 * from (exactly one per pack); `zones` (the default): counted per region; `reference`: drawn for
 * context, never counted.
 */
export type LayerRole = 'regions' | 'zones' | 'reference';

/** Properties of a regions layer's features that hold each region's code and name. */
export interface RegionFields {
  code: string;
  name: string;
}

/** Style vocabulary of a pack layer; `src/map` turns it into MapLibre layers. */
export interface LayerStyle {
  /** Main colour (fill for polygons, stroke for lines, circle for points), CSS hex. */
  color: string;
  /** Outline colour for polygons; defaults to `color`. */
  outline?: string;
  fillOpacity?: number;
  lineWidth?: number;
  /** Feature property used as label; omitted = no labels. */
  label?: string;
}

export interface PackLayer {
  /** The pack's own name for the layer (e.g. counties, wetlands); code never depends on it. */
  id: string;
  /** What the layer is for; default `zones`. */
  role?: LayerRole;
  /**
   * Bottom-to-top drawing rank (land zones low, water and boundaries high). Layers without one
   * (a user's imports) draw at `DEFAULT_DRAW_ORDER`, above land zones and below water.
   */
  drawOrder?: number;
  /** For the `regions` layer: where each feature keeps its code and name (default adcode, name). */
  regionFields?: RegionFields;
  /** GeoJSON file, relative to pack.json. */
  file: string;
  title: LocalText;
  geometry: LayerGeometry;
  style: LayerStyle;
  /** One line for the legend: what the layer shows and where it comes from. */
  legend: LocalText;
  /** Layer drawn at start. Default true. */
  visible?: boolean;
}

/** A figure the plan states for the whole region (not per feature), e.g. the subsidence target. */
export interface PlanFigure {
  id: string;
  /** Layer the figure belongs to. */
  layer: string;
  label: LocalText;
  value: number;
  unit: 'mu' | 'ha' | 'km2' | 'm2' | 'km' | 't_per_day' | 'count' | 'percent';
  /** e.g. 4 for "within 4 years". */
  years?: number;
  source: string;
  plan_ref?: string;
}

/** A value a dated public source gives for a plan indicator (the plan's table has none after 2020). */
export interface IndicatorActual {
  year: number;
  /** As the source states it, with its scope (e.g. which sections). */
  value: LocalText;
  source: string;
}

/** One row of a plan's indicator table (规划指标体系). Values are the plan's own text. */
export interface PlanIndicator {
  /** The plan's row number. */
  no: number;
  category: LocalText;
  name: LocalText;
  unit: string;
  /** 2020 status as the plan gives it; null where the plan has "/". */
  baseline_2020: string | null;
  target_2025: LocalText;
  /** 约束性 (binding) or 预期性 (expected). */
  binding: boolean;
  actuals?: IndicatorActual[];
}

/** A pack's indicator table file (`indicators` in the manifest). */
export interface PlanIndicatorTable {
  title: LocalText;
  source: string;
  indicators: PlanIndicator[];
}

export interface Attribution {
  text: LocalText;
  url?: string;
}

export interface PackManifest {
  id: string;
  name: LocalText;
  adcode: string;
  /** Default view: [west, south, east, north] in WGS84 degrees. */
  bounds: [number, number, number, number];
  attribution: Attribution[];
  /** Context drawn under the layers and not part of statistics, e.g. the province outline. */
  context?: { id: string; file: string; title: LocalText }[];
  layers: PackLayer[];
  plan_figures?: PlanFigure[];
  /** The plan's indicator table, a JSON file relative to pack.json. */
  indicators?: string;
}

/** Properties every feature in a pack carries. Layers add their own (plan_area_mu, status …). */
export interface FeatureProvenance {
  name: string;
  name_en?: string;
  source: string;
  precision: Precision;
  plan_ref?: string;
}

export interface LoadedLayer extends PackLayer {
  data: FeatureCollection<Geometry, FeatureProvenance & Record<string, unknown>>;
  /** Set for a layer the user imported (not part of the pack): where it came from and its settings. */
  imported?: ImportedLayerInfo;
  /** Set for a layer the team server keeps (shared by an editor): who shared it when, its features' ids. */
  shared?: SharedLayerInfo;
}

/** What the app knows of a shared layer beyond its data (src/controllers/sharedLayersController.ts). */
export interface SharedLayerInfo {
  /** The layer's id on the server. */
  serverId: string;
  /** Who changed the layer last, and when (ISO). */
  by: string;
  at: string;
  /** Server ids of the features, by index in `data`. */
  featureIds: string[];
  /** The features' versions, joined: a change to any feature changes it. */
  versions: string;
}

/** What the app keeps about a user's imported layer beyond its data. */
export interface ImportedLayerInfo {
  /** File name(s) it came from. */
  fileName: string;
  /** The coordinate system it was converted from, as shown to the user. */
  sourceCrs: string;
  /** Property whose values split the layer into zone kinds in the statistics (none: one kind). */
  kindKey?: string;
  /** Imported (ms since epoch). */
  importedAt: number;
  /** Large layers are drawn from vector tiles cut in the import worker rather than from GeoJSON. */
  tiles?: {
    url: string;
    sourceLayer: string;
    maxZoom: number;
    bounds?: [number, number, number, number];
    /**
     * Tiles whose features carry no index (the team server's): the property naming each feature
     * (MapLibre's promoteId) and those names in the order of `data`, so a click or a highlight
     * still finds the feature's index.
     */
    featureIds?: { property: string; ids: readonly string[] };
  };
  /** Indexes of features left out of the statistics because their geometry is unusable. */
  skippedFeatures?: number[];
}

export interface LoadedPack {
  manifest: PackManifest;
  /** URL the manifest was loaded from; layer files resolve against it. */
  baseUrl: string;
  layers: LoadedLayer[];
  context: { id: string; title: LocalText; data: FeatureCollection }[];
  indicators?: PlanIndicatorTable;
}
