/**
 * The user's imported layers (issue 7): importing files through the import worker, the
 * coordinate-system confirmation, keeping the layers in IndexedDB and bringing them back on reload,
 * and their settings (name, colour, name and kind properties). The layers join the workspace via
 * `setImportedLayers`, so the panel, map, statistics and measuring tool see them like pack layers.
 *
 * A failed or cancelled import changes nothing that is open: layers are only added once the
 * importer has returned them whole.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { addProtocol, removeProtocol, type Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
// Modules, not the `src/import` index: the page must not bundle the converters (proj4, shpjs …),
// which run in the import worker.
import type { Gcj02Hint } from '../../import/crs/suggestGcj02.ts';
import type { ImportSource } from '../../import/importFiles.ts';
import { IMPORT_TILE_PROTOCOL } from '../../import/tileIndex.ts';
import { findSameImport } from '../../import/sameImport.ts';
import type { CrsGuess, FileFailure, ImportMessage, ImportProgress } from '../../import/types.ts';
import type { TileSourceInfo, WorkerImportedLayer } from '../../import/workerApi.ts';
import type { MessageKey, MessageParams } from '../../i18n/index.ts';
import type { LoadedLayer, LocalText } from '../../pack/types.ts';
import { createImportClient, type ClientImportOptions, type ImportClient } from '../../workers/importClient.ts';
import { useWorkspace } from '../workspace.tsx';
import { decodeLayerJson } from './decodeLayerJson.ts';
import type { UnusableFeatures } from './usableGeometry.ts';
import { loadedLayerOf, layerGeometryOf, newImportId, nextImportColour, recordFromImport, type Bbox, type ImportedData, type ImportRecord } from './importedLayer.ts';
import { memoryImportStore, openImportStore, type ImportStore } from './importStore.ts';
import { hiddenImports, storeHiddenImports } from './hiddenImports.ts';
import { isLonLatCrs } from '../../import/crs/lonLat.ts';
import { findRegionLayer } from '../../pack/roles.ts';
import { storeErrorOf } from '../../store/storeError.ts';

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

/** An import that repeats open layers, waiting for the user: replace them, or keep both. */
interface PendingRepeat {
  /** Names of the open layers the import repeats. */
  names: string[];
  resolve: (choice: 'replace' | 'both' | 'cancel') => void;
}

/** The last import, for choosing its coordinate system again after a guess. */
interface LastImport {
  sources: ImportSource[];
  ids: string[];
  /** The zone-prefix guess the importer made (CGCS2000 assumed), when it made one. */
  guess?: CrsGuess;
  warning?: ImportMessage;
}

interface Entry {
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

/** Read and checked: the layer can be listed, counted and measured. */
const isReady = (e: Entry) => Boolean(e.data && e.unusable);

export interface ImportsContextValue {
  records: ImportRecord[];
  /** Every imported layer as drawn on the map, including those whose features are still being read. */
  mapLayers: LoadedLayer[];
  /** Names of layers shown on the map whose features are still being read. */
  reading: string[];
  /** Per layer: features left out of the statistics (unusable geometry), once checked. */
  unusable: Readonly<Record<string, UnusableFeatures>>;
  notice: Notice | null;
  pendingCrs: PendingCrs | null;
  gcjHints: Readonly<Record<string, Gcj02Hint>>;
  /** Layers being corrected from GCJ-02. */
  correcting: ReadonlySet<string>;
  persistent: boolean;
  pendingRepeat: PendingRepeat | null;
  /** The last import's CRS was guessed from the zone prefix: open the dialog to choose it again. */
  rechooseCrs: (() => void) | null;
  importFiles: (files: ImportSource[]) => void;
  cancel: () => void;
  dismissNotice: () => void;
  confirmCrs: (fromCrs: string) => void;
  cancelCrs: () => void;
  update: (id: string, patch: Partial<Pick<ImportRecord, 'name' | 'color' | 'nameKey' | 'kindKey'>>) => void;
  remove: (id: string) => void;
  correctGcj02: (id: string) => void;
}

const ImportsContext = createContext<ImportsContextValue | null>(null);
// Progress changes ten times a second while the worker parses: only the progress bar listens.
const ImportBusyContext = createContext<ImportBusy | null>(null);

/** The import running now (stage and fraction), or null. */
export function useImportBusy(): ImportBusy | null {
  return useContext(ImportBusyContext);
}

export function useImports(): ImportsContextValue {
  const value = useContext(ImportsContext);
  if (!value) throw new Error('useImports outside <ImportsProvider>');
  return value;
}

/** The imports, or null where the app is rendered without them (e.g. a map on its own). */
export function useOptionalImports(): ImportsContextValue | null {
  return useContext(ImportsContext);
}

/** Error codes the coordinate-system dialog answers (their text says "choose it in the dialog"). */
const CRS_DIALOG_CODES = new Set<string>(['crs-needs-confirmation', 'crs-declared-mismatch', 'crs-undetectable', 'crs-unknown', 'reprojection-failed', 'gcj02-not-lonlat']);

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

function wholeBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer);
}

