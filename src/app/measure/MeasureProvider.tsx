/**
 * The measuring tool's state, shared by the map toolbar, the measurements list and anyone who
 * wants to measure an existing feature (`useMeasure().measureFeature`). Owns:
 * - the measurements, their store, drafts and breakdowns: a MeasureController (src/controllers),
 *   which this provider creates, feeds and subscribes to (useSyncExternalStore);
 * - their figures (geo core, synchronous and cheap);
 * - the drawing session (terra-draw, loaded on first use so the first map paint does not wait).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { describeIssue } from '../../geo/describeIssue.ts';
import type { GeometryIssue } from '../../geo/GeometryError.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { DrawController, DrawMode, DrawnGeometry, LiveShape } from '../../map/draw/drawController.ts';
import { addMeasurementLayers, type MeasurementLayers } from '../../map/draw/measurementLayers.ts';
import { setMeasuring } from '../../map/draw/measuringState.ts';
import { createZoneSnapper } from '../../map/draw/zoneSnapper.ts';
import { MeasureController, type BreakdownState, type ToolMessage, type UnsavedChange } from '../../controllers/measureController.ts';
import { createBreakdownClient } from '../../measure/breakdownClient.ts';
import { exportMeasurements, type ExportFormat, type ExportItem } from '../../measure/exporters.ts';
import { figuresOf, figureText, issueOf, type FiguresState } from '../../measure/figuresState.ts';
import { liveFigures, type LiveFigures } from '../../measure/liveFigures.ts';
import { placedGeometry } from '../../measure/placedGeometry.ts';
import type { MeasuredGeometry, Measurement, MeasurementDraft } from '../../measure/types.ts';
import { openMeasurementDb } from '../../store/measurementDb.ts';
import { useSyncController } from '../sync/sync.tsx';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';

export type { BreakdownState, FiguresState };

export interface LiveState extends LiveFigures {
  vertexCount: number;
  editing: boolean;
  geometryType: DrawnGeometry['type'];
}

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
  const { measurements, breakdowns, selectedId, draft, lastDeleted, message, unsaved } = state;
  const select = measures.select;

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

  const [toolOpen, setToolOpenState] = useState(false);
  const [toolLoading, setToolLoading] = useState(false);
  const [controller, setController] = useState<DrawController | null>(null);
  const [mode, setModeState] = useState<DrawMode | null>(null);
  const [snapping, setSnappingState] = useState(true);
  const [live, setLive] = useState<LiveState | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<GeometryIssue | null>(null);
  const setMessage = useCallback((m: ToolMessage | null) => measures.setMessage(m), [measures]);

  // Latest values for the draw controller's callbacks (created once, long-lived).
  const latest = useRef({ measurements, editing, mode, t, lang });
  latest.current = { measurements, editing, mode, t, lang };
  /** terra-draw id of the shape being edited. */
  const editDrawId = useRef<string | null>(null);
  const draftTimer = useRef<number>(0);
  const pendingDraft = useRef<MeasurementDraft | null>(null);
  const lastVertexCount = useRef(-1);
  const flushDraft = useCallback(() => {
    window.clearTimeout(draftTimer.current);
    const d = pendingDraft.current;
    pendingDraft.current = null;
    // A failure is shown by the controller; the next vertex writes again.
    if (d) void measures.saveDraft(d);
  }, [measures]);
  // A tab being closed or hidden gets its last sketch written now rather than after the pause.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flushDraft();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flushDraft);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flushDraft);
    };
  }, [flushDraft]);

  /** Forgets the sketch waiting to be written (the shape is finished, or dropped). */
  const dropPendingDraft = useCallback(() => {
    window.clearTimeout(draftTimer.current);
    pendingDraft.current = null;
    lastVertexCount.current = -1;
  }, []);
  const putDraft = useCallback(
    (d: MeasurementDraft | null) => {
      dropPendingDraft();
      void measures.saveDraft(d);
    },
    [measures, dropPendingDraft],
  );

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

  // ---- the measurements on the map --------------------------------------------------------------
  const mapLayers = useRef<MeasurementLayers | null>(null);
  useEffect(() => {
    if (!map) return;
    const added = addMeasurementLayers(map);
    mapLayers.current = added;
    return () => {
      mapLayers.current = null;
      try {
        added.remove();
      } catch {
        // The map may already be gone (workspace torn down).
      }
    };
  }, [map]);
  useEffect(() => {
    mapLayers.current?.update(
      measurements
        .filter((m) => !m.hidden && m.id !== editing)
        .map((m) => {
          const f = figures.get(m.id);
          const figure = f?.ok ? figureText(f.figures, lang) : '';
          return { id: m.id, geometry: m.geometry, color: m.color, label: figure ? `${m.name}\n${figure}` : m.name, selected: m.id === selectedId };
        }),
    );
  }, [measurements, figures, editing, selectedId, lang, map]);

  // ---- drawing ------------------------------------------------------------------------------------
  const controllerRef = useRef<DrawController | null>(null);
  controllerRef.current = controller;

  /** Adds a shape; the controller announces it once stored (or says why it is not). */
  const addShape = useCallback(
    (geometry: MeasuredGeometry, kind: Measurement['kind'], name: string, extra: { source?: Measurement['source']; clearDraft?: boolean } = {}) => measures.add(geometry, kind, name, extra),
    [measures],
  );

  const handlers = useRef({
    onLive(shape: LiveShape | null) {
      if (!shape) {
        setLive(null);
        return;
      }
      setLive({ ...liveFigures(shape.geometry), vertexCount: shape.vertexCount, editing: shape.editing, geometryType: shape.geometry.type });
      if (!shape.editing) {
        // Keep the sketch in IndexedDB so a crash or a closed tab loses nothing: at once when a
        // vertex is clicked, otherwise when the pointer rests for a second (and when the tab hides).
        // Click modes place vertices one by one; freehand, rectangle and circle change with every move.
        const clicked = shape.mode === 'polygon' || shape.mode === 'line';
        // A click-drawn sketch is kept as placed, without the pointer's point, once it makes a shape.
        const placedShape = clicked && shape.vertexCount >= (shape.geometry.type === 'Polygon' ? 3 : 2);
        const geometry = placedShape ? placedGeometry(shape.geometry, shape.vertexCount) : shape.geometry;
        const d: MeasurementDraft = { kind: shape.mode, geometry, savedAt: new Date().toISOString() };
        pendingDraft.current = d;
        window.clearTimeout(draftTimer.current);
        if (clicked && shape.vertexCount !== lastVertexCount.current) {
          lastVertexCount.current = shape.vertexCount;
          flushDraft();
        } else draftTimer.current = window.setTimeout(flushDraft, 1000);
      }
    },
    onFinish(geometry: DrawnGeometry, drawMode: DrawMode, drawId: string) {
      const issue = issueOf(geometry);
      if (issue) {
        editDrawId.current = drawId;
        setEditing('new');
        setInvalid(issue);
        setMessage({ kind: 'alert', text: invalidText(issue, latest.current.t, latest.current.lang, false) });
        controllerRef.current?.editFinished(drawId);
        putDraft({ kind: drawMode, geometry, savedAt: new Date().toISOString() });
        return;
      }
      controllerRef.current?.remove(drawId);
      // The measurement is saved and the draft removed in one transaction: a crash at any moment
      // leaves one or the other.
      dropPendingDraft();
      void addShape(geometry, drawMode, measures.nextName(), { clearDraft: true });
    },
    onEdit(geometry: DrawnGeometry, drawId: string) {
      if (drawId !== editDrawId.current) return;
      const issue = issueOf(geometry);
      const target = latest.current.editing;
      if (issue) {
        setInvalid(issue);
        setMessage({ kind: 'alert', text: invalidText(issue, latest.current.t, latest.current.lang, target !== 'new') });
        if (target === 'new') putDraft({ kind: latest.current.mode ?? 'polygon', geometry, savedAt: new Date().toISOString() });
        return;
      }
      setInvalid(null);
      if (target === 'new') {
        // Fixed: it becomes a measurement, and further edits update it.
        dropPendingDraft();
        const adding = addShape(geometry, latest.current.mode ?? 'polygon', measures.nextName(), { clearDraft: true });
        const id = measures.getState().selectedId;
        if (id) setEditing(id);
        void adding;
      } else if (target) {
        void measures.reshape(target, geometry);
      }
    },
    onEditEnd(drawId: string) {
      if (drawId !== editDrawId.current) return;
      editDrawId.current = null;
      if (latest.current.editing === 'new') {
        putDraft(null);
        setMessage({ kind: 'info', text: latest.current.t('measure.invalid.discarded') });
      }
      setEditing(null);
      setInvalid(null);
    },
  });

  /** The controller, created once per map; concurrent callers share the one being loaded. */
  const loadingController = useRef<Promise<DrawController | null> | null>(null);
  const ensureController = useCallback((): Promise<DrawController | null> => {
    if (controllerRef.current) return Promise.resolve(controllerRef.current);
    if (!map) return Promise.resolve(null);
    if (loadingController.current) return loadingController.current;
    setToolLoading(true);
    const loading = import('../../map/draw/drawController.ts')
      .then(({ createDrawController }) => {
        if (loadingController.current !== loading) return null; // the map changed meanwhile
        const h = handlers.current;
        const c = createDrawController(map, {
          onLive: (s) => h.onLive(s),
          onFinish: (g, m, id) => h.onFinish(g, m, id),
          onEdit: (g, id) => h.onEdit(g, id),
          onEditEnd: (id) => h.onEditEnd(id),
        });
        controllerRef.current = c;
        setController(c);
        return c;
      })
      .catch((error: unknown) => {
        // The drawing code could not be loaded (e.g. the site went offline): say so, try again next time.
        if (loadingController.current === loading) loadingController.current = null;
        setMessage({ kind: 'alert', text: latest.current.t('measure.toolLoadFailed', { reason: error instanceof Error ? error.message : String(error) }) });
        return null;
      })
      .finally(() => setToolLoading(false));
    loadingController.current = loading;
    return loading;
  }, [map, setMessage]);

  useEffect(
    () => () => {
      loadingController.current = null;
      controllerRef.current?.destroy();
      controllerRef.current = null;
      setController(null);
    },
    [map],
  );

  // Other click handlers on the map stand back while a vertex click is for the measuring tool.
  useEffect(() => {
    if (!map) return;
    setMeasuring(map, toolOpen || editing !== null);
    return () => setMeasuring(map, false);
  }, [map, toolOpen, editing]);

  // Snapping to the boundaries of the visible layers (rebuilt when visibility changes).
  useEffect(() => {
    if (!controller) return;
    const features = layers.filter((l) => visibleLayers.has(l.id)).flatMap((l) => l.data.features);
    controller.setSnapper(createZoneSnapper(features));
  }, [controller, layers, visibleLayers]);
  useEffect(() => controller?.setSnapping(snapping), [controller, snapping]);

  /** Ends any editing session in the provider's state (the controller ends its own). */
  const dropEditing = useCallback(() => {
    if (latest.current.editing === null) return;
    editDrawId.current = null;
    if (latest.current.editing === 'new') putDraft(null);
    setEditing(null);
    setInvalid(null);
  }, [putDraft]);

  const setMode = useCallback(
    (next: DrawMode) => {
      setModeState(next);
      setMessage(null);
      dropEditing();
      void ensureController().then((c) => c?.setMode(next));
    },
    [ensureController, dropEditing, setMessage],
  );

  const setToolOpen = useCallback(
    (open: boolean) => {
      setToolOpenState(open);
      if (open) {
        setMode(latest.current.mode ?? 'polygon');
        return;
      }
      // The chosen mode is kept for the next time the tool opens.
      dropEditing();
      setLive(null);
      controllerRef.current?.setMode(null);
    },
    [setMode, dropEditing],
  );

  const setSnapping = useCallback((enabled: boolean) => setSnappingState(enabled), []);

  const undo = useCallback(() => controllerRef.current?.undo(), []);
  const finish = useCallback(() => {
    const c = controllerRef.current;
    if (!c) return;
    if (c.getMode() === 'edit') c.cancel();
    else c.finish();
  }, []);
  const cancel = useCallback(() => controllerRef.current?.cancel(), []);

  // ---- list actions --------------------------------------------------------------------------------
  const editShape = useCallback(
    async (id: string) => {
      const m = latest.current.measurements.find((x) => x.id === id);
      if (!m || !isEditable(m.geometry)) return;
      setToolOpenState(true);
      const c = await ensureController();
      if (!c) return;
      // When editing ends the tool goes on drawing in the mode chosen last.
      const resume = latest.current.mode ?? 'polygon';
      setModeState(resume);
      dropEditing();
      c.setMode(resume);
      const drawMode: DrawMode = m.geometry.type === 'LineString' ? 'line' : m.kind === 'feature' || m.kind === 'line' ? 'polygon' : m.kind;
      const drawId = c.edit(m.geometry as DrawnGeometry, drawMode);
      if (drawId === null) return;
      editDrawId.current = drawId;
      setEditing(id);
      setInvalid(null);
      setMessage(null);
      select(id);
    },
    [ensureController, dropEditing, setMessage, select],
  );

  const remove = useCallback(
    (id: string) => {
      if (latest.current.editing === id) controllerRef.current?.cancel();
      measures.remove(id);
    },
    [measures],
  );

  const zoomTo = useCallback(
    (id: string) => {
      const m = latest.current.measurements.find((x) => x.id === id);
      if (!m || !map) return;
      const [w, s, e, n] = bboxOf(m.geometry);
      const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      map.fitBounds([w, s, e, n], { padding: 60, maxZoom: 15, animate: !reduced });
      select(id);
    },
    [map, select],
  );

  const measureFeature = useCallback(
    async (feature: Feature<Polygon | MultiPolygon | LineString>, name: string, layerId?: string): Promise<string | null> => {
      const geometry = feature?.geometry;
      const issue = geometry ? issueOf(geometry) : ({ featureIndex: 0, code: 'missing-geometry', detail: 'no geometry' } as GeometryIssue);
      if (issue) {
        setMessage({ kind: 'alert', text: latest.current.t('measure.measureThis.invalid', { reason: describeIssue(issue, latest.current.lang) }) });
        return null;
      }
      const m = await addShape(structuredClone(geometry), 'feature', name, { source: { layerId: layerId ?? '', name } });
      return m.id;
    },
    [addShape, setMessage],
  );

  useEffect(() => {
    window.shanshuiMeasure = { measureFeature, measurements: () => latest.current.measurements };
    return () => {
      delete window.shanshuiMeasure;
    };
  }, [measureFeature]);

  const restoreDraft = useCallback(() => {
    const d = measures.getState().draft;
    if (!d) return;
    dropPendingDraft();
    const issue = issueOf(d.geometry);
    if (!issue) {
      measures.takeDraft();
      void addShape(d.geometry, d.kind, measures.nextName('measure.draftName'), { clearDraft: true });
      return;
    }
    // Still crossing (or unfinished): back into the editor (as this tab's draft), where it can be fixed.
    setToolOpenState(true);
    void measures.adoptDraft();
    void ensureController().then((c) => {
      if (!c || d.geometry.type === 'MultiPolygon') return;
      const drawId = c.edit(d.geometry, d.geometry.type === 'LineString' ? 'line' : 'polygon');
      if (drawId === null) return;
      editDrawId.current = drawId;
      setModeState(d.kind === 'feature' ? 'polygon' : d.kind);
      setEditing('new');
      setInvalid(issue);
      setMessage({ kind: 'alert', text: invalidText(issue, latest.current.t, latest.current.lang, false) });
    });
  }, [measures, dropPendingDraft, addShape, ensureController, setMessage]);

  const discardDraft = useCallback(() => {
    dropPendingDraft();
    measures.discardDraft();
  }, [measures, dropPendingDraft]);

  const exportItems = useCallback(
    (ids: readonly string[] | null, format: ExportFormat) => {
      const list = ids ? latest.current.measurements.filter((m) => ids.includes(m.id)) : latest.current.measurements;
      if (list.length === 0) return;
      const items: ExportItem[] = list.map((measurement) => {
        const f = figures.get(measurement.id);
        return { measurement, figures: f?.ok ? f.figures : null };
      });
      const base = list.length === 1 && ids ? list[0].name : `${latest.current.t('measure.export.fileBase')}-${new Date().toISOString().slice(0, 10)}`;
      const file = exportMeasurements(items, format, base);
      download(file.text, file.filename, file.mimeType);
    },
    [figures],
  );

  const value = useMemo<MeasureContextValue>(
    () => ({
      loaded: state.status !== 'loading',
      unreadable: state.status === 'unreadable',
      persistent: state.persistent,
      measurements,
      unsaved,
      retry: (id) => void measures.retry(id),
      figures,
      breakdowns,
      selectedId,
      select,
      toolOpen,
      toolLoading,
      setToolOpen,
      mode,
      setMode,
      snapping,
      setSnapping,
      editing,
      invalid,
      message,
      undo,
      finish,
      cancel,
      draft,
      restoreDraft,
      discardDraft,
      measureFeature,
      rename: measures.rename,
      recolor: measures.recolor,
      setHidden: measures.setHidden,
      remove,
      restoreDeleted: measures.restoreDeleted,
      lastDeleted,
      editShape: (id) => void editShape(id),
      zoomTo,
      exportItems,
    }),
    [
      measures,
      state.status,
      state.persistent,
      measurements,
      unsaved,
      figures,
      breakdowns,
      selectedId,
      select,
      toolOpen,
      toolLoading,
      setToolOpen,
      mode,
      setMode,
      snapping,
      setSnapping,
      editing,
      invalid,
      message,
      undo,
      finish,
      cancel,
      draft,
      restoreDraft,
      discardDraft,
      measureFeature,
      remove,
      lastDeleted,
      editShape,
      zoomTo,
      exportItems,
    ],
  );

  return (
    <MeasureContext.Provider value={value}>
      <MeasureLiveContext.Provider value={live}>{children}</MeasureLiveContext.Provider>
    </MeasureContext.Provider>
  );
}

function invalidText(issue: GeometryIssue, t: (key: MessageKey, params?: Record<string, string | number>) => string, lang: 'zh' | 'en', editingSaved: boolean): string {
  if (issue.code === 'self-intersection' || issue.code === 'ring-intersection') {
    return `${t('measure.invalid.title')} ${t(editingSaved ? 'measure.invalid.edit' : 'measure.invalid.keep')}`;
  }
  return t('measure.invalid.other', { reason: describeIssue(issue, lang) });
}

/** terra-draw edits single-ring polygons and lines only. */
export function isEditable(geometry: MeasuredGeometry): boolean {
  return geometry.type === 'LineString' || (geometry.type === 'Polygon' && geometry.coordinates.length === 1);
}

function bboxOf(geometry: MeasuredGeometry): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (p: number[]) => {
    if (p[0] < w) w = p[0];
    if (p[0] > e) e = p[0];
    if (p[1] < s) s = p[1];
    if (p[1] > n) n = p[1];
  };
  if (geometry.type === 'LineString') geometry.coordinates.forEach(visit);
  else if (geometry.type === 'Polygon') geometry.coordinates.forEach((r) => r.forEach(visit));
  else geometry.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
  return [w, s, e, n];
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
