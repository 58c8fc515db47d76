/**
 * `shanshui import FILE… [--from-crs EPSG:nnnn|gcj02] > out.geojson`
 *
 * Writes the file's features as one WGS84 GeoJSON FeatureCollection to stdout. A `.shp` brings
 * its `.dbf`, `.prj` and `.cpg` from the same folder. A projected file without `.prj` converts
 * when the easting carries the zone number; otherwise the command exits with code 2 and says
 * which CRSs it looks like and how to pass `--from-crs`. Bad input: exit code 2 and one line on
 * stderr (no stack trace); warnings are extra `warning:` lines on success.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { importBatch } from '../import/importBatch.ts';
import { formatImportMessage, type MessageLanguage } from '../import/messages.ts';
import { descriptionText } from '../import/text.ts';
import { headingInBothLanguages } from '../i18n/bothLanguages.ts';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { terminalText } from './terminalText.ts';
import type { CrsGuess, FileFailure, ImportFileInput, ImportMessage, ImportResult } from '../import/types.ts';
import { IMPORT_HELP } from './commandHelp.ts';
import { helpText } from './helpText.ts';

/** Changzhi's bounds (data/changzhi/pack.json): ranks CRS candidates, never picks one. */
const DEFAULT_REGION: [number, number, number, number] = [111.929, 35.773, 113.781, 37.175];


interface CliOptions {
  files: string[];
  fromCrs?: string;
  ignorePrj: boolean;
  layer?: string;
  region: [number, number, number, number];
  textDescriptions: boolean;
  lang: MessageLanguage | 'both';
  help: boolean;
}

/** Bad arguments or files: one line, in the language asked for (both before --lang is read). */
class UsageError extends Error {
  readonly zh: string;
  readonly en: string;

  constructor(key: MessageKey, params?: MessageParams, file?: string) {
    const zh = translate('zh', key, params);
    const en = translate('en', key, params);
    const prefix = file === undefined ? '' : `${file}: `;
    super(`${prefix}${zh} / ${prefix}${en}`);
    this.zh = `${prefix}${zh}`;
    this.en = `${prefix}${en}`;
  }
}

function parseArgs(args: string[]): CliOptions {
  const o: CliOptions = { files: [], ignorePrj: false, region: DEFAULT_REGION, textDescriptions: false, lang: 'both', help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError('cli.usage.needsValue', { option: a.split('=')[0] });
      return v;
    };
    const name = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    switch (name) {
      case '-h':
      case '--help':
        o.help = true;
        break;
      case '--from-crs':
        o.fromCrs = value();
        break;
      case '--ignore-prj':
        o.ignorePrj = true;
        break;
      case '--layer':
        o.layer = value();
        break;
      case '--region': {
        const parts = value().split(',').map(Number);
        if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v))) throw new UsageError('cli.usage.region');
        o.region = parts as [number, number, number, number];
        break;
      }
      case '--text-descriptions':
        o.textDescriptions = true;
        break;
      case '--lang': {
        const v = value();
        if (v !== 'zh' && v !== 'en') throw new UsageError('cli.usage.lang');
        o.lang = v;
        break;
      }
      default:
        if (a === '-') throw new UsageError('cli.usage.stdin');
        if (a.startsWith('-')) throw new UsageError('cli.usage.unknownOption', { option: a });
        o.files.push(a);
    }
  }
  return o;
}

/**
 * Reads a regular file. Devices, FIFOs and folders are refused before opening them (reading a FIFO
 * or /dev/zero would block or never end) — the main file and every sidecar alike.
 */
function readRegularFile(path: string): Buffer {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError('cli.usage.noSuchFile', undefined, path);
  }
  if (!stat.isFile()) throw new UsageError('cli.usage.notRegularFile', undefined, path);
  return readFileSync(path);
}

/** The file plus, for a .shp, its sidecars found in the same folder (any letter case). */
function readInputs(path: string): ImportFileInput[] {
  const inputs: ImportFileInput[] = [{ name: basename(path), bytes: readRegularFile(path) }];
  if (extname(path).toLowerCase() === '.shp') {
    const dir = dirname(path);
    const stem = basename(path, extname(path)).toLowerCase();
    for (const entry of readdirSync(dir)) {
      const ext = extname(entry).toLowerCase();
      if (basename(entry, extname(entry)).toLowerCase() === stem && ['.dbf', '.prj', '.cpg'].includes(ext)) {
        inputs.push({ name: entry, bytes: readRegularFile(join(dir, entry)) });
      }
    }
  }
  return inputs;
}

function candidateText(candidates: CrsGuess[] | undefined, lang: MessageLanguage): string {
  if (!candidates?.length) return '';
  const inside = candidates.filter((c) => c.insideRegion);
  const shown = (inside.length ? inside : candidates).slice(0, 3);
  const list = shown
    .map((c) => (c.center ? translate(lang, 'cli.import.candidateNear', { crs: c.crs, label: c.label[lang], x: c.center[0], y: c.center[1] }) : translate(lang, 'cli.import.candidate', { crs: c.crs, label: c.label[lang] })))
    .join('; ');
  return translate(lang, 'cli.import.likely', { list });
}