function unionBbox(boxes: (Bbox | undefined)[]): Bbox | undefined {
  const present = boxes.filter((b): b is Bbox => !!b);
  if (!present.length) return undefined;
  return [Math.min(...present.map((b) => b[0])), Math.min(...present.map((b) => b[1])), Math.max(...present.map((b) => b[2])), Math.max(...present.map((b) => b[3]))];
}

function entryOf(record: ImportRecord, data: ImportedData | null, tiles?: TileSourceInfo, unusable?: UnusableFeatures, previous?: LoadedLayer): Entry {
  return {
    record,
    data,
    ...(tiles ? { tiles } : {}),
    ...(unusable ? { unusable } : {}),
    ...(previous ? { previous } : {}),
    loaded: loadedLayerOf(record, data, tiles, unusable?.indexes),
  };
}

/**
 * Resolves once the map has added a layer's source and finished drawing (or after `timeoutMs`: a
 * map that never becomes idle must not keep the features from the panel). Listens to the map's
 * own events (`sourcedata`, `idle`) rather than asking it again and again.
 */
function whenDrawn(map: MapLibreMap, layerId: string, timeoutMs = 15_000): Promise<void> {
  const sourceId = `pack-${layerId}`;
  return new Promise<void>((resolve) => {
    const finish = () => {
      window.clearTimeout(timer);
      map.off('sourcedata', onSource);
      map.off('idle', finish);
      resolve();
    };
    const timer = window.setTimeout(finish, timeoutMs);
    function onSource() {
      if (!map.getSource(sourceId)) return;
      map.off('sourcedata', onSource);
      if (map.loaded()) finish();
      else map.on('idle', finish);
    }
    map.on('sourcedata', onSource);
    onSource();
  });
}

/**
 * The reference lines for the GCJ-02 hint: the pack's regions layer (its role, not its id) and
 * every other feature drawn from a published or surveyed source (a schematic shape placed by
 * hand says nothing about a datum offset of a few hundred metres).
 */
function gcjReference(layers: LoadedLayer[]): FeatureCollection<Geometry | null> {
  const regions = findRegionLayer(layers);
  return {
    type: 'FeatureCollection',
    features: layers.flatMap((l) => (l === regions ? l.data.features : l.data.features.filter((f) => f.properties?.precision !== undefined && f.properties.precision !== 'schematic'))),
  };
}

