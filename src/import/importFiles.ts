/**
 * The importer's entry point: files in, WGS84 layers or one clear error out. Pure (no DOM), so it
 * runs in the import worker, in Node (CLI, tests) and on a page.
 */
import { checkCancelled, type ImportContext, type RawLayer } from './context.ts';
import { describeForeignZip, detectFormat, extensionOf } from './detectFormat.ts';
import { ImportFailure, describeError, fail } from './failure.ts';
import { parseCsv } from './formats/csv.ts';
import { parseGeoJson, parseGeoJsonSeq } from './formats/geojson.ts';
import { decodeXml, parseKmlOrGpx } from './formats/kml.ts';
import { isXlsxEntries, parseXlsx } from './formats/xlsx.ts';
import { parseParcelCoordinates } from './formats/parcelCoordinates.ts';
import { parseShapefile, type ShapefileParts } from './formats/shapefile.ts';
import { finalizeLayer } from './layer.ts';
import { resolveLimits } from './limits.ts';
import { decodeText } from './text.ts';
import type { ImportedLayer, ImportFileInput, ImportMessage, ImportOptions, ImportProgress, ImportResult } from './types.ts';
import { listZipEntries, readZipEntry, type ZipEntryInfo } from './zip.ts';
import { uniqueLayerNames } from './uniqueLayerNames.ts';

/** A file as given by the browser (File) or by Node/tests ({ name, bytes }). */
export type ImportSource = ImportFileInput | (Blob & { name: string });

function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

function toBytes(b: Uint8Array | ArrayBuffer): Uint8Array {
  return b instanceof Uint8Array ? b : new Uint8Array(b);
}

function isBlob(source: ImportSource): source is Blob & { name: string } {
  return typeof Blob !== 'undefined' && source instanceof Blob;
}

function sizeOf(source: ImportSource): number {
  return isBlob(source) ? source.size : toBytes(source.bytes).byteLength;
}

async function readSource(source: ImportSource): Promise<Uint8Array> {
  return isBlob(source) ? new Uint8Array(await source.arrayBuffer()) : toBytes(source.bytes);
}

const SHAPEFILE_PARTS = new Set(['shp', 'dbf', 'prj', 'cpg', 'shx']);
const JUNK = /(^|\/)(__MACOSX\/|\._|\.DS_Store$|Thumbs\.db$)/i;

interface Named {
  name: string;
  bytes: Uint8Array;
}

/** Pairs shapefile parts by base name (case-insensitive); everything else stays a single file. */
function groupShapefiles(files: Named[]): { shapefiles: ShapefileParts[]; others: Named[]; orphans: string[] } {
  const groups = new Map<string, ShapefileParts>();
  const others: Named[] = [];
  for (const f of files) {
    const ext = extensionOf(f.name);
    if (!SHAPEFILE_PARTS.has(ext)) {
      others.push(f);
      continue;
    }
    const key = f.name.replace(/\.[^./\\]+$/, '').toLowerCase();
    const group = groups.get(key) ?? { name: baseName(f.name) };
    if (ext === 'shp' || ext === 'dbf' || ext === 'prj' || ext === 'cpg') group[ext] = f.bytes;
    groups.set(key, group);
  }
  const shapefiles: ShapefileParts[] = [];
  const orphans: string[] = [];
  for (const g of groups.values()) {
    if (g.shp) shapefiles.push(g);
    else if (g.dbf) orphans.push(g.name);
  }
  return { shapefiles, others, orphans };
}

function parseSingle(file: Named, ctx: ImportContext, allowZip: boolean): RawLayer[] {
  const format = detectFormat(file.bytes, file.name);
  const name = baseName(file.name);
  switch (format.kind) {
    case 'zip':
      if (!allowZip) return [];
      return parseZip(file, ctx);
    case 'geojson':
      return [parseGeoJson(decodeText(file.bytes).text, name, ctx)];
    case 'geojsonseq':
      return [parseGeoJsonSeq(decodeText(file.bytes).text, name, ctx)];
    case 'xml': {
      const { text, guessedEncoding } = decodeXml(file.bytes);
      return [parseKmlOrGpx(text, name, ctx, { format: 'auto', ...(guessedEncoding ? { guessedEncoding } : {}) })];
    }
    case 'csv':
      return [parseCsv(file.bytes, name, ctx)];
    case 'dxf':
      // Read in importFiles (the DXF parser is loaded on demand); never reached from a zip.
      return fail('format-unsupported', { format: 'DXF', name: file.name });
    case 'parcels':
      return [parseParcelCoordinates(file.bytes, name, ctx)];
    case 'shp':
      return [parseShapefile({ name, shp: file.bytes }, ctx)];
    case 'shapefile-sidecar':
      return fail('shp-missing-part', { name, part: '.shp' });
    case 'unsupported':
      return fail('format-unsupported', { format: format.format, name: file.name });
    default:
      return fail('format-unknown', { name: file.name });
  }
}

