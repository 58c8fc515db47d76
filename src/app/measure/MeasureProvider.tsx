/**
 * The measuring tool's state, shared by the map toolbar, the measurements list and anyone who
 * wants to measure an existing feature (`useMeasure().measureFeature`). Owns:
 * - the measurements, their store, drafts and breakdowns: a MeasureController (src/controllers),
 *   which this provider creates, feeds and subscribes to (useSyncExternalStore);
 * - their figures (geo core, synchronous and cheap);
 * - the drawing on the map: the controller drives it through src/map/measureDrawing.ts, which this
 *   provider creates for the workspace's map.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import type { GeometryIssue } from '../../geo/GeometryError.ts';
import type { DrawMode } from '../../map/draw/drawModes.ts';
import { createMeasureDrawing } from '../../map/measureDrawing.ts';
import { MeasureController, type BreakdownState, type LiveState, type ToolMessage, type UnsavedChange } from '../../controllers/measureController.ts';
import { createBreakdownClient } from '../../measure/breakdownClient.ts';
import { exportMeasurements, type ExportFormat, type ExportItem } from '../../measure/exporters.ts';
import { figuresOf, type FiguresState } from '../../measure/figuresState.ts';
import type { Measurement, MeasurementDraft } from '../../measure/types.ts';
import { openMeasurementDb } from '../../store/measurementDb.ts';
import { useSyncController } from '../team/teamSlots.tsx';
import { useI18n } from '../i18n.tsx';
import { useMediaQuery } from '../useMediaQuery.ts';
import { useWorkspace } from '../workspace.tsx';
export type { BreakdownState, FiguresState };

export interface MeasureContextValue {
  loaded: boolean;
  /** Stored measurements exist (or may) but cannot be read: the list says so instead of "none yet". */
  unreadable: boolean;
  persistent: boolean;
  measurements: Measurement[];
  /** What is on screen but not stored, per measurement (shown as "not saved", with a retry). */
  unsaved: Readonly<Record<string, UnsavedChange>>;
  retry: (id: string) => void;
  figures: ReadonlyMap<string, FiguresState>;
  breakdowns: Readonly<Record<string, BreakdownState>>;
  selectedId: string | null;
  select: (id: string | null) => void;

  /** Drawing tool. */
  toolOpen: boolean;
  toolLoading: boolean;
  setToolOpen: (open: boolean) => void;
  mode: DrawMode | null;
  setMode: (mode: DrawMode) => void;
  snapping: boolean;
  setSnapping: (enabled: boolean) => void;
  /** Measurement being edited (vertex editing), or 'new' for a just-drawn shape that crosses itself. */
  editing: string | null;
  invalid: GeometryIssue | null;
  message: ToolMessage | null;
  undo: () => void;
  finish: () => void;
  cancel: () => void;
  /** Keyboard drawing (crosshair): vertices placed, or null when off. */
  keyboardVertices: number | null;
  startKeyboard: () => void;
  /** A touch screen: no keys to mention, and the tool ends with each shape. */
  touch: boolean;
  draft: MeasurementDraft | null;
  restoreDraft: () => void;
  discardDraft: () => void;

  /** Measure an existing map feature: adds it to the list (with its breakdown) and selects it. */
  measureFeature: (feature: Feature<Polygon | MultiPolygon | LineString>, name: string, layerId?: string) => Promise<string | null>;
  rename: (id: string, name: string) => void;
  recolor: (id: string, color: string) => void;
  setHidden: (id: string, hidden: boolean) => void;
  remove: (id: string) => void;
  restoreDeleted: () => void;
  lastDeleted: Measurement | null;
  editShape: (id: string) => void;
  zoomTo: (id: string) => void;
  exportItems: (ids: readonly string[] | null, format: ExportFormat) => void;
}

const MeasureContext = createContext<MeasureContextValue | null>(null);
/** The figures of the shape being drawn: a context of their own, as they change at pointer rate. */
const MeasureLiveContext = createContext<LiveState | null>(null);

declare global {
  interface Window {
    /** The measuring tool, for end-to-end tests and a curious planner's console. */
    shanshuiMeasure?: Pick<MeasureContextValue, 'measureFeature'> & { measurements: () => Measurement[] };
  }
}

