/**
 * The user's imported layers without React or the DOM (issue 7, issue 11): importing files through
 * the import worker, the coordinate-system and repeat questions, keeping the layers in the store
 * and bringing them back on reload, their settings, removal and the GCJ-02 correction. The
 * workspace (panel, statistics, measuring) and the map are told through small interfaces;
 * ImportsProvider creates this controller and subscribes to it (useSyncExternalStore).
 *
 * Promises made here (and tested in importController.test.ts with real files and converters):
 * - a failed or cancelled import changes nothing that is open: layers are only added once the
 *   importer has returned them whole, and a replaced layer leaves the store only once its
 *   replacement is stored;
 * - every failed write (a new layer, its settings, a removal) is a message naming the layer and
 *   its file; a layer or settings change not stored stays on the page marked unsaved, and
 *   `retrySave` writes it again — nothing is dropped;
 * - the map is asked once when it has drawn a layer (its own events, no polling).
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { DecodedLayer, DecodeOptions } from '../workers/decodeLayerJson.ts';
import { layerGeometryOf, loadedLayerOf, newImportId, nextImportColour, recordFromImport, type Bbox, type ImportedData, type ImportRecord } from '../store/importedLayer.ts';
import type { ImportStore } from '../store/importStore.ts';
import type { UnusableFeatures } from '../geo/usableGeometry.ts';
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import { isLonLatCrs } from '../import/crs/lonLat.ts';
import type { Gcj02Hint } from '../import/crs/suggestGcj02.ts';
import type { ImportSource } from '../import/importFiles.ts';
import { findSameImport } from '../import/sameImport.ts';
import type { CrsGuess, FileFailure, ImportMessage, ImportProgress } from '../import/types.ts';
import type { TakenLayer, TileSourceInfo, WorkerImportedLayer, WorkerImportOptions, WorkerImportResult } from '../import/workerApi.ts';
import { findRegionLayer } from '../pack/roles.ts';
import type { LoadedLayer, LocalText } from '../pack/types.ts';
import { storeErrorOf } from '../store/storeError.ts';
import { Observable } from './observable.ts';

/** A text to show: one of the importer's messages or a UI message. Rendered in the current language. */
export type NoticeText =
  | { importMessage: ImportMessage }
  /** `localParams` are filled in the language shown (e.g. a CRS label). */
  | { key: MessageKey; params?: MessageParams; localParams?: Record<string, LocalText> };

export interface Notice {
  kind: 'error' | 'info';
  text: NoticeText;
  /** Warnings that came with an import. */
  details?: NoticeText[];
}

export interface ImportBusy {
  stage: ImportProgress['stage'];
  fraction: number;
  file: string;
  /** Cancellable until the worker is done (then the layer is being shown). */
  cancellable: boolean;
}

/** An import waiting for the user to choose the coordinate system. */
export interface PendingCrs {
  sources: ImportSource[];
  error: ImportMessage;
  candidates: CrsGuess[];
  layerName?: string;
  /** The file declares a CRS that does not fit: the choice must override it. */
  overrideDeclared: boolean;
  /** Open layers the new import replaces (choosing the datum again after a zone-prefix guess). */
  replaces?: string[];
}

export type RepeatChoice = 'replace' | 'both' | 'cancel';

/** The last import, for choosing its coordinate system again after a guess. */
interface LastImport {
  sources: ImportSource[];
  ids: string[];
  /** The zone-prefix guess the importer made (CGCS2000 assumed), when it made one. */
  guess?: CrsGuess;
  warning?: ImportMessage;
}

/** What of a layer the store has not confirmed: the layer itself, or its latest settings. */
export interface UnsavedLayer {
  what: 'layer' | 'settings';
  reason: string;
}

export interface ImportEntry {
  record: ImportRecord;
  /** The features: null while a tiled layer's are still on their way from the worker. */
  data: ImportedData | null;
  tiles?: TileSourceInfo;
  /** Features the statistics cannot use; undefined until the features are checked. */
  unusable?: UnusableFeatures;
  /** The layer as drawn on the map (from the start: GeoJSON or tiles). */
  loaded: LoadedLayer;
  /** While a replacement (GCJ-02 correction) is read: the version the workspace keeps meanwhile. */
  previous?: LoadedLayer;
}