const WITH_CANDIDATES = ['crs-needs-confirmation', 'crs-declared-mismatch', 'crs-unknown', 'reprojection-failed', 'gcj02-not-lonlat'];

/** The message without the file it names (the CLI puts the path it was given in front). */
function withoutFile(message: ImportMessage): ImportMessage {
  if (message.params?.file === undefined) return message;
  const { file: _file, ...params } = message.params;
  return { ...message, params };
}

function errorText(result: Pick<Extract<ImportResult, { ok: false }>, 'error' | 'candidates'>, lang: MessageLanguage): string {
  const text = formatImportMessage(withoutFile(result.error), lang, 'cli');
  return WITH_CANDIDATES.includes(result.error.code) ? text + candidateText(result.candidates, lang) : text;
}

/** The path given on the command line for a failed file of a batch. */
function pathOf(failure: FileFailure, files: string[]): string {
  return files.find((f) => failure.files.includes(basename(f))) ?? failure.files[0];
}

/** One line in the chosen language, or "中文 / English" (the project's CLI convention). */
function inLanguage(lang: CliOptions['lang'], render: (l: MessageLanguage) => string): string {
  return (lang === 'both' ? `${render('zh')} / ${render('en')}` : render(lang)).replace(/\s+/g, ' ').trim();
}

async function writeOut(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= 1 << 20) {
      const ok = stream.write(buffer);
      buffer = '';
      if (!ok) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) => stream.write(buffer, (error) => (error ? reject(error) : resolve())));
}

function* featureCollectionJson(features: unknown[]): Generator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  for (let i = 0; i < features.length; i++) yield (i ? ',\n' : '') + JSON.stringify(features[i]);
  yield '\n]}\n';
}

export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Runs `shanshui import`; resolves to the exit code. */
export async function run(args: string[], streams: CliStreams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const say = (line: string) => streams.stderr.write(`${terminalText(line.replace(/\s+/g, ' ').trim())}\n`);
  let options: CliOptions;
  try {
    options = parseArgs(args);
  } catch (error) {
    say(`shanshui: ${(error as Error).message} (shanshui import --help)`);
    return 2;
  }
  if (options.help) {
    streams.stdout.write(`${helpText(IMPORT_HELP, options.lang === 'both' ? undefined : [options.lang])}\n`);
    return 0;
  }
  const lang = options.lang;
  if (options.files.length === 0) {
    say(`shanshui: ${inLanguage(lang, (l) => translate(l, 'cli.usage.noInput'))}`);
    return 2;
  }
  const fileLabel = options.files.length === 1 ? `${options.files[0]}: ` : '';
  try {
    const inputs = options.files.flatMap(readInputs);
    // Each file imports on its own: a broken one is reported and the others are still written.
    const result = await importBatch(inputs, {
      ...(options.fromCrs ? { fromCrs: options.fromCrs } : {}),
      overrideDeclaredCrs: options.ignorePrj,
      regionHint: options.region,
    });
    if (!result.ok) {
      for (const failure of result.failures ?? [{ files: options.files, ...result }]) {
        const label = options.files.length === 1 ? fileLabel : `${pathOf(failure, options.files)}: `;
        say(`shanshui: ${label}${inLanguage(lang, (l) => errorText(failure, l))}`);
      }
      return result.error.code === 'internal-error' ? 1 : 2;
    }
    for (const failure of result.failures ?? []) say(`shanshui: ${pathOf(failure, options.files)}: ${inLanguage(lang, (l) => errorText(failure, l))}`);
    let layers = result.layers;
    if (options.layer !== undefined) {
      layers = layers.filter((l) => l.name === options.layer);
      if (layers.length === 0) {
        const names = result.layers.map((l) => l.name).join(', ');
        say(`shanshui: ${fileLabel}${inLanguage(lang, (l) => translate(l, 'cli.import.noLayer', { layer: options.layer ?? '', names }))}`);
        return 2;
      }
    }
    const warnings: ImportMessage[] = layers.flatMap((l) => l.warnings);
    for (const w of warnings) say(`shanshui: ${headingInBothLanguages('cli.import.warning')}: ${fileLabel}${inLanguage(lang, (l) => formatImportMessage(options.files.length === 1 ? withoutFile(w) : w, l, 'cli'))}`);
    if (layers.length > 1) {
      const names = layers.map((l) => l.name).join(', ');
      say(
        `shanshui: ${inLanguage(lang, (l) => translate(l, 'cli.import.layersTogether', { count: layers.length, names }))}`,
      );
    }
    const features = layers.flatMap((l) => l.data.features);
    if (options.textDescriptions) {
      for (const f of features) {
        const d = f.properties?.description;
        if (typeof d === 'string') f.properties.description = descriptionText(d);
      }
    }
    await writeOut(streams.stdout, featureCollectionJson(features));
    return result.failures?.length ? 2 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      say(`shanshui: ${inLanguage(lang, (l) => error[l])}`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
    say(`shanshui: ${headingInBothLanguages('cli.internalError')}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
    return 1;
  }
}
