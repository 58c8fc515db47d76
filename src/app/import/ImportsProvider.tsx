/**
 * The user's imported layers in React: creates the ImportController (src/controllers), which holds
 * the state and commands (importing through the import worker, the coordinate-system and repeat
 * questions, the store, settings, removal, GCJ-02 correction), hands it the workspace and the map
 * through small adapters, subscribes to it (useSyncExternalStore) and offers it to the panel.
 * Also owns the import worker client and its tile protocol for the page's lifetime.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { addProtocol, removeProtocol, type Map as MapLibreMap } from 'maplibre-gl';
// Modules, not the `src/import` index: the page must not bundle the converters (proj4, shpjs …),
// which run in the import worker.
import type { Gcj02Hint } from '../../import/crs/suggestGcj02.ts';
import type { ImportSource } from '../../import/importFiles.ts';
import { IMPORT_TILE_PROTOCOL } from '../../import/tileIndex.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { ImportController, type ImportBusy, type ImportMap, type Notice, type NoticeText, type PendingCrs, type RepeatChoice, type UnsavedLayer } from '../../controllers/importController.ts';
import { createImportClient, type ImportClient } from '../../workers/importClient.ts';
import { useWorkspace } from '../workspace.tsx';
import { decodeLayerJson } from '../../workers/decodeLayerJson.ts';
import type { UnusableFeatures } from '../../geo/usableGeometry.ts';
import type { ImportRecord } from '../../store/importedLayer.ts';
import { openImportStore, memoryImportStore } from '../../store/importStore.ts';
import { hiddenImports, storeHiddenImports } from './hiddenImports.ts';

export type { NoticeText, PendingCrs };

export interface ImportsContextValue {
  records: ImportRecord[];
  /** Every imported layer as drawn on the map, including those whose features are still being read. */
  mapLayers: LoadedLayer[];
  /** Names of layers shown on the map whose features are still being read. */
  reading: string[];
  /** Per layer: features left out of the statistics (unusable geometry), once checked. */
  unusable: Readonly<Record<string, UnusableFeatures>>;
  /** Per layer: what the browser's store has not taken (the panel marks it, with a retry). */
  unsaved: Readonly<Record<string, UnsavedLayer>>;
  notice: Notice | null;
  pendingCrs: PendingCrs | null;
  gcjHints: Readonly<Record<string, Gcj02Hint>>;
  /** Layers being corrected from GCJ-02. */
  correcting: ReadonlySet<string>;
  persistent: boolean;
  pendingRepeat: { names: string[]; resolve: (choice: RepeatChoice) => void } | null;
  /** The last import's CRS was guessed from the zone prefix: open the dialog to choose it again. */
  rechooseCrs: (() => void) | null;
  importFiles: (files: ImportSource[]) => void;
  cancel: () => void;
  dismissNotice: () => void;
  confirmCrs: (fromCrs: string) => void;
  cancelCrs: () => void;
  update: (id: string, patch: Partial<Pick<ImportRecord, 'name' | 'color' | 'nameKey' | 'kindKey'>>) => void;
  remove: (id: string) => void;
  retrySave: (id: string) => void;
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

function mapAdapter(map: MapLibreMap): ImportMap {
  return {
    whenDrawn: (layerId) => whenDrawn(map, layerId),
    fitBounds: (b) =>
      map.fitBounds(
        [
          [b[0], b[1]],
          [b[2], b[3]],
        ],
        { padding: 40, maxZoom: 14, duration: 0 },
      ),
  };
}

/**
 * One import client for the page's lifetime. Each import runs in a fresh worker (so a cancel can
 * end it); the next one is started ahead, while the page is idle: starting a worker costs the main
 * thread tens of milliseconds, which should not fall in the moment a file is dropped.
 */
function pageImportClient(): { client: ImportClient; dispose: () => void } {
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
  const client = createImportClient({
    createWorker: () => {
      const worker = spare ?? spawn();
      spare = null;
      prepareSoon(2_000);
      return worker;
    },
  });
  prepareSoon(5_000);
  return {
    client,
    dispose: () => {
      window.clearTimeout(timer);
      spare?.terminate();
      client.dispose();
    },
  };
}