export interface ImportState {
  entries: readonly ImportEntry[];
  busy: ImportBusy | null;
  notice: Notice | null;
  pendingCrs: PendingCrs | null;
  /** Names of the open layers an import repeats, while the user chooses (`answerRepeat`). */
  pendingRepeat: { names: string[] } | null;
  gcjHints: Readonly<Record<string, Gcj02Hint>>;
  /** Layers being corrected from GCJ-02. */
  correcting: ReadonlySet<string>;
  persistent: boolean;
  /** Per layer: what is on the page but not in the store (and why). */
  unsaved: Readonly<Record<string, UnsavedLayer>>;
  /** The last import's CRS was guessed from the zone prefix (see `rechooseCrs`). */
  canRechooseCrs: boolean;
  /** The layers kept from earlier visits are back (or failed): from then on, visibility is kept. */
  restored: boolean;
}

/** The import worker as the controller uses it (src/workers/importClient.ts). */
export interface ImportWorker {
  importFiles(files: ImportSource[], options?: WorkerImportOptions & { onProgress?: (progress: ImportProgress) => void; signal?: AbortSignal }): Promise<WorkerImportResult>;
  /** A tiled layer's UTF-8 GeoJSON and packed features (once), or null. */
  takeLayer(indexId: string): Promise<TakenLayer | null>;
  dropTileIndex(indexId: string): Promise<void>;
}

/** The workspace the imported layers join (panel, statistics, measuring). */
export interface ImportWorkspace {
  /** The imported layers that are read and checked (the panel, statistics and measuring use them). */
  setLayers(layers: LoadedLayer[]): void;
  setVisible(layerId: string, visible: boolean): void;
  /** A removed layer: its features are no longer selected or picked. */
  forget(layerId: string): void;
}

/** The map, as far as importing needs it. */
export interface ImportMap {
  /** Resolves once the map has the layer's source and has drawn it (or gave up waiting). */
  whenDrawn(layerId: string): Promise<void>;
  fitBounds(bbox: Bbox): void;
}

export interface ImportControllerOptions {
  worker: ImportWorker;
  openStore: () => Promise<ImportStore>;
  workspace: ImportWorkspace;
  /** The map once there is one. */
  map: () => ImportMap | null;
  /** Reads and checks a layer's GeoJSON bytes (decodeLayerJson: in a worker where there is one). */
  decode: (bytes: ArrayBuffer, options: DecodeOptions) => Promise<DecodedLayer>;
  /** The pack's layers (the GCJ-02 hint compares lon/lat data with them). */
  packLayers: readonly LoadedLayer[];
  /** The pack's bounds: the importer's hint for coordinates without a declared system. */
  regionHint?: Bbox;
  /** Which imported layers the user hid (kept across reloads). */
  hidden: { load(): Set<string>; save(ids: string[]): void };
  now?: () => number;
  makeId?: () => string;
  /** Marks the moments the bench and the browser tests time (performance.mark on the page). */
  mark?: (name: 'shanshui:import-start' | 'shanshui:import-drawn', detail?: string) => void;
}

/** Error codes the coordinate-system dialog answers (their text says "choose it in the dialog"). */
const CRS_DIALOG_CODES = new Set<string>(['crs-needs-confirmation', 'crs-declared-mismatch', 'crs-undetectable', 'crs-unknown', 'reprojection-failed', 'gcj02-not-lonlat']);
const OVERRIDE_CODES = new Set<string>(['crs-declared-mismatch', 'reprojection-failed', 'gcj02-not-lonlat']);

/** Read and checked: the layer can be listed, counted and measured. */
const isReady = (e: ImportEntry) => Boolean(e.data && e.unusable);

function sourceName(source: ImportSource): string {
  return (source as { name: string }).name;
}

/** The file a layer came from: the one whose base name is the layer's, else all of them. */
function fileNameFor(layer: WorkerImportedLayer, sources: ImportSource[]): string {
  const names = sources.map(sourceName);
  if (names.length === 1) return names[0];
  const base = (n: string) => n.replace(/\.[^.]+$/, '');
  const matching = names.filter((n) => base(n) === layer.name);
  const data = matching.find((n) => !/\.(dbf|shx|prj|cpg|sbn|sbx|xml|qix)$/i.test(n));
  return data ?? matching[0] ?? names.join(', ');
}

/**
 * The source as handed to the worker, which takes byte buffers over (transfers them): bytes are
 * copied, as the sources are kept for a second try (choosing the coordinate system, again after a
 * guess). Files (Blobs) are read by the worker and stay usable as they are.
 */
function keptSource(source: ImportSource): ImportSource {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source;
  const { name, bytes } = source as { name: string; bytes: Uint8Array | ArrayBuffer };
  return { name, bytes: bytes.slice(0) };
}

function wholeBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

/**
 * Frees a buffer's memory now (ArrayBuffer.prototype.transfer to zero length detaches it): an
 * idle page collects garbage rarely, and a large layer's GeoJSON bytes are tens of MB. Where the
 * method is missing (older browsers, Node 20) the buffer waits for the garbage collector.
 */
