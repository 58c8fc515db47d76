/**
 * Types shared by the file importers (`src/import`), the import worker and the CLI.
 *
 * Importers never throw for bad input: they return an {@link ImportResult}. A failure carries one
 * {@link ImportMessage}; `messages.ts` turns it into a Chinese and an English sentence saying what
 * is wrong and what to do.
 */
import type { FeatureCollection, Geometry } from 'geojson';

/** A machine-readable message; `formatImportMessage` renders it in zh or en. */
export interface ImportMessage {
  code: ImportMessageCode;
  params?: Record<string, string | number>;
}

/** Every code `messages.ts` knows. Errors end an import; warnings accompany a result. */
export type ImportMessageCode =
  // input / format
  | 'file-empty'
  | 'file-too-large'
  | 'format-unknown'
  | 'format-unsupported'
  | 'no-files'
  | 'cancelled'
  | 'import-timeout'
  | 'internal-error'
  | 'worker-crashed'
  // archives
  | 'zip-corrupt'
  | 'zip-encrypted'
  | 'zip-unsupported-method'
  | 'zip-too-large'
  | 'zip-too-many-entries'
  | 'zip-no-data'
  | 'zip-nested-skipped'
  // JSON / XML
  | 'json-invalid'
  | 'json-not-geojson'
  | 'json-too-deep'
  | 'xml-invalid'
  | 'xml-entities'
  | 'xml-too-deep'
  | 'xml-too-large'
  | 'xml-not-kml-or-gpx'
  | 'kml-network-link-skipped'
  | 'kml-overlay-skipped'
  | 'kml-overlays-only'
  // shapefile
  | 'shp-corrupt'
  | 'shp-missing-part'
  | 'shp-unsupported-type'
  | 'shp-records-unreadable'
  | 'shp-no-dbf'
  | 'dbf-corrupt'
  | 'dbf-count-mismatch'
  | 'encoding-guessed'
  // CSV
  | 'csv-no-header'
  | 'csv-no-coordinates'
  | 'rows-skipped'
  | 'csv-wkt-curves'
  | 'csv-wkt-curves-linearised'
  | 'csv-xy-surveying-order'
  | 'dxf-invalid'
  | 'xlsx-invalid'
  | 'dxf-entities-skipped'
  | 'parcel-area-mismatch'
  // content
  | 'no-features'
  | 'too-many-features'
  | 'too-many-vertices'
  | 'too-many-columns'
  | 'invalid-geometries-skipped'
  | 'rings-closed'
  | 'features-without-geometry'
  | 'nested-properties-flattened'
  | 'properties-renamed'
  // coordinate systems
  | 'crs-unknown'
  | 'crs-unsupported'
  | 'crs-needs-confirmation'
  | 'crs-undetectable'
  | 'coordinates-swapped'
  | 'crs-declared-mismatch'
  | 'crs-assumed-cgcs2000'
  | 'crs-user-override'
  | 'datum-approximate'
  | 'datum-transformation-applied'
  | 'reprojection-failed'
  | 'outside-china'
  | 'gcj02-not-lonlat';

/** How the source coordinate system of a layer was found. */
export type CrsSource =
  /** `.prj`, GeoJSON `crs` member or EWKT `SRID=`. */
  | 'declared'
  /** KML and GPX are WGS84 by specification; CSV columns named 经度/纬度 or lon/lat. */
  | 'format'
  /** The caller chose it (`fromCrs`, the CLI's `--from-crs`, the UI's confirmation). */
  | 'user'
  /** Inferred from the coordinates alone. */
  | 'detected';

/** A coordinate system the importer can read, as offered to the user. */
export interface CrsGuess {
  /** Value to pass back as `fromCrs`: 'EPSG:4547', 'EPSG:3857', 'EPSG:4326', 'gcj02'. */
  crs: string;
  label: { zh: string; en: string };
  /** Why this candidate: zone prefix in the easting, easting without zone, web mercator range … */
  reason: 'zone-prefix' | 'no-zone-prefix' | 'web-mercator-range' | 'lonlat-range' | 'declared';
  /**
   * Where the data's centre lands in WGS84 with this CRS; lets the UI show "near 长治" or
   * "in Xinjiang" next to each choice.
   */
  center?: [number, number];
  /** Centre falls inside the caller's `regionHint` (e.g. the open data pack's bounds). */
  insideRegion?: boolean;
  /** Other EPSG codes that are the same projection (e.g. 3° CM 111°E ≡ 6° CM 111°E). */
  equivalent?: string[];
}