const isReady = (e: { data: unknown; unusable?: unknown }) => Boolean(e.data && e.unusable);

export function ImportsProvider({ children }: { children: ReactNode }) {
  const { pack, map, setImportedLayers, setLayerVisible, visibleLayers, selectedFeature, selectFeature, picked, setPicked } = useWorkspace();
  // The workspace's latest values for the controller's callbacks (created once, long-lived).
  const latest = useRef({ map, setImportedLayers, setLayerVisible, selectedFeature, selectFeature, picked, setPicked });
  latest.current = { map, setImportedLayers, setLayerVisible, selectedFeature, selectFeature, picked, setPicked };

  const [made] = useState(() => {
    const worker = pageImportClient();
    const controller = new ImportController({
      worker: worker.client,
      openStore: () => openImportStore().catch(() => memoryImportStore()),
      workspace: {
        setLayers: (layers) => latest.current.setImportedLayers(() => layers),
        setVisible: (id, visible) => latest.current.setLayerVisible(id, visible),
        forget: (id) => {
          const w = latest.current;
          if (w.selectedFeature?.layerId === id) w.selectFeature(null);
          if (w.picked.some((r) => r.layerId === id)) w.setPicked(w.picked.filter((r) => r.layerId !== id));
        },
      },
      map: () => (latest.current.map ? mapAdapter(latest.current.map) : null),
      decode: decodeLayerJson,
      packLayers: pack.layers,
      regionHint: pack.manifest.bounds,
      hidden: { load: () => hiddenImports(), save: (ids) => storeHiddenImports(ids) },
      mark: (name, detail) => performance.mark(name, detail === undefined ? undefined : { detail }),
    });
    return { controller, worker };
  });
  const imports = made.controller;
  const state = useSyncExternalStore(imports.subscribe, imports.getState);

  // The controller and the tile protocol live as long as the provider. StrictMode unmounts and
  // mounts again at once: the disposal waits a moment, and a mount in that moment keeps them.
  const disposal = useRef(0);
  useEffect(() => {
    window.clearTimeout(disposal.current);
    addProtocol(IMPORT_TILE_PROTOCOL, made.worker.client.tileProtocol);
    imports.load().catch((error: unknown) => console.error('imported layers could not be restored', error));
    return () => {
      removeProtocol(IMPORT_TILE_PROTOCOL);
      disposal.current = window.setTimeout(() => {
        imports.dispose();
        made.worker.dispose();
      }, 0);
    };
  }, [imports, made]);

  useEffect(() => imports.visibilityChanged(visibleLayers), [imports, visibleLayers]);

  const { entries, notice, pendingCrs, gcjHints, correcting, persistent, pendingRepeat, canRechooseCrs, unsaved, busy } = state;
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
      unsaved,
      notice,
      pendingCrs,
      gcjHints,
      correcting,
      persistent,
      pendingRepeat: pendingRepeat ? { names: pendingRepeat.names, resolve: imports.answerRepeat } : null,
      rechooseCrs: canRechooseCrs ? imports.rechooseCrs : null,
      importFiles: (files) => void imports.importFiles(files),
      cancel: imports.cancel,
      dismissNotice: imports.dismissNotice,
      confirmCrs: (fromCrs) => void imports.confirmCrs(fromCrs),
      cancelCrs: imports.cancelCrs,
      update: imports.change,
      remove: (id) => void imports.remove(id),
      retrySave: (id) => void imports.retrySave(id),
      correctGcj02: (id) => void imports.correctGcj02(id),
    }),
    [imports, records, mapLayers, reading, unusable, unsaved, notice, pendingCrs, gcjHints, correcting, persistent, pendingRepeat, canRechooseCrs],
  );
  return (
    <ImportsContext.Provider value={value}>
      <ImportBusyContext.Provider value={busy}>{children}</ImportBusyContext.Provider>
    </ImportsContext.Provider>
  );
}