function releaseBuffer(buffer: ArrayBuffer): void {
  (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
}

function jsonBytes(data: ImportedData): ArrayBuffer {
  return wholeBuffer(new TextEncoder().encode(JSON.stringify(data)));
}

function unionBbox(boxes: (Bbox | undefined)[]): Bbox | undefined {
  const present = boxes.filter((b): b is Bbox => !!b);
  if (!present.length) return undefined;
  return [Math.min(...present.map((b) => b[0])), Math.min(...present.map((b) => b[1])), Math.max(...present.map((b) => b[2])), Math.max(...present.map((b) => b[3]))];
}

function entryOf(record: ImportRecord, data: ImportedData | null, tiles?: TileSourceInfo, unusable?: UnusableFeatures, previous?: LoadedLayer): ImportEntry {
  return {
    record,
    data,
    ...(tiles ? { tiles } : {}),
    ...(unusable ? { unusable } : {}),
    ...(previous ? { previous } : {}),
    loaded: loadedLayerOf(record, data, tiles, unusable?.indexes),
  };
}

function without<V>(map: Readonly<Record<string, V>>, id: string): Record<string, V> {
  if (!(id in map)) return map;
  const { [id]: _gone, ...rest } = map;
  return rest;
}

function reasonOf(error: unknown): string {
  return storeErrorOf(error).message;
}

/**
 * The reference lines for the GCJ-02 hint: the pack's regions layer (its role, not its id) and
 * every other feature drawn from a published or surveyed source (a schematic shape placed by
 * hand says nothing about a datum offset of a few hundred metres).
 */
function gcjReference(layers: readonly LoadedLayer[]): FeatureCollection<Geometry | null> {
  const regions = findRegionLayer(layers);
  return {
    type: 'FeatureCollection',
    features: layers.flatMap((l) => (l === regions ? l.data.features : l.data.features.filter((f) => f.properties?.precision !== undefined && f.properties.precision !== 'schematic'))),
  };
}

export class ImportController extends Observable<ImportState> {
  private readonly options: ImportControllerOptions;
  private store: Promise<ImportStore> | null = null;
  private abort: AbortController | null = null;
  /** The record last written to the store, per layer (only layers whose data are stored). */
  private readonly stored = new Map<string, ImportRecord>();
  /** Writes per layer run one after another, so an older record never lands after a newer one. */
  private readonly writes = new Map<string, Promise<unknown>>();
  private repeatAnswer: ((choice: RepeatChoice) => void) | null = null;
  private lastImport: LastImport | null = null;
  private shown: LoadedLayer[] = [];
  private disposed = false;

  constructor(options: ImportControllerOptions) {
    super({
      entries: [],
      busy: null,
      notice: null,
      pendingCrs: null,
      pendingRepeat: null,
      gcjHints: {},
      correcting: new Set(),
      persistent: true,
      unsaved: {},
      canRechooseCrs: false,
      restored: false,
    });
    this.options = options;
  }

  // ---- state helpers ----------------------------------------------------------------------------

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private getStore(): Promise<ImportStore> {
    return (this.store ??= this.options.openStore());
  }

  private setEntries(change: (entries: readonly ImportEntry[]) => readonly ImportEntry[]): void {
    this.update((s) => ({ entries: change(s.entries) }));
    // The workspace gets a layer once its features are read and checked: every change of its
    // layers recomputes the statistics, so it changes once per layer.
    const next = this.getState().entries.flatMap((e) => (isReady(e) ? [e.loaded] : e.previous ? [e.previous] : []));
    if (next.length === this.shown.length && next.every((l, i) => l === this.shown[i])) return;
    this.shown = next;
    this.options.workspace.setLayers(next);
  }

  private entry(id: string): ImportEntry | undefined {
    return this.getState().entries.find((e) => e.record.id === id);
  }

  private say(notice: Notice | null): void {
    this.update({ notice });
  }

  private setHint(id: string, hint: Gcj02Hint | undefined): void {
    this.update((s) => ({ gcjHints: hint ? { ...without(s.gcjHints, id), [id]: hint } : without(s.gcjHints, id) }));
  }

  private setUnsaved(id: string, unsaved: UnsavedLayer | null): void {
    this.update((s) => ({ unsaved: unsaved ? { ...s.unsaved, [id]: unsaved } : without(s.unsaved, id) }));
  }

  /** Runs `write` after the layer's earlier writes (whatever their outcome). */
  private queue<R>(id: string, write: () => Promise<R>): Promise<R> {
    const run = (this.writes.get(id) ?? Promise.resolve()).then(write, write);
    this.writes.set(id, run.catch(() => undefined));
    return run;
  }

  private decode(record: ImportRecord, bytes: ArrayBuffer, data: ImportedData | undefined, transfer: boolean, taken?: TakenLayer): Promise<DecodedLayer> {
    return this.options.decode(bytes, {
      ...(data ? { data } : {}),
      ...(taken ? { packed: { packed: taken.packed, properties: taken.properties } } : {}),
      transfer,
      ...(isLonLatCrs(record.sourceCrs)
        ? { gcj: { name: `${record.name} ${record.fileName}`, sourceCrs: record.sourceCrs, propertyKeys: record.propertyKeys, reference: gcjReference(this.options.packLayers) } }
        : {}),
    });
  }

  // ---- loading ----------------------------------------------------------------------------------

  private loading: Promise<void> | null = null;

  /** Brings back the layers kept from earlier visits (tiled ones re-cut in the import worker). Runs once. */
  load(): Promise<void> {
    return (this.loading ??= this.restoreAll());
  }

  private async restoreAll(): Promise<void> {
    const hidden = this.options.hidden.load();
    const s = await this.getStore();
    this.update({ persistent: s.persistent });
    let records: ImportRecord[];
    try {
      records = await s.list();
    } catch (error) {
      // Unreadable is not empty: the layers stay stored, and the user is told they are not shown.
      this.say({ kind: 'error', text: { key: 'import.listFailed', params: { reason: reasonOf(error) } } });
      records = [];
    }
    for (const record of records) {
      if (this.disposed) return;
      // undefined: unreadable (kept, and said); null: no data stored.
      const bytes = await s.getData(record.id).catch(() => undefined);
      if (this.disposed) return;
      if (bytes === undefined) {
        this.say({ kind: 'error', text: { key: 'import.restoreFailed', params: { name: record.name, file: record.fileName } } });
        continue;
      }
      if (bytes === null) {
        // A record whose data are gone (removed in another tab while this one renamed it, in
        // older versions): it can never be shown, so it is removed, with one message.
        try {
          await s.remove(record.id);
          this.say({ kind: 'error', text: { key: 'import.orphanRemoved', params: { name: record.name } } });
        } catch (error) {
          this.say({ kind: 'error', text: { key: 'import.removeNotSaved', params: { name: record.name, file: record.fileName, reason: reasonOf(error) } } });
        }
        continue;
      }
      try {
        await this.restore(record, bytes, !hidden.has(record.id));
      } catch {
        if (!this.disposed) this.say({ kind: 'error', text: { key: 'import.restoreFailed', params: { name: record.name, file: record.fileName } } });
      }
    }
    if (!this.disposed) this.update({ restored: true });
  }

  private async restore(record: ImportRecord, bytes: ArrayBuffer, visible: boolean): Promise<void> {
    this.options.workspace.setVisible(record.id, visible);
    this.stored.set(record.id, record);
    const sorted = (entries: readonly ImportEntry[], entry: ImportEntry) => [...entries.filter((e) => e.record.id !== record.id), entry].sort((a, b) => a.record.order - b.record.order);
    if (!record.tiled) {
      const { data, unusable, gcjHint } = await this.decode(record, bytes, undefined, true);
      if (this.disposed) return;
      this.setEntries((current) => sorted(current, entryOf(record, data, undefined, unusable)));
      this.setHint(record.id, gcjHint);
      return;
    }
    // Re-cut the tiles from the stored bytes: handing the worker bytes costs the page nothing,
    // where building the index from the collection would structured-clone it on the main thread.
    // The bytes were read for this alone (the store keeps its own): handed over, not copied.
    const result = await this.options.worker.importFiles([{ name: `${record.name}.geojson`, bytes }], { tiles: 'always', returnData: 'none', fromCrs: 'EPSG:4326' });
    if (this.disposed) return;
    if (!result.ok || !result.layers[0]?.tiles) throw new Error('re-tiling failed');
    const tiles = result.layers[0].tiles;
    if (result.layers[0].featureCount !== record.featureCount) throw new Error('feature count changed');
    this.setEntries((current) => sorted(current, entryOf(record, null, tiles)));
    // Taking the layer's GeoJSON back lets the worker that parsed it end (its tiles move, see
    // importClient); the page checks and keeps those bytes instead of a second copy of the stored ones.
    const taken = await this.options.worker.takeLayer(tiles.indexId);
    if (this.disposed) return;
    if (!taken) throw new Error('the re-tiled layer gave no data');
    const json = wholeBuffer(taken.json);
    const { data, unusable, gcjHint } = await this.decode(record, json, undefined, true, taken);
    // Read back for the checks alone (the store has its own): released at once.
    releaseBuffer(json);
    if (this.disposed) return;
    this.setEntries((current) => current.map((e) => (e.record.id === record.id && e.tiles?.indexId === tiles.indexId ? entryOf(e.record, data, tiles, unusable) : e)));
    this.setHint(record.id, gcjHint);
  }

  // ---- importing --------------------------------------------------------------------------------

  /** Imports files (dropped or chosen). Resolves once the import has been answered (layers shown or a message). */
  importFiles = (files: ImportSource[]): Promise<void> => this.run(files);

  cancel = (): void => this.abort?.abort();

  dismissNotice = (): void => this.say(null);

  /** The user's answer to "this file is open already". */
  answerRepeat = (choice: RepeatChoice): void => {
    const answer = this.repeatAnswer;
    this.repeatAnswer = null;
    this.update({ pendingRepeat: null });
    answer?.(choice);
  };

  confirmCrs = (fromCrs: string): Promise<void> => {
    const pending = this.getState().pendingCrs;
    if (!pending) return Promise.resolve();
    this.update({ pendingCrs: null });
    return this.run(pending.sources, { fromCrs, ...(pending.overrideDeclared ? { overrideDeclaredCrs: true } : {}) }, pending.replaces);
  };

  cancelCrs = (): void => {
    this.update({ pendingCrs: null, notice: { kind: 'info', text: { importMessage: { code: 'cancelled' } } } });
  };

  /** Opens the coordinate-system dialog for the last import, whose CRS was guessed from the zone prefix. */
  rechooseCrs = (): void => {
    const last = this.lastImport;
    if (!last?.guess || !last.warning || last.ids.length === 0) return;
    this.update({ pendingCrs: { sources: last.sources, error: last.warning, candidates: [last.guess], overrideDeclared: true, replaces: last.ids } });
  };

  /** The first failed file of a batch that needs a coordinate system: the dialog, for that file alone. */
  private askCrs(failures: FileFailure[], sources: ImportSource[]): void {
    const failure = failures.find((f) => CRS_DIALOG_CODES.has(f.error.code));
    if (!failure) return;
    this.update({
      pendingCrs: {
        sources: sources.filter((s) => failure.files.includes(sourceName(s))),
        error: failure.error,
        candidates: failure.candidates ?? [],
        ...(failure.layerName ? { layerName: failure.layerName } : {}),
        overrideDeclared: OVERRIDE_CODES.has(failure.error.code),
      },
    });
  }

  private async run(sources: ImportSource[], extra: Pick<WorkerImportOptions, 'fromCrs' | 'overrideDeclaredCrs'> = {}, replacing: string[] = []): Promise<void> {
    const worker = this.options.worker;
    if (this.abort) {
      this.say({ kind: 'info', text: { key: 'import.busy' } });
      return;
    }
    const controller = new AbortController();
    this.abort = controller;
    const names = sources.map(sourceName).join(', ');
    this.update({ notice: null, busy: { stage: 'read', fraction: 0, file: names, cancellable: true } });
    this.options.mark?.('shanshui:import-start');
    let result: WorkerImportResult;
    try {
      result = await worker.importFiles(sources.map(keptSource), {
        ...(this.options.regionHint ? { regionHint: this.options.regionHint } : {}),
        signal: controller.signal,
        onProgress: (p) => this.update((s) => (s.busy ? { busy: { ...s.busy, stage: p.stage, fraction: p.fraction, file: p.file ?? s.busy.file, cancellable: p.stage !== 'done' } } : {})),
        ...extra,
      });
    } catch (error) {
      result = { ok: false, error: { code: 'internal-error', params: { detail: String(error).slice(0, 200) } } };
    } finally {
      this.abort = null;
      this.update({ busy: null });
    }
    if (this.disposed) return;
    if (!result.ok && result.failures && result.failures.length > 1) {
      // Every file of a batch failed: each says why; a coordinate system to choose is asked after.
      this.askCrs(result.failures, sources);
      this.say({ kind: 'error', text: { key: 'import.failedFiles', params: { count: result.failures.length } }, details: result.failures.map((f) => ({ importMessage: f.error })) });
      return;
    }
    if (!result.ok) {
      if (CRS_DIALOG_CODES.has(result.error.code)) {
        this.update({
          pendingCrs: {
            sources,
            error: result.error,
            candidates: result.candidates ?? [],
            ...(result.layerName ? { layerName: result.layerName } : {}),
            overrideDeclared: OVERRIDE_CODES.has(result.error.code),
          },
        });
      } else {
        this.say({ kind: result.error.code === 'cancelled' ? 'info' : 'error', text: { importMessage: result.error } });
      }
      return;
    }
    const failures = result.failures ?? [];
    this.askCrs(failures, sources);
    let replaces = replacing;
    // The same file again: ask before doubling the layer and its statistics columns.
    const repeated = result.layers
      .map((layer) => findSameImport(this.getState().entries.map((e) => e.record), { ...layer, fileName: fileNameFor(layer, sources) }))
      .filter((r): r is ImportRecord => r !== undefined && !replaces.includes(r.id));
    if (repeated.length) {
      const choice = await new Promise<RepeatChoice>((resolve) => {
        this.repeatAnswer = resolve;
        this.update({ pendingRepeat: { names: repeated.map((r) => r.name) } });
      });
      if (choice === 'cancel') {
        for (const layer of result.layers) if (layer.tiles) await worker.dropTileIndex(layer.tiles.indexId).catch(() => undefined);
        this.say({ kind: 'info', text: { importMessage: { code: 'cancelled' } } });
        return;
      }
      if (choice === 'replace') replaces = [...replaces, ...repeated.map((r) => r.id)];
    }
    // Replaced layers leave the page now, and the store once their replacements are stored.
    const replaced = replaces.flatMap((id) => {
      const e = this.entry(id);
      return e ? [e] : [];
    });
    for (const e of replaced) this.removeFromPage(e);
    const now = this.now();
    const existing = this.getState().entries;
    const used = existing.map((e) => e.record.color);
    let order = existing.reduce((max, e) => Math.max(max, e.record.order), 0);
    const adopted: ImportRecord[] = [];
    const adopting: Promise<boolean>[] = [];
    for (const layer of result.layers) {
      const color = nextImportColour(used);
      used.push(color);
      const record = recordFromImport(layer, { id: this.options.makeId?.() ?? newImportId(), fileName: fileNameFor(layer, sources), color, order: ++order, importedAt: now });
      adopted.push(record);
      this.options.workspace.setVisible(record.id, true);
      adopting.push(this.adopt(record, layer));
    }
    const first = adopted[0];
    const guessed = result.layers.find((l) => l.detected?.reason === 'zone-prefix');
    const guessWarning = result.warnings.find((w) => w.code === 'crs-assumed-cgcs2000');
    this.lastImport = { sources, ids: adopted.map((r) => r.id), ...(guessed?.detected ? { guess: guessed.detected } : {}), ...(guessWarning ? { warning: guessWarning } : {}) };
    this.update({
      canRechooseCrs: Boolean(guessed?.detected && guessWarning && adopted.length),
      notice: {
        kind: failures.length ? 'error' : 'info',
        text: failures.length
          ? { key: 'import.partial', params: { count: adopted.length, names: adopted.map((r) => r.name).join('、'), failed: failures.length } }
          : adopted.length === 1
            ? { key: 'import.doneOne', params: { name: first.name, features: first.featureCount.toLocaleString('en') }, localParams: { crs: first.sourceCrsLabel } }
            : { key: 'import.done', params: { count: adopted.length, names: adopted.map((r) => r.name).join('、') } },
        // Each file that did not import says why, before the warnings of those that did.
        details: [...failures.map((f) => ({ importMessage: f.error })), ...result.warnings.map((w) => ({ importMessage: w }))],
      },
    });
    const bounds = unionBbox(adopted.map((r) => r.bbox));
    if (bounds) this.options.map()?.fitBounds(bounds);
    const stored = await Promise.all(adopting);
    // A replaced layer leaves the store once every new one is stored; otherwise it stays there
    // (and comes back after a reload) rather than leave the user with neither.
    if (stored.every(Boolean)) for (const e of replaced) await this.removeFromStore(e.record);
  }

  /**
   * Takes a layer the importer returned into the page (new, or replacing `record.id`): drawn at
   * once (GeoJSON, or the worker's tiles), stored, then its features read (tiled layers) and
   * checked in a worker; only then the panel, statistics and measuring get it. Resolves with
   * whether the layer is stored.
   */
  private async adopt(record: ImportRecord, layer: WorkerImportedLayer, replacing?: ImportEntry): Promise<boolean> {
    const worker = this.options.worker;
    const data = layer.data ?? null;
    this.setEntries((current) => {
      const next = entryOf(record, data, layer.tiles, undefined, replacing && (isReady(replacing) ? replacing.loaded : replacing.previous));
      return replacing ? current.map((e) => (e.record.id === record.id ? next : e)) : [...current, next];
    });
    if (replacing?.tiles) await worker.dropTileIndex(replacing.tiles.indexId).catch(() => undefined);
    // Drawing comes first: the features are read once the map shows the layer.
    await this.options.map()?.whenDrawn(record.id);
    this.options.mark?.('shanshui:import-drawn', record.id);
    let bytes: ArrayBuffer | null;
    // A tiled layer's features come packed with its GeoJSON: kept so, not parsed again.
    let taken: TakenLayer | null = null;
    try {
      if (layer.tiles) taken = await worker.takeLayer(layer.tiles.indexId);
      bytes = data ? jsonBytes(data) : taken ? wholeBuffer(taken.json) : null;
    } catch (error) {
      this.say({ kind: 'error', text: { key: 'import.readFailed', params: { name: record.name, file: record.fileName, reason: String(error) } } });
      return false;
    }
    if (!bytes || this.disposed) return false;
    const s = await this.getStore();
    this.update({ persistent: s.persistent });
    const stored = await this.storeLayer(record.id, bytes);
    // Stored in IndexedDB (its own copy) and kept packed (the checks read the packed arrays, not
    // these bytes): the GeoJSON bytes go now, before the checks and statistics take their memory,
    // not whenever the idle page next collects garbage.
    const released = Boolean(taken && stored && s.persistent);
    if (released) releaseBuffer(bytes);
    // The features are checked (and, for a tiled layer, read) in a worker; then they count. The
    // store keeps a copy (IndexedDB): the worker may have the bytes themselves; an in-memory
    // store or a failed write keeps this very buffer, so it is copied then.
    let decoded: DecodedLayer;
    try {
      decoded = await this.decode(record, bytes, data ?? undefined, stored && s.persistent && !released, taken ?? undefined);
    } catch (error) {
      this.say({ kind: 'error', text: { key: 'import.readFailed', params: { name: record.name, file: record.fileName, reason: String(error) } } });
      return stored;
    }
    if (this.disposed) return stored;
    const geometry = data ? record.geometry : layerGeometryOf(decoded.data);
    this.setEntries((current) =>
      current.map((e) =>
        e.record.id === record.id && e.tiles?.indexId === layer.tiles?.indexId && (!data || e.data === data) ? entryOf({ ...e.record, geometry }, decoded.data, e.tiles, decoded.unusable) : e,
      ),
    );
    this.setHint(record.id, decoded.gcjHint);
    // A geometry learnt from the features is a setting like the others: kept.
    if (geometry !== record.geometry && stored) await this.saveSettings(record.id);
    return stored;
  }

  /** Writes a layer (its current record and `bytes`); a failure keeps it on the page, marked unsaved. */
  private storeLayer(id: string, bytes: ArrayBuffer): Promise<boolean> {
    return this.queue(id, async () => {
      const entry = this.entry(id);
      if (!entry) return false;
      const s = await this.getStore();
      const record = entry.record;
      try {
        await s.add(record, bytes);
      } catch (error) {
        this.stored.delete(id);
        const reason = reasonOf(error);
        this.update((s) => ({
          unsaved: { ...s.unsaved, [id]: { what: 'layer', reason } },
          notice: { kind: 'error', text: { key: 'import.storeFailed', params: { name: record.name, file: record.fileName, reason } } },
        }));
        return false;
      }
      this.stored.set(id, record);
      this.setUnsaved(id, null);
      // Settings changed while the data were being written: store them too.
      const now = this.entry(id)?.record;
      if (now && now !== record) await this.writeSettings(id);
      return true;
    });
  }

  // ---- settings, removal, retry -----------------------------------------------------------------

  /** Changes a layer's settings (name, colour, label and kind properties); stored at once. */
  change = (id: string, patch: Partial<Pick<ImportRecord, 'name' | 'color' | 'nameKey' | 'kindKey'>>): void => {
    const entry = this.entry(id);
    if (!entry) return;
    const record: ImportRecord = { ...entry.record, ...patch };
    for (const key of ['nameKey', 'kindKey'] as const) if (key in patch && !patch[key]) delete record[key];
    this.setEntries((current) => current.map((e) => (e.record.id === id ? entryOf(record, e.data, e.tiles, e.unusable, e.previous) : e)));
    // A layer not stored yet is written whole (with these settings) by its pending or retried write.
    if (this.stored.has(id)) void this.saveSettings(id);
  };

  private saveSettings(id: string): Promise<void> {
    return this.queue(id, () => this.writeSettings(id));
  }

  private async writeSettings(id: string): Promise<void> {
    const record = this.entry(id)?.record;
    if (!record || this.stored.get(id) === record || !this.stored.has(id)) return;
    const s = await this.getStore();
    try {
      await s.putRecord(record);
    } catch (error) {
      const failure = storeErrorOf(error);
      if (failure.kind === 'deleted') {
        // Removed in another tab: it goes here too, and no record without data is left behind.
        this.stored.delete(id);
        this.setUnsaved(id, null);
        this.setEntries((current) => current.filter((x) => x.record.id !== id));
        this.say({ kind: 'info', text: { key: 'import.removedElsewhere', params: { name: record.name } } });
        return;
      }
      this.update((s) => ({
        unsaved: { ...s.unsaved, [id]: { what: 'settings', reason: failure.message } },
        notice: { kind: 'error', text: { key: 'import.settingsNotSaved', params: { name: record.name, file: record.fileName, reason: failure.message } } },
      }));
      return;
    }
    this.stored.set(id, record);
    if (this.getState().unsaved[id]?.what === 'settings') this.setUnsaved(id, null);
  }

  /** Writes again what the store did not take: the whole layer, or its latest settings. */
  retrySave = (id: string): Promise<void> => {
    const unsaved = this.getState().unsaved[id];
    const entry = this.entry(id);
    if (!unsaved || !entry) return Promise.resolve();
    if (unsaved.what === 'settings') return this.saveSettings(id);
    if (!entry.data) return Promise.resolve();
    this.say(null);
    // The page holds the features: their bytes are made again (nothing kept twice meanwhile).
    return this.storeLayer(id, jsonBytes(entry.data)).then(() => undefined);
  };

  private removeFromPage(entry: ImportEntry): void {
    const id = entry.record.id;
    this.setEntries((current) => current.filter((e) => e.record.id !== id));
    this.setUnsaved(id, null);
    this.setHint(id, undefined);
    this.options.workspace.setVisible(id, false);
    this.options.workspace.forget(id);
    if (entry.tiles) void this.options.worker.dropTileIndex(entry.tiles.indexId).catch(() => undefined);
  }

  private removeFromStore(record: ImportRecord): Promise<void> {
    const id = record.id;
    return this.queue(id, async () => {
      this.stored.delete(id);
      const s = await this.getStore();
      try {
        await s.remove(id);
      } catch (error) {
        this.say({ kind: 'error', text: { key: 'import.removeNotSaved', params: { name: record.name, file: record.fileName, reason: reasonOf(error) } } });
      }
    });
  }

  /** Removes a layer from the page and the store. */
  remove = (id: string): Promise<void> => {
    const entry = this.entry(id);
    if (!entry) return Promise.resolve();
    this.removeFromPage(entry);
    this.say({ kind: 'info', text: { key: 'import.layer.removed', params: { name: entry.record.name } } });
    return this.removeFromStore(entry.record);
  };

  /** Redraws a lon/lat layer as GCJ-02 (converted to WGS84). */
  correctGcj02 = async (id: string): Promise<void> => {
    const entry = this.entry(id);
    if (!entry) return;
    this.update((s) => ({ correcting: new Set(s.correcting).add(id) }));
    try {
      const s = await this.getStore();
      // The stored GeoJSON is the file's own lon/lat (WGS84 conversion was the identity).
      const bytes = (await s.getData(id).catch(() => null)) ?? (entry.data ? jsonBytes(entry.data) : null);
      if (!bytes) return;
      const result = await this.options.worker.importFiles([{ name: `${entry.record.name}.geojson`, bytes }], {
        fromCrs: 'gcj02',
        overrideDeclaredCrs: true,
        ...(this.options.regionHint ? { regionHint: this.options.regionHint } : {}),
      });
      if (!result.ok) {
        this.say({ kind: 'error', text: { importMessage: result.error } });
        return;
      }
      const layer = result.layers[0];
      const current = this.entry(id);
      if (!current) return;
      const record: ImportRecord = { ...current.record, sourceCrs: layer.sourceCrs, sourceCrsLabel: layer.sourceCrsLabel, ...(layer.bbox ? { bbox: layer.bbox } : {}), tiled: Boolean(layer.tiles) };
      this.setHint(id, undefined);
      await this.adopt(record, layer, current);
      this.say({ kind: 'info', text: { key: 'import.gcj.done', params: { name: record.name } } });
    } finally {
      this.update((s) => {
        const correcting = new Set(s.correcting);
        correcting.delete(id);
        return { correcting };
      });
    }
  };

  /**
   * The workspace's visible layers changed: hidden imported layers stay hidden after a reload.
   * Written only from here (with the workspace's own, current set), and only once the stored
   * layers are back: until then the list kept from the last visit is the one that counts.
   */
  visibilityChanged(visible: ReadonlySet<string>): void {
    if (!this.getState().restored) return;
    this.options.hidden.save(this.getState().entries.filter((e) => !visible.has(e.record.id)).map((e) => e.record.id));
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    this.repeatAnswer?.('cancel');
  }
}