/** The entries of an Excel workbook (a zip holding xl/workbook.xml), else undefined. */
function workbookEntries(file: Named): ZipEntryInfo[] | undefined {
  if (detectFormat(file.bytes, file.name).kind !== 'zip') return undefined;
  let entries: ZipEntryInfo[];
  try {
    entries = listZipEntries(file.bytes, 10_000);
  } catch {
    return undefined; // a damaged zip: reported by the zip reader
  }
  return isXlsxEntries(entries) ? entries : undefined;
}

function parseZip(file: Named, ctx: ImportContext): RawLayer[] {
  const entries = listZipEntries(file.bytes, ctx.limits.maxZipEntries).filter((e) => !e.isDirectory && !JUNK.test(e.name));
  const ext = (e: ZipEntryInfo) => extensionOf(e.name);
  const kmlEntries = entries.filter((e) => ext(e) === 'kml');
  const readable = new Set(['shp', 'dbf', 'prj', 'cpg', 'geojson', 'json', 'geojsonl', 'geojsons', 'kml', 'gpx', 'csv']);
  const isKmz = kmlEntries.length > 0 && (extensionOf(file.name) === 'kmz' || !entries.some((e) => ext(e) === 'shp'));
  const wanted = isKmz ? kmlEntries : entries.filter((e) => readable.has(ext(e)));
  const nested = entries.filter((e) => ['zip', 'kmz'].includes(ext(e))).length;
  if (wanted.length === 0) {
    const foreign = describeForeignZip(entries.map((e) => e.name));
    if (foreign) fail('format-unsupported', { format: foreign, name: file.name });
    fail('zip-no-data', { name: file.name, found: entries.slice(0, 5).map((e) => e.name).join(', ') || '—' });
  }
  ctx.progress('unzip', 0);
  const contents = new Map<string, Uint8Array>();
  wanted.forEach((entry, i) => {
    checkCancelled(ctx);
    contents.set(entry.name, readZipEntry(file.bytes, entry, ctx.budget));
    ctx.progress('unzip', (i + 1) / wanted.length);
  });
  const layers: RawLayer[] = [];
  if (isKmz) {
    // doc.kml by convention, else the first KML at the top level, else the first.
    const main = kmlEntries.find((e) => /(^|\/)doc\.kml$/i.test(e.name)) ?? kmlEntries.find((e) => !e.name.includes('/')) ?? kmlEntries[0];
    const { text, guessedEncoding } = decodeXml(contents.get(main.name)!);
    const layer = parseKmlOrGpx(text, baseName(file.name), ctx, {
      format: 'kmz',
      archive: contents,
      archivePath: main.name,
      ...(guessedEncoding ? { guessedEncoding } : {}),
    });
    layers.push(layer);
  } else {
    const named = [...contents].map(([name, bytes]) => ({ name, bytes }));
    const { shapefiles, others, orphans } = groupShapefiles(named);
    if (orphans.length && shapefiles.length === 0 && others.length === 0) fail('shp-missing-part', { name: orphans[0], part: '.shp' });
    for (const parts of shapefiles) layers.push(parseShapefile(parts, ctx));
    for (const other of others) layers.push(...parseSingle(other, ctx, false));
  }
  if (nested) layers[0]?.warnings.push({ code: 'zip-nested-skipped', params: { count: nested } });
  // One layer: the zip's name is the one the sender chose for it ("生态保护红线.zip" around "STBHHX.shp").
  if (layers.length === 1) layers[0].name = baseName(file.name);
  return layers;
}

/** The message with the file it concerns (messages name it unless their text already does). */
function withFile(message: ImportMessage, file: string | undefined): ImportMessage {
  if (!file || message.params?.file !== undefined) return message;
  return { ...message, params: { ...message.params, file } };
}

/**
 * Imports one set of files that belong together (a shapefile's .shp/.dbf/.prj/.cpg, or any
 * files; each becomes one or more layers). All or nothing: the first problem is the result.
 */
