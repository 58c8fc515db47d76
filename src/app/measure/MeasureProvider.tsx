/**
 * The measuring tool's state, shared by the map toolbar, the measurements list and anyone who
 * wants to measure an existing feature (`useMeasure().measureFeature`). Owns:
 * - the measurements, loaded from and written to IndexedDB on every change;
 * - their figures (geo core, synchronous and cheap) and breakdowns (worker, per finished shape);
 * - the drawing session (terra-draw, loaded on first use so the first map paint does not wait).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { describeIssue } from '../../geo/describeIssue.ts';
import { GeometryError, type GeometryIssue } from '../../geo/GeometryError.ts';
import { formatArea, formatLength } from '../../geo/units.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { DrawController, DrawMode, DrawnGeometry, LiveShape } from '../../map/draw/drawController.ts';
import { addMeasurementLayers, type MeasurementLayers } from '../../map/draw/measurementLayers.ts';
import { setMeasuring } from '../../map/draw/measuringState.ts';
import { createZoneSnapper } from '../../map/draw/zoneSnapper.ts';
import type { MeasurementBreakdown } from '../../measure/breakdown.ts';
import { createBreakdownClient, type BreakdownClient } from '../../measure/breakdownClient.ts';
import { exportMeasurements, type ExportFormat, type ExportItem } from '../../measure/exporters.ts';
import { liveFigures, type LiveFigures } from '../../measure/liveFigures.ts';
import { measuredFigures } from '../../measure/measuredFigures.ts';
import { placedGeometry } from '../../measure/placedGeometry.ts';
import { openMeasurementStore, type MeasurementDraft, type MeasurementStore } from '../../measure/measurementStore.ts';
import type { MeasuredFigures, MeasuredGeometry, Measurement, MeasurementKind } from '../../measure/types.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';

export const MEASURE_COLORS = ['#d7263d', '#1b7f79', '#3d5a80', '#e07a1f', '#7b3fa0', '#2e86ab', '#8a6d00', '#c2185b'];

export type FiguresState = { ok: true; figures: MeasuredFigures } | { ok: false; issue: GeometryIssue };

export type BreakdownState = { status: 'pending' } | { status: 'done'; result: MeasurementBreakdown } | { status: 'error'; message: string };

export interface LiveState extends LiveFigures {
  vertexCount: number;
  editing: boolean;
  geometryType: DrawnGeometry['type'];
}

/** A message for the toolbar's status line. `alert` ones are errors a user must act on. */
export interface ToolMessage {
  kind: 'info' | 'alert';
  text: string;
}

