/**
 * Importing planners' files (issue 7): GeoJSON, KML/KMZ, GPX, Shapefile, CSV in any Chinese CRS →
 * WGS84 layers, or one clear message. Pure TypeScript: runs in the import worker, Node and pages.
 *
 * The UI normally goes through `src/workers/importClient.ts` (worker, progress, cancel, tiles);
 * this module is what the worker and the CLI call.
 */
export { importFiles, groupImportSources, type ImportSource } from './importFiles.ts';
export { formatImportMessage, importMessageText, type MessageContext, type MessageLanguage } from './messages.ts';
export { descriptionText } from './text.ts';
export { DEFAULT_IMPORT_LIMITS } from './limits.ts';
export { detectCrs, otherDatumEquivalents, CHINA_BBOX, type CrsDetection } from './crs/detect.ts';
export { resolveCrsSpec, resolveWktCrs, BEIJING_1954_TRANSFORMATIONS, type ResolvedCrs } from './crs/resolve.ts';
export { crsDefinitionByEpsg, gaussKrugerDefinitions, type CrsDefinition, type Datum } from './crs/definitions.ts';
export { suggestGcj02, type Gcj02Hint, type Gcj02HintOptions, type Gcj02Reason } from './crs/suggestGcj02.ts';
export {
  IMPORT_TILE_LAYER,
  IMPORT_TILE_MAX_ZOOM,
  IMPORT_TILE_PROTOCOL,
  createImportTileIndex,
  importTileUrlTemplate,
  parseImportTileUrl,
  type ImportTileIndex,
} from './tileIndex.ts';
export type { TileSourceInfo, WorkerImportOptions, WorkerImportResult, WorkerImportedLayer } from './workerApi.ts';
export type {
  CrsGuess,
  CrsSource,
  ImportedLayer,
  ImportFileInput,
  ImportFormat,
  ImportLimits,
  ImportMessage,
  ImportMessageCode,
  ImportOptions,
  ImportProgress,
  ImportResult,
} from './types.ts';