export async function importFiles(sources: ImportSource[], options: ImportOptions = {}): Promise<ImportResult> {
  const limits = resolveLimits(options.limits);
  // Progress: parsing the files takes 0–0.8 (by file size), checking/converting layers 0.8–0.98.
  let fraction = 0;
  let fileStart = 0;
  let fileWeight = 1;
  let layerIndex = 0;
  let layerCount = 1;
  let finalizing = false;
  let currentFile: string | undefined;
  const report = (stage: ImportProgress['stage'], within: number) => {
    let next: number;
    if (stage === 'done') next = 1;
    else if (finalizing) next = 0.8 + (0.18 * (layerIndex + Math.min(1, within))) / layerCount;
    else {
      const inFile = stage === 'read' ? 0 : stage === 'unzip' ? 0.2 * within : 0.2 + 0.8 * Math.min(1, within);
      next = 0.8 * Math.min(1, fileStart + fileWeight * inFile);
    }
    if (next < fraction) return;
    fraction = next;
    try {
      options.onProgress?.({ stage, fraction, ...(currentFile ? { file: currentFile } : {}) });
    } catch {
      // A failing progress callback must not break the import.
    }
  };
  const ctx: ImportContext = {
    limits,
    budget: { remainingBytes: limits.maxUnzippedBytes, limitBytes: limits.maxUnzippedBytes },
    ...(options.signal ? { signal: options.signal } : {}),
    deadline: Date.now() + limits.maxSeconds * 1000,
    progress: report,
    featureCount: 0,
    vertexCount: 0,
  };
  const warnings: ImportMessage[] = [];
  try {
    if (!Array.isArray(sources) || sources.length === 0) fail('no-files');
    for (const s of sources) {
      const size = sizeOf(s);
      if (size > limits.maxFileBytes) {
        fail('file-too-large', { name: s.name, sizeMB: Math.round(size / 1048576), limitMB: Math.round(limits.maxFileBytes / 1048576) });
      }
    }
    const totalBytes = sources.reduce((sum, s) => sum + Math.max(1, sizeOf(s)), 0);
    const files: Named[] = [];
    for (const s of sources) {
      checkCancelled(ctx);
      currentFile = s.name;
      report('read', 0);
      const bytes = await readSource(s);
      if (bytes.length === 0 || (bytes.length < 4 && /^\s*$/.test(new TextDecoder().decode(bytes)))) fail('file-empty', { name: s.name });
      files.push({ name: s.name, bytes });
    }
    const { shapefiles, others, orphans } = groupShapefiles(files);
    if (orphans.length) fail('shp-missing-part', { name: orphans[0], part: '.shp' });

    const raws: RawLayer[] = [];
    for (const parts of shapefiles) {
      currentFile = `${parts.name}.shp`;
      fileWeight = Math.max(1, parts.shp!.length + (parts.dbf?.length ?? 0)) / totalBytes;
      report('parse', 0);
      raws.push(parseShapefile(parts, ctx));
      fileStart += fileWeight;
    }
    for (const file of others) {
      currentFile = file.name;
      fileWeight = Math.max(1, file.bytes.length) / totalBytes;
      report('parse', 0);
      const workbook = workbookEntries(file);
      if (workbook) raws.push(await parseXlsx(file.bytes, workbook, baseName(file.name), ctx));
      else if (detectFormat(file.bytes, file.name).kind === 'dxf') {
        // dxf-parser is loaded only when a drawing is imported (a chunk of its own in the worker).
        const { parseDxf } = await import('./formats/dxf.ts');
        raws.push(parseDxf(file.bytes, baseName(file.name), ctx));
      } else raws.push(...parseSingle(file, ctx, true));
      fileStart += fileWeight;
    }
    // Drop the bytes before building layers (large files).
    files.length = 0;

    const layers: ImportedLayer[] = [];
    finalizing = true;
    layerCount = Math.max(1, raws.length);
    for (const raw of raws.splice(0)) {
      checkCancelled(ctx);
      currentFile = raw.name;
      report('reproject', 0);
      const outcome = finalizeLayer(raw, options, ctx);
      if (!outcome.ok) return { ...outcome, error: withFile(outcome.error, sources.length === 1 ? sources[0].name : raw.name) };
      layers.push(outcome.layer);
      warnings.push(...outcome.layer.warnings);
      layerIndex++;
    }
    if (layers.length === 0) fail('no-features', { reason: 'empty' });
    uniqueLayerNames(layers);
    report('done', 1);
    return { ok: true, layers, warnings };
  } catch (error) {
    if (error instanceof ImportFailure) return { ok: false, error: withFile(error.importMessage, currentFile), ...(warnings.length ? { warnings } : {}) };
    if (error instanceof RangeError && /call stack|Invalid array length|Array buffer allocation/i.test(error.message)) {
      return { ok: false, error: { code: 'too-many-vertices', params: { limit: limits.maxVertices } } };
    }
    return { ok: false, error: { code: 'internal-error', params: { detail: describeError(error) } } };
  }
}

/**
 * Splits a multi-file drop into groups that import independently — a shapefile's parts stay
 * together, every other file is its own group — so one bad file does not stop the others.
 */
export function groupImportSources<T extends { name: string }>(sources: T[]): T[][] {
  const groups = new Map<string, T[]>();
  const out: T[][] = [];
  for (const s of sources) {
    const ext = extensionOf(s.name);
    if (SHAPEFILE_PARTS.has(ext)) {
      const key = s.name.replace(/\.[^./\\]+$/, '').toLowerCase();
      let g = groups.get(key);
      if (!g) {
        g = [];
        groups.set(key, g);
        out.push(g);
      }
      g.push(s);
    } else out.push([s]);
  }
  return out;
}