export interface MeasureContextValue {
  loaded: boolean;
  persistent: boolean;
  measurements: Measurement[];
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
  editing: string | 'new' | null;
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

export function MeasureProvider({ children }: { children: ReactNode }) {
  const { map, painted, layers, visibleLayers } = useWorkspace();
  const { t, lang } = useI18n();

  const [store, setStore] = useState<MeasurementStore | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [measurements, setMeasurements] = useState<Measurement[]>([]);
  const [breakdowns, setBreakdowns] = useState<Record<string, BreakdownState>>({});
  const [selectedId, select] = useState<string | null>(null);
  const [draft, setDraft] = useState<MeasurementDraft | null>(null);
  const [lastDeleted, setLastDeleted] = useState<Measurement | null>(null);

  const [toolOpen, setToolOpenState] = useState(false);
  const [toolLoading, setToolLoading] = useState(false);
  const [controller, setController] = useState<DrawController | null>(null);
  const [mode, setModeState] = useState<DrawMode | null>(null);
  const [snapping, setSnappingState] = useState(true);
  const [live, setLive] = useState<LiveState | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [invalid, setInvalid] = useState<GeometryIssue | null>(null);
  const [message, setMessage] = useState<ToolMessage | null>(null);

  // Latest values for the draw controller's callbacks (created once, long-lived).
  const latest = useRef({ measurements, editing, mode, store, t, lang });
  latest.current = { measurements, editing, mode, store, t, lang };
  /** terra-draw id of the shape being edited. */
  const editDrawId = useRef<string | null>(null);
  const draftTimer = useRef<number>(0);
  const pendingDraft = useRef<MeasurementDraft | null>(null);
  const lastVertexCount = useRef(-1);
  const flushDraft = useCallback(() => {
    window.clearTimeout(draftTimer.current);
    const d = pendingDraft.current;
    pendingDraft.current = null;
    if (d) void latest.current.store?.putDraft(d);
  }, []);
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

  // ---- persistence -------------------------------------------------------------------------
  useEffect(() => {
    let cancelled = false;
    let opened: MeasurementStore | null = null;
    openMeasurementStore().then(async (s) => {
      opened = s;
      if (cancelled) return s.close();
      const [list, savedDraft] = await Promise.all([s.list(), s.getDraft()]);
      if (cancelled) return;
      setStore(s);
      setMeasurements(list);
      setDraft(savedDraft);
      setLoaded(true);
    });
    return () => {
      cancelled = true;
      opened?.close();
    };
  }, []);

  const save = useCallback((m: Measurement) => {
    void latest.current.store?.put(m);
  }, []);

  const upsert = useCallback(
    (m: Measurement) => {
      setMeasurements((list) => (list.some((x) => x.id === m.id) ? list.map((x) => (x.id === m.id ? m : x)) : [...list, m]));
      save(m);
    },
    [save],
  );

  const patch = useCallback(
    (id: string, change: Partial<Measurement>) => {
      const current = latest.current.measurements.find((m) => m.id === id);
      if (!current) return;
      upsert({ ...current, ...change, updatedAt: new Date().toISOString() });
    },
    [upsert],
  );

  const putDraft = useCallback((d: MeasurementDraft | null) => {
    window.clearTimeout(draftTimer.current);
    pendingDraft.current = null;
    lastVertexCount.current = -1;
    void latest.current.store?.putDraft(d);
  }, []);

  // ---- figures and breakdowns -----------------------------------------------------------------
  const figures = useMemo(() => {
    const result = new Map<string, FiguresState>();
    for (const m of measurements) result.set(m.id, figuresOf(m.geometry));
    return result;
  }, [measurements]);

  const client = useRef<BreakdownClient | null>(null);
  const [layersVersion, setLayersVersion] = useState(0);
  // The split worker starts only once there is something to split, and never before the map's
  // first paint: on two cores it would otherwise compete with MapLibre for the first frame.
  const needsBreakdown = painted && measurements.length > 0;
  useEffect(() => {
    if (!needsBreakdown) return;
    const c = (client.current ??= createBreakdownClient());
    let current = true;
    // Features are named by the layer's label property (an imported layer's chosen one).
    c.setLayers(layers.map((l) => ({ id: l.id, title: l.title, data: l.data, role: l.role, ...(l.style.label ? { nameKey: l.style.label } : {}) }))).then(() => {
      if (current) setLayersVersion((v) => v + 1);
    });
    return () => {
      current = false;
    };
  }, [layers, needsBreakdown]);
  useEffect(
    () => () => {
      // Forget the disposed client: React may mount this provider again (StrictMode, remounts).
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  /**
   * Which geometry each breakdown was asked for, and with which layers. Renaming, recolouring or
   * hiding keeps the geometry object, so only a changed shape (or changed layers) asks again.
   */
  const requested = useRef(new Map<string, { geometry: MeasuredGeometry; layersVersion: number }>());
  useEffect(() => {
    const c = client.current;
    if (!c || layersVersion === 0) return;
    for (const m of measurements) {
      const last = requested.current.get(m.id);
      if ((last?.geometry === m.geometry && last.layersVersion === layersVersion) || !figures.get(m.id)?.ok) continue;
      const stamp = { geometry: m.geometry, layersVersion };
      requested.current.set(m.id, stamp);
      setBreakdowns((b) => ({ ...b, [m.id]: { status: 'pending' } }));
      c.breakdown(m.geometry).then(
        (result) => {
          if (requested.current.get(m.id) === stamp) setBreakdowns((b) => ({ ...b, [m.id]: { status: 'done', result } }));
        },
        (err: unknown) => {
          if (requested.current.get(m.id) === stamp) setBreakdowns((b) => ({ ...b, [m.id]: { status: 'error', message: err instanceof Error ? err.message : String(err) } }));
        },
      );
    }
  }, [measurements, figures, layersVersion]);

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
  const nextName = useCallback((key: MessageKey = 'measure.defaultName') => {
    const list = latest.current.measurements;
    return latest.current.t(key, { n: list.length + 1 });
  }, []);
  const nextColor = useCallback(() => MEASURE_COLORS[latest.current.measurements.length % MEASURE_COLORS.length], []);

  const createMeasurement = useCallback(
    (geometry: MeasuredGeometry, kind: MeasurementKind, name: string, source?: Measurement['source']): Measurement => {
      const now = new Date().toISOString();
      const m: Measurement = { id: makeId(), name, color: nextColor(), hidden: false, kind, geometry, ...(source ? { source } : {}), createdAt: now, updatedAt: now };
      upsert(m);
      select(m.id);
      return m;
    },
    [nextColor, upsert],
  );

  const announce = useCallback((m: Measurement, key: 'measure.added' | 'measure.updated') => {
    const { t: tr, lang: lg } = latest.current;
    const f = figuresOf(m.geometry);
    if (!f.ok) return;
    const figure = figureText(f.figures, lg);
    const text =
      key === 'measure.updated'
        ? tr('measure.updated', { name: m.name, figure })
        : f.figures.type === 'area'
          ? tr('measure.added', { name: m.name, area: figure })
          : tr('measure.addedLine', { name: m.name, length: figure });
    setMessage({ kind: 'info', text });
  }, []);

  const controllerRef = useRef<DrawController | null>(null);
  controllerRef.current = controller;

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
        const draft: MeasurementDraft = { kind: shape.mode, geometry, savedAt: new Date().toISOString() };
        pendingDraft.current = draft;
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
      putDraft(null);
      const m = createMeasurement(geometry, drawMode, nextName());
      announce(m, 'measure.added');
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
        putDraft(null);
        const m = createMeasurement(geometry, latest.current.mode ?? 'polygon', nextName());
        setEditing(m.id);
        announce(m, 'measure.added');
      } else if (target) {
        const current = latest.current.measurements.find((m) => m.id === target);
        if (!current) return;
        const m = { ...current, geometry, updatedAt: new Date().toISOString() };
        upsert(m);
        announce(m, 'measure.updated');
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
      .finally(() => setToolLoading(false));
    loadingController.current = loading;
    return loading;
  }, [map]);

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
    [ensureController, dropEditing],
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
    [ensureController, dropEditing],
  );