export function useMeasure(): MeasureContextValue {
  const value = useContext(MeasureContext);
  if (!value) throw new Error('useMeasure outside <MeasureProvider>');
  return value;
}

/** Live figures of the shape being drawn or edited (null when there is none). */
export function useMeasureLive(): LiveState | null {
  return useContext(MeasureLiveContext);
}

/** This tab's key for its draft: kept across reloads of the tab (sessionStorage), new for a new tab. */
function tabKey(): string {
  const name = 'shanshui-measure-tab';
  try {
    const kept = sessionStorage.getItem(name);
    if (kept) return kept;
    const made = makeTabKey();
    sessionStorage.setItem(name, made);
    return made;
  } catch {
    return makeTabKey();
  }
}

function makeTabKey(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `tab-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const TAB_LOCK = 'shanshui-measure-tab:';

/**
 * Holds a Web Lock named after this tab's key while the page lives, so other tabs can tell that
 * its draft is still being drawn (and do not offer it). A duplicated tab (same sessionStorage)
 * finds the lock taken and takes a key of its own.
 */
let heldKey: Promise<string> | null = null;
function tabKeyHeld(key: string): Promise<string> {
  return (heldKey ??= holdTabLock(key));
}

async function holdTabLock(key: string): Promise<string> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return key;
  const hold = (name: string) =>
    new Promise<boolean>((resolve) => {
      locks
        .request(TAB_LOCK + name, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          // Held until the page goes away.
          return lock ? new Promise<void>(() => undefined) : undefined;
        })
        .catch(() => resolve(false));
    });
  if (await hold(key)) return key;
  const fresh = makeTabKey();
  try {
    sessionStorage.setItem('shanshui-measure-tab', fresh);
  } catch {
    // Kept for this page only.
  }
  await hold(fresh);
  return fresh;
}

async function isTabAlive(key: string): Promise<boolean> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return false;
  const { held = [] } = await locks.query();
  return held.some((l) => l.name === TAB_LOCK + key);
}

export function MeasureProvider({ children }: { children: ReactNode }) {
  const { map, painted, layers, visibleLayers } = useWorkspace();
  const { t, lang } = useI18n();
  const text = useRef({ t, lang });
  text.current = { t, lang };

  const sync = useSyncController();
  const [records] = useState(() => {
    const key = tabKey();
    const controller = new MeasureController({
      // With a team server, the sync stands in front of the store (src/controllers/syncController.ts).
      openStore: async () => {
        const store = await openMeasurementDb();
        return store && sync ? sync.attach(store) : store;
      },
      startBreakdownWorker: () => createBreakdownClient(),
      tabKey: key,
      isTabAlive,
      text: () => text.current,
    });
    return { controller, key };
  });
  const measures = records.controller;
  const state = useSyncExternalStore(measures.subscribe, measures.getState);
  const live = useSyncExternalStore(measures.live.subscribe, measures.live.getState).shape;
  const { measurements, breakdowns, selectedId, draft, lastDeleted, message, unsaved, tool } = state;

  // The controller lives as long as the provider. StrictMode unmounts and mounts again at once:
  // the disposal waits a moment, and a mount in that moment keeps the controller.
  const disposal = useRef(0);
  useEffect(() => {
    window.clearTimeout(disposal.current);
    const c = measures;
    // Loaded once the tab holds its key (load() runs once however often it is called).
    tabKeyHeld(records.key)
      .then((key) => c.load(key))
      .catch((error: unknown) => c.say('alert', 'measure.store.unreadable', { reason: String(error) }));
    return () => {
      disposal.current = window.setTimeout(() => c.dispose(), 0);
    };
  }, [measures, records.key]);

  // A tab being closed or hidden gets its last sketch written now rather than after the pause.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') measures.flushDraft();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', measures.flushDraft);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', measures.flushDraft);
    };
  }, [measures]);

  // ---- the map side -------------------------------------------------------------------------------
  const [drawing, setDrawing] = useState<ReturnType<typeof createMeasureDrawing> | null>(null);
  useEffect(() => {
    if (!map) return;
    const created = createMeasureDrawing(map);
    const detach = measures.attachDrawing(created);
    setDrawing(created);
    return () => {
      detach();
      created.destroy();
      setDrawing(null);
    };
  }, [map, measures]);
  // Snapping to the boundaries of the visible layers (rebuilt when visibility changes).
  useEffect(() => {
    drawing?.setSnapFeatures(layers.filter((l) => visibleLayers.has(l.id)).flatMap((l) => l.data.features));
  }, [drawing, layers, visibleLayers]);
  useEffect(() => measures.relabel(), [measures, lang]);
  const touch = useMediaQuery('(pointer: coarse)');
  useEffect(() => measures.setTouch(touch), [measures, touch]);

  // ---- figures and breakdowns -----------------------------------------------------------------
  const figures = useMemo(() => {
    const result = new Map<string, FiguresState>();
    for (const m of measurements) result.set(m.id, figuresOf(m.geometry));
    return result;
  }, [measurements]);

  // The split worker starts only once there is something to split (the controller waits for a
  // shape), and never before the map's first paint: on two cores it would otherwise compete with
  // MapLibre for the first frame. Features are named by the layer's label property.
  useEffect(() => {
    if (!painted) return;
    measures.setLayers(layers.map((l) => ({ id: l.id, title: l.title, data: l.data, role: l.role, ...(l.style.label ? { nameKey: l.style.label } : {}) })));
  }, [measures, layers, painted]);

  const latestMeasurements = useRef(measurements);
  latestMeasurements.current = measurements;
  useEffect(() => {
    window.shanshuiMeasure = { measureFeature: measures.measureFeature, measurements: () => latestMeasurements.current };
    return () => {
      delete window.shanshuiMeasure;
    };
  }, [measures]);

  const value = useMemo<MeasureContextValue>(() => {
    const exportItems = (ids: readonly string[] | null, format: ExportFormat) => {
      const list = ids ? measurements.filter((m) => ids.includes(m.id)) : measurements;
      if (list.length === 0) return;
      const items: ExportItem[] = list.map((measurement) => {
        const f = figures.get(measurement.id);
        return { measurement, figures: f?.ok ? f.figures : null };
      });
      const base = list.length === 1 && ids ? list[0].name : `${t('measure.export.fileBase')}-${new Date().toISOString().slice(0, 10)}`;
      const file = exportMeasurements(items, format, base);
      download(file.text, file.filename, file.mimeType);
    };
    return {
      loaded: state.status !== 'loading',
      unreadable: state.status === 'unreadable',
      persistent: state.persistent,
      measurements,
      unsaved,
      retry: (id) => void measures.retry(id),
      figures,
      breakdowns,
      selectedId,
      select: measures.select,
      toolOpen: tool.open,
      toolLoading: tool.loading,
      setToolOpen: measures.setToolOpen,
      mode: tool.mode,
      setMode: measures.setMode,
      snapping: tool.snapping,
      setSnapping: measures.setSnapping,
      editing: tool.editing,
      invalid: tool.invalid,
      message,
      undo: measures.undo,
      finish: measures.finish,
      cancel: measures.cancel,
      keyboardVertices: tool.keyboard?.length ?? null,
      startKeyboard: measures.startKeyboard,
      touch: tool.touch,
      draft,
      restoreDraft: measures.restoreDraft,
      discardDraft: measures.discardDraft,
      measureFeature: measures.measureFeature,
      rename: measures.rename,
      recolor: measures.recolor,
      setHidden: measures.setHidden,
      remove: measures.remove,
      restoreDeleted: measures.restoreDeleted,
      lastDeleted,
      editShape: (id) => void measures.editShape(id),
      zoomTo: measures.zoomTo,
      exportItems,
    };
  }, [measures, state.status, state.persistent, measurements, unsaved, figures, breakdowns, selectedId, tool, message, draft, lastDeleted, t]);

  return (
    <MeasureContext.Provider value={value}>
      <MeasureLiveContext.Provider value={live}>{children}</MeasureLiveContext.Provider>
    </MeasureContext.Provider>
  );
}

function download(text: string, filename: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