export interface ImportedLayer {
  /** From the file name (without extension) or the shapefile's name inside a zip. */
  name: string;
  /** WGS84 (CGCS2000 treated as WGS84), [lon, lat] order. Properties are data only. */
  data: FeatureCollection<Geometry | null, Record<string, unknown>>;
  /** The CRS the coordinates were converted from, e.g. 'EPSG:4547', 'EPSG:4326', 'gcj02'. */
  sourceCrs: string;
  /** Human label of `sourceCrs`. */
  sourceCrsLabel: { zh: string; en: string };
  crsSource: CrsSource;
  /** Set when the CRS was inferred from the coordinates (no .prj) — the UI should show it. */
  detected?: CrsGuess;
  /** Original file format. */
  format: ImportFormat;
  /** Property names in order of first appearance (capped at 1000). */
  propertyKeys: string[];
  /** A property that looks like a feature name (名称, name, …), for labels. */
  suggestedNameKey?: string;
  /** A property with few distinct values (类型, kind, …), for the layer's "kind". */
  suggestedKindKey?: string;
  featureCount: number;
  vertexCount: number;
  /** [west, south, east, north] in WGS84, absent when no feature has a geometry. */
  bbox?: [number, number, number, number];
  /** Warnings that concern this layer only (also listed in the result's `warnings`). */
  warnings: ImportMessage[];
}

/** A file (or a shapefile's parts) of a batch that did not import; the others did. */
export interface FileFailure {
  files: string[];
  error: ImportMessage;
  candidates?: CrsGuess[];
  layerName?: string;
}

export type ImportResult =
  | {
      ok: true;
      layers: ImportedLayer[];
      warnings: ImportMessage[];
      /** Files of the batch that failed while these layers imported (see `importBatch`). */
      failures?: FileFailure[];
    }
  | {
      ok: false;
      /** Every file's failure when a batch of several failed as a whole. */
      failures?: FileFailure[];
      error: ImportMessage;
      /** For 'crs-needs-confirmation' / 'crs-declared-mismatch': the choices to offer. */
      candidates?: CrsGuess[];
      /** Layer the error is about, when a file holds several. */
      layerName?: string;
      warnings?: ImportMessage[];
    };

export type ImportFormat = 'geojson' | 'geojsonseq' | 'kml' | 'kmz' | 'gpx' | 'shapefile' | 'csv' | 'parcels' | 'dxf' | 'xlsx';

/** Configurable safety limits; see `DEFAULT_IMPORT_LIMITS`. */
export interface ImportLimits {
  /** Largest single input file, bytes. */
  maxFileBytes: number;
  /** Largest total of decompressed zip entries, bytes (zip bombs). */
  maxUnzippedBytes: number;
  /** Most entries read from one zip. */
  maxZipEntries: number;
  /** Most features over all layers of one import. */
  maxFeatures: number;
  /** Most vertices over all layers of one import. */
  maxVertices: number;
  /** Deepest XML element nesting accepted. */
  maxXmlDepth: number;
  /** Largest KML/GPX text, bytes: DOM parsing needs ~30× the text in memory. */
  maxXmlBytes: number;
  /** Most parts (rings/lines) in one shapefile record. */
  maxPartsPerRecord: number;
  /** Most columns (attributes) of one layer: a 1,000,000-column CSV is not a table anyone reads. */
  maxColumns: number;
  /** Time budget of one import, seconds: past it the import ends with a message instead of running on. */
  maxSeconds: number;
}

export interface ImportProgress {
  stage: 'read' | 'unzip' | 'parse' | 'reproject' | 'tile' | 'done';
  /** 0…1 within the whole import, monotone. */
  fraction: number;
  /** File being worked on. */
  file?: string;
}

/** One input file: bytes plus its name (the name helps only to name layers and pair sidecars). */
export interface ImportFileInput {
  name: string;
  bytes: Uint8Array | ArrayBuffer;
}

export interface ImportOptions {
  /**
   * Source CRS for layers that declare none (or to override a wrong declaration): 'EPSG:nnnn',
   * 'gcj02' (lon/lat from Gaode/Tencent maps), 'EPSG:4326', a proj4 string or WKT.
   */
  fromCrs?: string;
  /**
   * Apply `fromCrs` also to layers whose file declares a CRS that fits the numbers (to correct a
   * wrong .prj). Default false: `fromCrs` is used where the file declares none, or one that cannot
   * be right.
   */
  overrideDeclaredCrs?: boolean;
  /**
   * [west, south, east, north] of the area the user works in (the data pack's bounds). Used only to
   * rank CRS candidates; never to pick one silently.
   */
  regionHint?: [number, number, number, number];
  limits?: Partial<ImportLimits>;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}