  const remove = useCallback(
    (id: string) => {
      const m = latest.current.measurements.find((x) => x.id === id);
      if (!m) return;
      if (latest.current.editing === id) controllerRef.current?.cancel();
      setMeasurements((list) => list.filter((x) => x.id !== id));
      void latest.current.store?.remove(id);
      requested.current.delete(id);
      setLastDeleted(m);
      setMessage({ kind: 'info', text: latest.current.t('measure.item.deleted', { name: m.name }) });
      select((s) => (s === id ? null : s));
    },
    [],
  );

  const restoreDeleted = useCallback(() => {
    if (!lastDeleted) return;
    upsert(lastDeleted);
    setLastDeleted(null);
    setMessage(null);
  }, [lastDeleted, upsert]);

  const zoomTo = useCallback(
    (id: string) => {
      const m = latest.current.measurements.find((x) => x.id === id);
      if (!m || !map) return;
      const [w, s, e, n] = bboxOf(m.geometry);
      const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      map.fitBounds([w, s, e, n], { padding: 60, maxZoom: 15, animate: !reduced });
      select(id);
    },
    [map],
  );

  const measureFeature = useCallback(
    async (feature: Feature<Polygon | MultiPolygon | LineString>, name: string, layerId?: string): Promise<string | null> => {
      const geometry = feature?.geometry;
      const issue = geometry ? issueOf(geometry) : ({ featureIndex: 0, code: 'missing-geometry', detail: 'no geometry' } as GeometryIssue);
      if (issue) {
        setMessage({ kind: 'alert', text: latest.current.t('measure.measureThis.invalid', { reason: describeIssue(issue, latest.current.lang) }) });
        return null;
      }
      const m = createMeasurement(structuredClone(geometry), 'feature', name, { layerId: layerId ?? '', name });
      announce(m, 'measure.added');
      return m.id;
    },
    [announce, createMeasurement],
  );

  useEffect(() => {
    window.shanshuiMeasure = { measureFeature, measurements: () => latest.current.measurements };
    return () => {
      delete window.shanshuiMeasure;
    };
  }, [measureFeature]);

  const restoreDraft = useCallback(() => {
    const d = draft;
    setDraft(null);
    if (!d) return;
    putDraft(null);
    const issue = issueOf(d.geometry);
    if (!issue) {
      const m = createMeasurement(d.geometry, d.kind, nextName('measure.draftName'));
      announce(m, 'measure.added');
      return;
    }
    // Still crossing (or unfinished): back into the editor, where it can be fixed.
    setToolOpenState(true);
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
  }, [draft, putDraft, createMeasurement, nextName, announce, ensureController]);

  const discardDraft = useCallback(() => {
    setDraft(null);
    putDraft(null);
  }, [putDraft]);

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
      loaded,
      persistent: store?.persistent ?? true,
      measurements,
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
      rename: (id, name) => patch(id, { name: name.trim() || latest.current.measurements.find((m) => m.id === id)?.name || name }),
      recolor: (id, color) => patch(id, { color }),
      setHidden: (id, hidden) => patch(id, { hidden }),
      remove,
      restoreDeleted,
      lastDeleted,
      editShape: (id) => void editShape(id),
      zoomTo,
      exportItems,
    }),
    [
      loaded,
      store,
      measurements,
      figures,
      breakdowns,
      selectedId,
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
      patch,
      remove,
      restoreDeleted,
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

/** Figures of a stored shape, or why it has none. */
export function figuresOf(geometry: MeasuredGeometry): FiguresState {
  try {
    return { ok: true, figures: measuredFigures(geometry) };
  } catch (err) {
    if (err instanceof GeometryError && err.issues[0]) return { ok: false, issue: err.issues[0] };
    throw err;
  }
}

function issueOf(geometry: MeasuredGeometry): GeometryIssue | null {
  const f = figuresOf(geometry);
  return f.ok ? null : f.issue;
}

/** The final figure as text: 亩 to 0.01 for areas (ha and km² beside it in the list), km/m for lengths. */
export function figureText(figures: MeasuredFigures, lang: 'zh' | 'en'): string {
  return figures.type === 'area' ? formatArea(figures.area_m2, 'mu', lang) : formatLength(figures.length_m, lang);
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

/** An id without crypto.randomUUID, which intranet pages served over plain http do not have. */
function makeId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `m-${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
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