export function ImportsProvider({ children }: { children: ReactNode }) {
  const { pack, map, setImportedLayers, setLayerVisible, visibleLayers, selectedFeature, selectFeature, picked, setPicked } = useWorkspace();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [busy, setBusy] = useState<ImportBusy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pendingCrs, setPendingCrs] = useState<PendingCrs | null>(null);
  const [gcjHints, setGcjHints] = useState<Record<string, Gcj02Hint>>({});
  const [correcting, setCorrecting] = useState<ReadonlySet<string>>(new Set());
  const [persistent, setPersistent] = useState(true);
  const [pendingRepeat, setPendingRepeat] = useState<PendingRepeat | null>(null);
  const [lastImport, setLastImport] = useState<LastImport | null>(null);
  // `remove` is defined below `run`, which replaces layers with it.
  const removeRef = useRef<(id: string) => void>(() => undefined);
  /** The layers kept from earlier visits are back (or failed): from then on, visibility is kept. */
  const [restored, setRestored] = useState(false);

  const client = useRef<ImportClient | null>(null);
  const store = useRef<Promise<ImportStore> | null>(null);
  const abort = useRef<AbortController | null>(null);
  /** The record last written to the store, per layer (only layers whose data are stored). */
  const stored = useRef(new Map<string, ImportRecord>());
  const latest = useRef({ entries, map, selectedFeature, picked });
  latest.current = { entries, map, selectedFeature, picked };

  // One import client and the tile protocol for the page's lifetime. Each import runs in a fresh
  // worker (so a cancel can end it); the next one is started ahead, while the page is idle:
  // starting a worker costs the main thread tens of milliseconds, which should not fall in the
  // moment a file is dropped.
  useEffect(() => {
    let spare: Worker | null = null;
    let timer = 0;
    const spawn = () => new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'shanshui-import' });
    const prepareSoon = (ms: number) => {
      timer ||= window.setTimeout(() => {
        const prepare = () => {
          timer = 0;
          spare ??= spawn();
        };
        if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(prepare);
        else window.setTimeout(prepare, 0);
      }, ms);
    };
    const c = createImportClient({
      createWorker: () => {
        const worker = spare ?? spawn();
        spare = null;
        prepareSoon(2_000);
        return worker;
      },
    });
    prepareSoon(5_000);
    client.current = c;
    addProtocol(IMPORT_TILE_PROTOCOL, c.tileProtocol);
    return () => {
      window.clearTimeout(timer);
      spare?.terminate();
      removeProtocol(IMPORT_TILE_PROTOCOL);
      c.dispose();
      if (client.current === c) client.current = null;
    };
  }, []);

  const getStore = useCallback((): Promise<ImportStore> => {
    store.current ??= openImportStore().catch(() => memoryImportStore());
    return store.current;
  }, []);

  // The workspace (panel, statistics, measuring) gets a layer once its features are read and
  // checked: every change of its layers recomputes the statistics, so it changes once per layer.
  const shown = useRef<LoadedLayer[]>([]);
  useEffect(() => {
    const next = entries.flatMap((e) => (isReady(e) ? [e.loaded] : e.previous ? [e.previous] : []));
    if (next.length === shown.current.length && next.every((l, i) => l === shown.current[i])) return;
    shown.current = next;
    setImportedLayers(() => next);
  }, [entries, setImportedLayers]);

  /** Reads and checks a layer's features in a worker (with the GCJ-02 hint for lon/lat data). */
  const decode = useCallback(
    (record: ImportRecord, bytes: ArrayBuffer, data?: ImportedData, transfer = false) =>
      decodeLayerJson(bytes, {
        ...(data ? { data } : {}),
        transfer,
        ...(isLonLatCrs(record.sourceCrs)
          ? { gcj: { name: `${record.name} ${record.fileName}`, sourceCrs: record.sourceCrs, propertyKeys: record.propertyKeys, reference: gcjReference(pack.layers) } }
          : {}),
      }),
    [pack],
  );
  const setHint = useCallback((id: string, hint: Gcj02Hint | undefined) => {
    setGcjHints(({ [id]: _old, ...rest }) => (hint ? { ...rest, [id]: hint } : rest));
  }, []);

  /**
   * Takes a layer the importer returned into the workspace (new, or replacing `record.id`):
   * drawn at once (GeoJSON, or the worker's tiles), stored, then its features read (tiled layers)
   * and checked in a worker; only then the panel, statistics and measuring get it.
   */
  const adopt = useCallback(
    async (record: ImportRecord, layer: WorkerImportedLayer, replacing?: Entry): Promise<void> => {
      const c = client.current!;
      const data = layer.data ?? null;
      setEntries((current) => {
        const next = entryOf(record, data, layer.tiles, undefined, replacing && (isReady(replacing) ? replacing.loaded : replacing.previous));
        return replacing ? current.map((e) => (e.record.id === record.id ? next : e)) : [...current, next];
      });
      if (replacing?.tiles) void c.dropTileIndex(replacing.tiles.indexId);
      // Drawing comes first: the features are read once the map shows the layer.
      const m = latest.current.map;
      if (m) await whenDrawn(m, record.id);
      performance.mark('shanshui:import-drawn', { detail: record.id });
      const s = await getStore();
      setPersistent(s.persistent);
      let bytes: ArrayBuffer | null = null;
      try {
        bytes = data ? wholeBuffer(new TextEncoder().encode(JSON.stringify(data))) : layer.tiles ? await c.getLayerJson(layer.tiles.indexId).then((b) => (b ? wholeBuffer(b) : null)) : null;
        if (bytes) {
          await s.add(record, bytes);
          stored.current.set(record.id, record);
          // Settings changed while the data were being written: store them too.
          const now = latest.current.entries.find((e) => e.record.id === record.id)?.record;
          if (now && now !== record) {
            stored.current.set(record.id, now);
            await s.putRecord(now);
          }
        }
      } catch (error) {
        setNotice({ kind: 'error', text: { key: 'import.storeFailed', params: { name: record.name, reason: String((error as Error)?.name ?? error) } } });
      }
      if (!bytes) return;
      // The features are checked (and, for a tiled layer, read) in a worker; then they count.
      // Stored in IndexedDB (a copy): the worker may have the bytes themselves. The in-memory
      // store keeps this very buffer, so it is copied then.
      const decoded = await decode(record, bytes, data ?? undefined, s.persistent);
      const geometry = data ? record.geometry : layerGeometryOf(decoded.data);
      setEntries((current) =>
        current.map((e) =>
          e.record.id === record.id && e.tiles?.indexId === layer.tiles?.indexId && (!data || e.data === data) ? entryOf({ ...e.record, geometry }, decoded.data, e.tiles, decoded.unusable) : e,
        ),
      );
      setHint(record.id, decoded.gcjHint);
    },
    [getStore, decode, setHint],
  );

  /** The first failed file of a batch that needs a coordinate system: the dialog, for that file alone. */
  const askCrs = useCallback((failures: FileFailure[], sources: ImportSource[]) => {
    const failure = failures.find((f) => CRS_DIALOG_CODES.has(f.error.code));
    if (!failure) return;
    setPendingCrs({
      sources: sources.filter((s) => failure.files.includes(sourceName(s))),
      error: failure.error,
      candidates: failure.candidates ?? [],
      ...(failure.layerName ? { layerName: failure.layerName } : {}),
      overrideDeclared: failure.error.code === 'crs-declared-mismatch' || failure.error.code === 'reprojection-failed' || failure.error.code === 'gcj02-not-lonlat',
    });
  }, []);

  const run = useCallback(
    async (sources: ImportSource[], extra: Pick<ClientImportOptions, 'fromCrs' | 'overrideDeclaredCrs'> = {}, replaces: string[] = []) => {
      const c = client.current;
      if (!c) return;
      if (abort.current) {
        setNotice({ kind: 'info', text: { key: 'import.busy' } });
        return;
      }
      const controller = new AbortController();
      abort.current = controller;
      const names = sources.map(sourceName).join(', ');
      setNotice(null);
      setBusy({ stage: 'read', fraction: 0, file: names, cancellable: true });
      performance.mark('shanshui:import-start');
      let result;
      try {
        result = await c.importFiles(sources, {
          regionHint: pack.manifest.bounds,
          signal: controller.signal,
          onProgress: (p) => setBusy((b) => (b ? { ...b, stage: p.stage, fraction: p.fraction, file: p.file ?? b.file, cancellable: p.stage !== 'done' } : b)),
          ...extra,
        });
      } finally {
        abort.current = null;
        setBusy(null);
      }
      if (!result.ok && result.failures && result.failures.length > 1) {
        // Every file of a batch failed: each says why; a coordinate system to choose is asked after.
        askCrs(result.failures, sources);
        setNotice({ kind: 'error', text: { key: 'import.failedFiles', params: { count: result.failures.length } }, details: result.failures.map((f) => ({ importMessage: f.error })) });
        return;
      }
      if (!result.ok) {
        if (CRS_DIALOG_CODES.has(result.error.code)) {
          setPendingCrs({
            sources,
            error: result.error,
            candidates: result.candidates ?? [],
            ...(result.layerName ? { layerName: result.layerName } : {}),
            overrideDeclared: result.error.code === 'crs-declared-mismatch' || result.error.code === 'reprojection-failed' || result.error.code === 'gcj02-not-lonlat',
          });
        } else {
          setNotice({ kind: result.error.code === 'cancelled' ? 'info' : 'error', text: { importMessage: result.error } });
        }
        return;
      }
      const failures = result.failures ?? [];
      askCrs(failures, sources);
      // The same file again: ask before doubling the layer and its statistics columns.
      const repeated = result.layers
        .map((layer) => findSameImport(latest.current.entries.map((e) => e.record), { ...layer, fileName: fileNameFor(layer, sources) }))
        .filter((r): r is ImportRecord => r !== undefined && !replaces.includes(r.id));
      if (repeated.length) {
        const choice = await new Promise<'replace' | 'both' | 'cancel'>((resolve) => setPendingRepeat({ names: repeated.map((r) => r.name), resolve }));
        setPendingRepeat(null);
        if (choice === 'cancel') {
          for (const layer of result.layers) if (layer.tiles) void c.dropTileIndex(layer.tiles.indexId);
          setNotice({ kind: 'info', text: { importMessage: { code: 'cancelled' } } });
          return;
        }
        if (choice === 'replace') replaces = [...replaces, ...repeated.map((r) => r.id)];
      }
      for (const id of replaces) removeRef.current(id);
      const now = Date.now();
      const existing = latest.current.entries.filter((e) => !replaces.includes(e.record.id));
      const used = existing.map((e) => e.record.color);
      let order = existing.reduce((max, e) => Math.max(max, e.record.order), 0);
      const adopted: ImportRecord[] = [];
      for (const layer of result.layers) {
        const color = nextImportColour(used);
        used.push(color);
        const record = recordFromImport(layer, { id: newImportId(), fileName: fileNameFor(layer, sources), color, order: ++order, importedAt: now });
        adopted.push(record);
        setLayerVisible(record.id, true);
        void adopt(record, layer);
      }
      const first = adopted[0];
      const guessed = result.layers.find((l) => l.detected?.reason === 'zone-prefix');
      const guessWarning = result.warnings.find((w) => w.code === 'crs-assumed-cgcs2000');
      setLastImport({ sources, ids: adopted.map((r) => r.id), ...(guessed?.detected ? { guess: guessed.detected } : {}), ...(guessWarning ? { warning: guessWarning } : {}) });
      setNotice({
        kind: failures.length ? 'error' : 'info',
        text: failures.length
          ? { key: 'import.partial', params: { count: adopted.length, names: adopted.map((r) => r.name).join('、'), failed: failures.length } }
          : adopted.length === 1
            ? { key: 'import.doneOne', params: { name: first.name, features: first.featureCount.toLocaleString('en') }, localParams: { crs: first.sourceCrsLabel } }
            : { key: 'import.done', params: { count: adopted.length, names: adopted.map((r) => r.name).join('、') } },
        // Each file that did not import says why, before the warnings of those that did.
        details: [...failures.map((f) => ({ importMessage: f.error })), ...result.warnings.map((w) => ({ importMessage: w }))],
      });
      const bounds = unionBbox(adopted.map((r) => r.bbox));
      const m = latest.current.map;
      if (m && bounds) {
        m.fitBounds(
          [
            [bounds[0], bounds[1]],
            [bounds[2], bounds[3]],
          ],
          { padding: 40, maxZoom: 14, duration: 0 },
        );
      }
    },
    [pack, adopt, setLayerVisible, askCrs],
  );

  const importFiles = useCallback((files: ImportSource[]) => void run(files), [run]);
  const cancel = useCallback(() => abort.current?.abort(), []);
  const dismissNotice = useCallback(() => setNotice(null), []);

  const confirmCrs = useCallback(
    (fromCrs: string) => {
      const pending = pendingCrs;
      if (!pending) return;
      setPendingCrs(null);
      void run(pending.sources, { fromCrs, ...(pending.overrideDeclared ? { overrideDeclaredCrs: true } : {}) }, pending.replaces);
    },
    [pendingCrs, run],
  );
  const rechooseCrs = useMemo(() => {
    const last = lastImport;
    if (!last?.guess || !last.warning || last.ids.length === 0) return null;
    return () => setPendingCrs({ sources: last.sources, error: last.warning!, candidates: [last.guess!], overrideDeclared: true, replaces: last.ids });
  }, [lastImport]);

  const cancelCrs = useCallback(() => {
    setPendingCrs(null);
    setNotice({ kind: 'info', text: { importMessage: { code: 'cancelled' } } });
  }, []);

  const update = useCallback<ImportsContextValue['update']>((id, patch) => {
    setEntries((current) =>
      current.map((e) => {
        if (e.record.id !== id) return e;
        const record: ImportRecord = { ...e.record, ...patch };
        for (const key of ['nameKey', 'kindKey'] as const) if (key in patch && !patch[key]) delete record[key];
        return entryOf(record, e.data, e.tiles, e.unusable, e.previous);
      }),
    );
  }, []);

  // Hidden imported layers stay hidden after a reload (once the stored layers are back).
  useEffect(() => {
    if (!restored) return;
    storeHiddenImports(entries.filter((e) => !visibleLayers.has(e.record.id)).map((e) => e.record.id));
  }, [entries, visibleLayers, restored]);

  // Settings changes of stored layers are written as they happen (new layers are written whole by `adopt`).
  useEffect(() => {
    for (const e of entries) {
      const written = stored.current.get(e.record.id);
      if (!written || written === e.record) continue;
      stored.current.set(e.record.id, e.record);
      const record = e.record;
      getStore()
        .then((s) => s.putRecord(record))
        .catch((error: unknown) => {
          const failure = storeErrorOf(error);
          if (failure.kind === 'deleted') {
            // Removed in another tab: it goes here too, and no record without data is left behind.
            stored.current.delete(record.id);
            setEntries((current) => current.filter((x) => x.record.id !== record.id));
            setNotice({ kind: 'info', text: { key: 'import.removedElsewhere', params: { name: record.name } } });
            return;
          }
          setNotice({ kind: 'error', text: { key: 'import.settingsNotSaved', params: { name: record.name, reason: failure.message } } });
        });
    }
  }, [entries, getStore]);

  const remove = useCallback(
    (id: string) => {
      const entry = latest.current.entries.find((e) => e.record.id === id);
      if (!entry) return;
      setEntries((current) => current.filter((e) => e.record.id !== id));
      setLayerVisible(id, false);
      if (latest.current.selectedFeature?.layerId === id) selectFeature(null);
      if (latest.current.picked.some((r) => r.layerId === id)) setPicked(latest.current.picked.filter((r) => r.layerId !== id));
      if (entry.tiles) void client.current?.dropTileIndex(entry.tiles.indexId);
      stored.current.delete(id);
      getStore()
        .then((s) => s.remove(id))
        .catch((error: unknown) => {
          setNotice({ kind: 'error', text: { key: 'import.removeNotSaved', params: { name: entry.record.name, reason: storeErrorOf(error).message } } });
        });
      setHint(id, undefined);
      setNotice({ kind: 'info', text: { key: 'import.layer.removed', params: { name: entry.record.name } } });
    },
    [getStore, setLayerVisible, selectFeature, setPicked, setHint],
  );

  removeRef.current = remove;

  const correctGcj02 = useCallback(
    async (id: string) => {
      const c = client.current;
      const entry = latest.current.entries.find((e) => e.record.id === id);
      if (!c || !entry) return;
      setCorrecting((s) => new Set(s).add(id));
      try {
        const s = await getStore();
        // The stored GeoJSON is the file's own lon/lat (WGS84 conversion was the identity).
        const bytes = (await s.getData(id)) ?? (entry.data ? wholeBuffer(new TextEncoder().encode(JSON.stringify(entry.data))) : null);
        if (!bytes) return;
        const result = await c.importFiles([{ name: `${entry.record.name}.geojson`, bytes }], { fromCrs: 'gcj02', overrideDeclaredCrs: true, regionHint: pack.manifest.bounds });
        if (!result.ok) {
          setNotice({ kind: 'error', text: { importMessage: result.error } });
          return;
        }
        const layer = result.layers[0];
        const current = latest.current.entries.find((e) => e.record.id === id);
        if (!current) return;
        const record: ImportRecord = { ...current.record, sourceCrs: layer.sourceCrs, sourceCrsLabel: layer.sourceCrsLabel, ...(layer.bbox ? { bbox: layer.bbox } : {}), tiled: Boolean(layer.tiles) };
        setHint(id, undefined);
        await adopt(record, layer, current);
        setNotice({ kind: 'info', text: { key: 'import.gcj.done', params: { name: record.name } } });
      } finally {
        setCorrecting((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }
    },
    [adopt, getStore, pack, setHint],
  );

  // Layers kept from earlier visits come back (tiled ones re-cut in the import worker).
  useEffect(() => {
    let cancelled = false;
    const hidden = hiddenImports();
    void (async () => {
      const s = await getStore();
      setPersistent(s.persistent);
      let records: ImportRecord[];
      try {
        records = await s.list();
      } catch (error) {
        // Unreadable is not empty: the layers stay stored, and the user is told they are not shown.
        setNotice({ kind: 'error', text: { key: 'import.listFailed', params: { reason: error instanceof Error ? error.message : String(error) } } });
        records = [];
      }
      for (const record of records) {
        if (cancelled) return;
        // undefined: unreadable (kept, and said); null: no data stored.
        const bytes = await s.getData(record.id).catch(() => undefined);
        if (cancelled) return;
        if (bytes === undefined) {
          setNotice({ kind: 'error', text: { key: 'import.restoreFailed', params: { name: record.name } } });
          continue;
        }
        if (bytes === null) {
          // A record whose data are gone (removed in another tab while this one renamed it, in
          // older versions): it can never be shown, so it is removed, with one message.
          try {
            await s.remove(record.id);
            if (!cancelled) setNotice({ kind: 'error', text: { key: 'import.orphanRemoved', params: { name: record.name } } });
          } catch (error) {
            if (!cancelled) setNotice({ kind: 'error', text: { key: 'import.removeNotSaved', params: { name: record.name, reason: error instanceof Error ? error.message : String(error) } } });
          }
          continue;
        }
        try {
          await restore(record, bytes);
        } catch {
          if (!cancelled) setNotice({ kind: 'error', text: { key: 'import.restoreFailed', params: { name: record.name } } });
        }
      }
      if (!cancelled) setRestored(true);
    })();

    async function restore(record: ImportRecord, bytes: ArrayBuffer): Promise<void> {
      const c = client.current;
      if (!c) return;
      setLayerVisible(record.id, !hidden.has(record.id));
      stored.current.set(record.id, record);
      if (!record.tiled) {
        const { data, unusable, gcjHint } = await decode(record, bytes, undefined, true);
        if (cancelled) return;
        setEntries((current) => [...current.filter((e) => e.record.id !== record.id), entryOf(record, data, undefined, unusable)].sort((a, b) => a.record.order - b.record.order));
        setHint(record.id, gcjHint);
        return;
      }
      // Re-cut the tiles from the stored bytes: handing the worker bytes costs the page nothing,
      // where `buildTileIndex(data)` would structured-clone the whole collection on the main thread.
      const result = await c.importFiles([{ name: `${record.name}.geojson`, bytes: bytes.slice(0) }], { tiles: 'always', returnData: 'none', fromCrs: 'EPSG:4326' });
      if (cancelled || !result.ok || !result.layers[0]?.tiles) throw new Error('re-tiling failed');
      const tiles = result.layers[0].tiles;
      if (result.layers[0].featureCount !== record.featureCount) throw new Error('feature count changed');
      setEntries((current) => [...current.filter((e) => e.record.id !== record.id), entryOf(record, null, tiles)].sort((a, b) => a.record.order - b.record.order));
      // The bytes were read for this alone (the store keeps its own): hand them over, no copy.
      const { data, unusable, gcjHint } = await decode(record, bytes, undefined, true);
      if (cancelled) return;
      setEntries((current) => current.map((e) => (e.record.id === record.id && e.tiles?.indexId === tiles.indexId ? entryOf(e.record, data, tiles, unusable) : e)));
      setHint(record.id, gcjHint);
    }
    return () => {
      cancelled = true;
    };
    // Once per provider: these are stable (the pack does not change under a mounted workspace).
  }, [decode, getStore, setHint, setLayerVisible]);

  const records = useMemo(() => entries.map((e) => e.record), [entries]);
  const mapLayers = useMemo(() => entries.map((e) => e.loaded), [entries]);
  const reading = useMemo(() => entries.filter((e) => !isReady(e)).map((e) => e.record.name), [entries]);
  const unusable = useMemo(() => Object.fromEntries(entries.flatMap((e) => (e.unusable ? [[e.record.id, e.unusable]] : []))), [entries]);
  const value = useMemo<ImportsContextValue>(
    () => ({
      records,
      mapLayers,
      reading,
      unusable,
      notice,
      pendingCrs,
      gcjHints,
      correcting,
      persistent,
      pendingRepeat,
      rechooseCrs,
      importFiles,
      cancel,
      dismissNotice,
      confirmCrs,
      cancelCrs,
      update,
      remove,
      correctGcj02: (id) => void correctGcj02(id),
    }),
    [records, mapLayers, reading, unusable, notice, pendingCrs, gcjHints, correcting, persistent, pendingRepeat, rechooseCrs, importFiles, cancel, dismissNotice, confirmCrs, cancelCrs, update, remove, correctGcj02],
  );
  return (
    <ImportsContext.Provider value={value}>
      <ImportBusyContext.Provider value={busy}>{children}</ImportBusyContext.Provider>
    </ImportsContext.Provider>
  );
}
