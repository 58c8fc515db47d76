/**
 * The measurements a planner keeps, without React or the DOM: the list, its store, the per-tab
 * draft of the shape being drawn, the breakdowns (worker) and the messages a person reads.
 *
 * Promises made here (and tested in measureController.test.ts):
 * - the UI says "added" or "renamed" only once the store has confirmed the write;
 * - a failed write keeps the change on screen, marked unsaved, with what to do, and can be retried;
 *   nothing is dropped;
 * - edits write only the fields they change; changes from another tab are read in; a measurement
 *   deleted anywhere stays deleted;
 * - a finished shape and the removal of its draft are one write.
 */
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryIssue } from '../geo/GeometryError.ts';
import type { Lang } from '../geo/lang.ts';
import { describeIssue } from '../i18n/describeIssue.ts';
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import type { DrawMode } from '../map/draw/drawModes.ts';
import type { BreakdownSourceLayer, MeasurementBreakdown } from '../measure/breakdown.ts';
import { figuresOf, figureText, issueOf } from '../measure/figuresState.ts';
import { liveFigures, type LiveFigures } from '../measure/liveFigures.ts';
import { placedGeometry } from '../measure/placedGeometry.ts';
import type { MeasuredGeometry, Measurement, MeasurementDraft, MeasurementKind } from '../measure/types.ts';
import type { MeasurementStore } from '../store/measurementDb.ts';
import { createMemoryStore } from '../store/memoryStore.ts';
import type { StoreChange } from '../store/recordStore.ts';
import { StoreError, storeErrorOf, type StoreErrorKind } from '../store/storeError.ts';
import type { DrawingEvents, DrawnGeometry, LiveShape, MeasureDrawing, SketchKey } from './measureDrawing.ts';
import { Observable } from './observable.ts';

const MEASURE_COLORS = ['#d7263d', '#1b7f79', '#3d5a80', '#e07a1f', '#7b3fa0', '#2e86ab', '#8a6d00', '#c2185b'];

export type BreakdownState = { status: 'pending' } | { status: 'done'; result: MeasurementBreakdown } | { status: 'error'; message: string };

/** A message for the toolbar's status line. `alert` ones are errors a user must act on. */
export interface ToolMessage {
  kind: 'info' | 'alert';
  text: string;
}

/** A change shown on screen that the store has not confirmed. */
export interface UnsavedChange {
  /**
   * 'create': the measurement was never stored (`clearDraft`: the draft to remove with it);
   * 'restore': its undelete was not; 'patch': these fields were not; 'delete'.
   */
  op: 'create' | 'restore' | 'patch' | 'delete';
  fields?: Partial<Measurement>;
  clearDraft?: string;
  error: StoreErrorKind;
}

export interface MeasureState {
  /** 'unreadable': stored measurements exist (or may) but cannot be read; new work stays in memory. */
  status: 'loading' | 'ready' | 'unreadable';
  persistent: boolean;
  measurements: Measurement[];
  /** Per measurement: what is on screen but not stored (and why). */
  unsaved: Readonly<Record<string, UnsavedChange>>;
  /** Writes in flight. */
  saving: ReadonlySet<string>;
  breakdowns: Readonly<Record<string, BreakdownState>>;
  selectedId: string | null;
  /** A sketch left by this tab (before a reload) or by a tab that is gone. */
  draft: MeasurementDraft | null;
  lastDeleted: Measurement | null;
  message: ToolMessage | null;
  tool: ToolState;
}

/** The drawing tool over the map. */
export interface ToolState {
  open: boolean;
  /** The drawing library is being loaded. */
  loading: boolean;
  /** The pointer drawing mode (kept while the tool is closed, for the next time). */
  mode: DrawMode | null;
  snapping: boolean;
  /** Measurement being edited (vertex editing), or 'new' for a just-drawn shape that crosses itself. */
  editing: string | null;
  invalid: GeometryIssue | null;
  /** Keyboard drawing (crosshair): the vertices placed so far; null when it is off. */
  keyboard: readonly Position[] | null;
  /** A touch screen: finishing a shape ends the tool, so the next tap inspects the map again. */
  touch: boolean;
}

/** Figures of the shape being drawn or edited. */
export interface LiveState extends LiveFigures {
  vertexCount: number;
  editing: boolean;
  geometryType: DrawnGeometry['type'];
}

/** The figures of the shape being drawn: an observable of their own, as they change at pointer rate. */
class LiveFiguresState extends Observable<{ shape: LiveState | null }> {
  set(shape: LiveState | null): void {
    if (shape !== this.getState().shape) this.update({ shape });
  }
}

/** The breakdown worker, as the controller uses it (see src/measure/breakdownClient.ts). */
interface BreakdownWorker {
  setLayers(layers: readonly BreakdownSourceLayer[]): Promise<void>;
  breakdown(geometry: MeasuredGeometry): Promise<MeasurementBreakdown>;
  dispose(): void;
}

interface MeasureControllerOptions {
  /** The store, or null where there is none (work is kept in memory, and the UI says so). */
  openStore: () => Promise<MeasurementStore | null>;
  /** Started when the first breakdown is needed. */
  startBreakdownWorker: () => BreakdownWorker;
  /** This tab's key for its draft (kept across reloads of the tab). */
  tabKey: string;
  /** Whether another open tab owns a draft key (its drafts are not offered here). */
  isTabAlive?: (key: string) => Promise<boolean>;
  text: () => { t: (key: MessageKey, params?: MessageParams) => string; lang: Lang };
  now?: () => Date;
  makeId?: () => string;
  /** How long the pointer rests before a moving sketch (freehand, rectangle, circle) is kept. */
  draftPauseMs?: number;
}

type Editable = Partial<Pick<Measurement, 'name' | 'color' | 'hidden' | 'geometry'>>;

export class MeasureController extends Observable<MeasureState> {
  private store: MeasurementStore | null = null;
  private readonly options: MeasureControllerOptions;
  private readonly cleanups: (() => void)[] = [];
  private draftKey: string | null = null;
  private tabKey: string;
  /** Draft writes run one after another, so an older sketch never lands after a newer one. */
  private draftChain: Promise<unknown> = Promise.resolve();
  private worker: BreakdownWorker | null = null;
  private layers: readonly BreakdownSourceLayer[] | null = null;
  private layersReady: Promise<void> | null = null;
  private layersVersion = 0;
  private readonly requested = new Map<string, { geometry: MeasuredGeometry; layersVersion: number }>();
  private disposed = false;

  constructor(options: MeasureControllerOptions) {
    super({
      status: 'loading',
      persistent: true,
      measurements: [],
      unsaved: {},
      saving: new Set(),
      breakdowns: {},
      selectedId: null,
      draft: null,
      lastDeleted: null,
      message: null,
      tool: { open: false, loading: false, mode: null, snapping: true, editing: null, invalid: null, keyboard: null, touch: false },
    });
    this.options = options;
    this.tabKey = options.tabKey;
    this.subscribe(() => this.showShapes());
  }

  // ---- loading and other tabs -------------------------------------------------------------------

  private loading: Promise<void> | null = null;

  /**
   * Opens the store and reads the measurements and this tab's (or an orphaned) draft. Runs once;
   * `tabKey` replaces the key given at construction (a duplicated tab takes a new one).
   */
  load(tabKey?: string): Promise<void> {
    if (tabKey) this.tabKey = tabKey;
    return (this.loading ??= this.open());
  }

  private async open(): Promise<void> {
    let store: MeasurementStore | null;
    try {
      store = await this.options.openStore();
    } catch (error) {
      this.unreadable(error);
      return;
    }
    if (this.disposed) return store?.close();
    if (!store) {
      this.store = createMemoryStore<Measurement, MeasurementDraft>();
      this.update({ status: 'ready', persistent: false });
      return;
    }
    this.store = store;
    try {
      const [list, drafts] = await Promise.all([store.list(), store.drafts()]);
      if (this.disposed) return;
      const offered = await this.offeredDraft(drafts);
      this.draftKey = offered?.key ?? null;
      this.update((s) => ({
        status: 'ready',
        persistent: store.persistent,
        // Shapes made while loading (none in practice) stay after the stored ones.
        measurements: [...list, ...s.measurements.filter((m) => !list.some((x) => x.id === m.id))],
        draft: offered?.draft ?? null,
      }));
      this.refreshBreakdowns();
    } catch (error) {
      this.unreadable(error);
      return;
    }
    this.cleanups.push(
      store.onChange((change) => void this.applyRemoteChange(change)),
      store.onUnavailable(() => this.say('alert', 'measure.store.closedByUpgrade')),
    );
  }

  private unreadable(error: unknown): void {
    // New work is kept in memory meanwhile; the list says why the stored work is not shown.
    this.store = createMemoryStore<Measurement, MeasurementDraft>();
    this.update({ status: 'unreadable', persistent: false });
    this.say('alert', 'measure.store.unreadable', { reason: storeErrorOf(error).message });
  }

  private async offeredDraft(drafts: { key: string; draft: MeasurementDraft }[]): Promise<{ key: string; draft: MeasurementDraft } | null> {
    const own = drafts.find((d) => d.key === this.tabKey);
    if (own) return own;
    for (const d of drafts) if (!(await this.options.isTabAlive?.(d.key))) return d;
    return null;
  }

  private async applyRemoteChange(change: StoreChange): Promise<void> {
    const store = this.store;
    if (!store || this.disposed) return;
    if (change.type === 'delete') {
      this.requested.delete(change.id);
      this.update((s) => ({
        measurements: s.measurements.filter((m) => m.id !== change.id),
        unsaved: without(s.unsaved, change.id),
        selectedId: s.selectedId === change.id ? null : s.selectedId,
      }));
      return;
    }
    let record: Measurement | null;
    try {
      record = await store.get(change.id);
    } catch {
      // Read again on the next change; what is shown stays as it is.
      return;
    }
    if (!record || this.disposed) return;
    const fresh = record;
    this.update((s) => {
      const unsaved = s.unsaved[fresh.id];
      // Our own unsaved fields stay on top of theirs until they are saved or given up.
      const shown = unsaved?.op === 'patch' ? { ...fresh, ...unsaved.fields } : fresh;
      const exists = s.measurements.some((m) => m.id === fresh.id);
      return { measurements: exists ? s.measurements.map((m) => (m.id === fresh.id ? keepGeometry(m, shown) : m)) : [...s.measurements, shown] };
    });
    this.refreshBreakdowns();
  }

  // ---- commands ----------------------------------------------------------------------------------

  select = (id: string | null): void => {
    if (this.getState().selectedId !== id) this.update({ selectedId: id });
  };

  dismissMessage(): void {
    if (this.getState().message) this.update({ message: null });
  }

  nextName(key: MessageKey = 'measure.defaultName'): string {
    return this.options.text().t(key, { n: this.getState().measurements.length + 1 });
  }

  /**
   * Adds a measurement (shown at once, announced once stored). `fromDraft`: the draft it was
   * drawn as, removed in the same write. Resolves with the measurement (stored or kept unsaved).
   */
  async add(geometry: MeasuredGeometry, kind: MeasurementKind, name: string, extra: { source?: Measurement['source']; clearDraft?: boolean } = {}): Promise<Measurement> {
    const at = this.now();
    const measurement: Measurement = {
      id: this.options.makeId?.() ?? makeId(),
      name,
      color: MEASURE_COLORS[this.getState().measurements.length % MEASURE_COLORS.length],
      hidden: false,
      kind,
      geometry,
      ...(extra.source ? { source: extra.source } : {}),
      createdAt: at,
      updatedAt: at,
    };
    // The previous message (e.g. "crosses itself") goes; "added" comes once the store confirms.
    this.update((s) => ({ measurements: [...s.measurements, measurement], selectedId: measurement.id, message: null }));
    this.refreshBreakdowns();
    const clearDraft = extra.clearDraft ? this.draftKeyToClear() : undefined;
    await this.write(measurement.id, { op: 'create', ...(clearDraft ? { clearDraft } : {}) }, async (store) => {
      // Pending sketch writes go first: the clearing below must be the last word on the draft.
      await this.draftChain;
      return store.create(measurement, clearDraft ? { clearDraft } : {});
    });
    if (clearDraft) this.draftKey = null;
    const saved = !this.getState().unsaved[measurement.id];
    if (saved) this.announce(measurement, 'added');
    return this.getState().measurements.find((m) => m.id === measurement.id) ?? measurement;
  }

  rename = (id: string, name: string): void => {
    const trimmed = name.trim();
    if (trimmed) void this.change(id, { name: trimmed });
  };
  recolor = (id: string, color: string): void => void this.change(id, { color });
  setHidden = (id: string, hidden: boolean): void => void this.change(id, { hidden });

  /** A new shape for a measurement (vertex editing); announced once stored. */
  async reshape(id: string, geometry: MeasuredGeometry): Promise<void> {
    await this.change(id, { geometry });
    const m = this.getState().measurements.find((x) => x.id === id);
    if (m && !this.getState().unsaved[id]) this.announce(m, 'updated');
  }

  /** Shows the change at once and writes only these fields. */
  async change(id: string, fields: Editable): Promise<void> {
    const current = this.getState().measurements.find((m) => m.id === id);
    if (!current) return;
    const change = { ...fields, updatedAt: this.now() };
    this.update((s) => ({ measurements: s.measurements.map((m) => (m.id === id ? { ...m, ...change } : m)) }));
    if (change.geometry) this.refreshBreakdowns();
    const pending = this.getState().unsaved[id];
    if (pending?.op === 'create' || pending?.op === 'restore') {
      // Never stored: the next retry writes it whole, with this change.
      return this.retry(id);
    }
    const all = { ...(pending?.op === 'patch' ? pending.fields : {}), ...change };
    await this.write(id, { op: 'patch', fields: all }, (store) => store.patch(id, all));
  }

  remove = (id: string): void => {
    const m = this.getState().measurements.find((x) => x.id === id);
    if (!m) return;
    if (this.getState().tool.editing === id) this.drawing?.cancel();
    this.requested.delete(id);
    const neverStored = this.getState().unsaved[id]?.op === 'create';
    this.update((s) => ({
      measurements: s.measurements.filter((x) => x.id !== id),
      unsaved: without(s.unsaved, id),
      lastDeleted: m,
      selectedId: s.selectedId === id ? null : s.selectedId,
    }));
    this.say('info', 'measure.item.deleted', { name: m.name });
    if (neverStored) return;
    void this.write(id, { op: 'delete' }, async (store) => {
      await store.delete(id);
      return null;
    }).then((saved) => {
      // Not deleted in the store: it stays in the list, marked, until the delete is retried.
      if (!saved && this.getState().unsaved[id]) this.update((s) => ({ measurements: [...s.measurements, m].sort(byCreated), lastDeleted: null }));
    });
  };

  restoreDeleted = (): void => {
    const m = this.getState().lastDeleted;
    if (!m) return;
    this.update((s) => ({ measurements: [...s.measurements, m].sort(byCreated), lastDeleted: null, message: null }));
    this.refreshBreakdowns();
    void this.write(m.id, { op: 'restore' }, (store) => store.undelete(m));
  };

  /** Writes again what is unsaved for this measurement. */
  retry = async (id: string): Promise<void> => {
    const pending = this.getState().unsaved[id];
    const m = this.getState().measurements.find((x) => x.id === id);
    if (!pending) return;
    if (pending.op === 'delete') {
      const deleted = await this.write(id, pending, async (store) => {
        await store.delete(id);
        return null;
      });
      if (deleted) this.update((s) => ({ measurements: s.measurements.filter((x) => x.id !== id) }));
      return;
    }
    if (!m) return;
    if (pending.op === 'create') await this.write(id, pending, (store) => store.create(m, pending.clearDraft ? { clearDraft: pending.clearDraft } : {}));
    else if (pending.op === 'restore') await this.write(id, pending, (store) => store.undelete(m));
    else await this.write(id, pending, (store) => store.patch(id, pending.fields ?? {}));
    if (!this.getState().unsaved[id]) this.say('info', 'measure.store.saved', { name: m.name });
  };

  /**
   * One write to the store, with its outcome on screen: on success the stored version is taken
   * (and the item is no longer unsaved); on failure the item is marked unsaved with what to do.
   */
  private async write(id: string, intent: Omit<UnsavedChange, 'error'>, run: (store: MeasurementStore) => Promise<Measurement | null>): Promise<boolean> {
    const store = this.store;
    if (!store) {
      this.markUnsaved(id, intent, new StoreError('unavailable', 'not loaded'));
      return false;
    }
    this.update((s) => ({ saving: new Set(s.saving).add(id) }));
    try {
      const stored = await run(store);
      this.update((s) => ({
        unsaved: without(s.unsaved, id),
        saving: withoutItem(s.saving, id),
        measurements: stored ? s.measurements.map((m) => (m.id === id ? { ...m, version: stored.version } : m)) : s.measurements,
      }));
      return true;
    } catch (error) {
      const e = storeErrorOf(error);
      this.update((s) => ({ saving: withoutItem(s.saving, id) }));
      if (e.kind === 'deleted' && intent.op !== 'create') {
        // Deleted in another tab: it stays deleted here too.
        const m = this.getState().measurements.find((x) => x.id === id);
        this.update((s) => ({ measurements: s.measurements.filter((x) => x.id !== id), unsaved: without(s.unsaved, id) }));
        if (m) this.say('alert', 'measure.store.deletedElsewhere', { name: m.name });
        return false;
      }
      this.markUnsaved(id, intent, e);
      return false;
    }
  }

  private markUnsaved(id: string, intent: Omit<UnsavedChange, 'error'>, error: StoreError): void {
    const name = this.getState().measurements.find((m) => m.id === id)?.name ?? this.getState().lastDeleted?.name ?? '';
    this.update((s) => ({ unsaved: { ...s.unsaved, [id]: { ...intent, error: error.kind } } }));
    const key: MessageKey = error.kind === 'quota' ? 'measure.store.full' : error.kind === 'unavailable' ? 'measure.store.unavailable' : 'measure.store.failed';
    this.say('alert', key, { name, reason: error.message });
  }

  // ---- drafts ------------------------------------------------------------------------------------

  /** Keeps the sketch being drawn (this tab's draft). A failed write is said; the next vertex writes again. */
  saveDraft(draft: MeasurementDraft | null): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const key = this.tabKey;
    const next = this.draftChain.then(() => store.putDraft(key, draft));
    this.draftChain = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      if (draft) this.say('alert', 'measure.store.draftFailed', { reason: storeErrorOf(error).message });
    });
  }

  /** The offered draft, taken out of the offer (the caller adds it, or edits it further). */
  takeDraft(): MeasurementDraft | null {
    const draft = this.getState().draft;
    if (draft) this.update({ draft: null });
    return draft;
  }

  /** Takes the offered draft into this tab's own draft (to be edited further here). */
  async adoptDraft(): Promise<MeasurementDraft | null> {
    const draft = this.takeDraft();
    const from = this.draftKey;
    this.draftKey = null;
    if (!draft) return null;
    await this.saveDraft(draft);
    if (from && from !== this.tabKey) await this.dropDraft(from);
    return draft;
  }

  private dropDraft(key: string): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const next = this.draftChain.then(() => store.putDraft(key, null));
    this.draftChain = next.catch(() => undefined);
    return next.catch((error: unknown) => this.say('alert', 'measure.store.draftFailed', { reason: storeErrorOf(error).message }));
  }

  discardDraft = (): void => {
    this.dropPendingDraft();
    this.update({ draft: null });
    const key = this.draftKeyToClear();
    this.draftKey = null;
    void this.dropDraft(key);
  };

  /** The draft this tab would clear: the offered one (another, closed tab's), else its own. */
  private draftKeyToClear(): string {
    return this.draftKey ?? this.tabKey;
  }

  // ---- breakdowns --------------------------------------------------------------------------------

  /** The layers breakdowns are counted against, each with its role (the worker starts once there is a shape). */
  setLayers(layers: readonly BreakdownSourceLayer[]): void {
    this.layers = layers;
    this.layersReady = null;
    this.refreshBreakdowns();
  }

  private refreshBreakdowns(): void {
    const { measurements } = this.getState();
    if (!this.layers || measurements.length === 0 || this.disposed) return;
    const worker = (this.worker ??= this.options.startBreakdownWorker());
    if (!this.layersReady) {
      const version = ++this.layersVersion;
      this.layersReady = worker.setLayers(this.layers);
      this.layersReady.then(
        () => {
          if (version === this.layersVersion) this.requestBreakdowns(version);
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.update((s) => ({ breakdowns: Object.fromEntries(s.measurements.map((m) => [m.id, { status: 'error', message } as const])) }));
        },
      );
      return;
    }
    this.requestBreakdowns(this.layersVersion);
  }

  private requestBreakdowns(layersVersion: number): void {
    const worker = this.worker;
    if (!worker || !this.layersReady) return;
    for (const m of this.getState().measurements) {
      const last = this.requested.get(m.id);
      if ((last?.geometry === m.geometry && last.layersVersion === layersVersion) || !figuresOf(m.geometry).ok) continue;
      const stamp = { geometry: m.geometry, layersVersion };
      this.requested.set(m.id, stamp);
      this.update((s) => ({ breakdowns: { ...s.breakdowns, [m.id]: { status: 'pending' } } }));
      const settle = (state: BreakdownState) => {
        if (this.requested.get(m.id) === stamp && !this.disposed) this.update((s) => ({ breakdowns: { ...s.breakdowns, [m.id]: state } }));
      };
      worker.breakdown(m.geometry).then(
        (result) => settle({ status: 'done', result }),
        (error: unknown) => settle({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    }
  }

  // ---- drawing on the map ------------------------------------------------------------------------

  /** Figures of the shape being drawn or edited: subscribed to apart, as they change at pointer rate. */
  readonly live = new LiveFiguresState({ shape: null });
  private drawing: MeasureDrawing | null = null;
  private drawingLoaded: MeasureDrawing | null = null;
  /** Draw id of the shape being edited. */
  private editDrawId: string | null = null;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingDraft: MeasurementDraft | null = null;
  private lastVertexCount = -1;
  private shown: { measurements: Measurement[]; editing: string | null; selectedId: string | null; lang: Lang; measuring: boolean; sketch: readonly Position[] | null } | null = null;

  private readonly drawingEvents: DrawingEvents = {
    onLive: (shape) => this.onLive(shape),
    onFinish: (geometry, mode, drawId) => this.onFinish(geometry, mode, drawId),
    onEdit: (geometry, drawId) => this.onEdit(geometry, drawId),
    onEditEnd: (drawId) => this.onEditEnd(drawId),
    onSketchKey: (key) => this.sketchKey(key),
    onKeyboardFocus: () => {
      const { tool } = this.getState();
      if (tool.open && tool.editing === null && tool.keyboard === null && !tool.touch && this.live.getState().shape === null) this.startKeyboard();
    },
  };

  /** The map to draw on; returns the detach (the map is going away). */
  attachDrawing(drawing: MeasureDrawing): () => void {
    this.drawing = drawing;
    drawing.listen(this.drawingEvents);
    drawing.setSnapping(this.getState().tool.snapping);
    this.shown = null;
    this.showShapes();
    return () => {
      if (this.drawing !== drawing) return;
      this.drawing = null;
      this.drawingLoaded = null;
      this.editDrawId = null;
      this.live.set(null);
      this.update((s) => ({ tool: { ...s.tool, editing: null, invalid: null, keyboard: null } }));
    };
  }

  /** Says the measurements' labels again (the language changed). */
  relabel(): void {
    this.shown = null;
    this.showShapes();
  }

  /** What the map shows follows the state: the measurements, the measuring flag, the keyboard sketch. */
  private showShapes(): void {
    const drawing = this.drawing;
    if (!drawing) return;
    const { measurements, selectedId, tool } = this.getState();
    const { lang } = this.options.text();
    const measuring = tool.open || tool.editing !== null;
    const last = this.shown;
    this.shown = { measurements, editing: tool.editing, selectedId, lang, measuring, sketch: tool.keyboard };
    if (last?.measuring !== measuring) drawing.setMeasuring(measuring);
    if (last?.sketch !== tool.keyboard) drawing.showSketch(tool.keyboard);
    if (last && last.measurements === measurements && last.editing === tool.editing && last.selectedId === selectedId && last.lang === lang) return;
    drawing.showShapes(
      measurements
        .filter((m) => !m.hidden && m.id !== tool.editing)
        .map((m) => {
          const f = figuresOf(m.geometry);
          const figure = f.ok ? figureText(f.figures, lang) : '';
          return { id: m.id, geometry: m.geometry, color: m.color, label: figure ? `${m.name}\n${figure}` : m.name, selected: m.id === selectedId };
        }),
    );
  }

  private setTool(change: Partial<ToolState>): void {
    this.update((s) => ({ tool: { ...s.tool, ...change } }));
  }

  /** The drawing library, loaded on first use (the first map paint does not wait for it). */
  private async loadDrawing(): Promise<MeasureDrawing | null> {
    const drawing = this.drawing;
    if (!drawing) return null;
    if (this.drawingLoaded === drawing) return drawing;
    this.setTool({ loading: true });
    try {
      await drawing.load();
    } catch (error) {
      // Could not be loaded (e.g. the site went offline): said, and tried again next time.
      this.say('alert', 'measure.toolLoadFailed', { reason: error instanceof Error ? error.message : String(error) });
      return null;
    } finally {
      this.setTool({ loading: false });
    }
    if (this.drawing !== drawing || this.disposed) return null;
    this.drawingLoaded = drawing;
    return drawing;
  }

  /** Opens the tool in the mode chosen last (polygon at first), or closes it. */
  setToolOpen = (open: boolean): void => {
    if (open) {
      this.setTool({ open: true });
      this.setMode(this.getState().tool.mode ?? 'polygon');
      return;
    }
    // The chosen mode is kept for the next time the tool opens.
    this.dropEditing();
    this.endKeyboard();
    this.setTool({ open: false });
    this.live.set(null);
    this.drawing?.setMode(null);
  };

  setMode = (mode: DrawMode): void => {
    this.setTool({ mode });
    this.setMessage(null);
    this.dropEditing();
    this.endKeyboard();
    void this.loadDrawing().then((drawing) => {
      if (drawing && this.getState().tool.open) drawing.setMode(mode);
    });
  };

  setSnapping = (snapping: boolean): void => {
    this.setTool({ snapping });
    this.drawing?.setSnapping(snapping);
  };

  /** A touch screen (no Enter or Esc; finishing a shape ends the tool). */
  setTouch(touch: boolean): void {
    if (this.getState().tool.touch !== touch) this.setTool({ touch });
  }

  undo = (): void => {
    const vertices = this.getState().tool.keyboard;
    if (vertices) this.placeKeyboard(vertices.slice(0, -1));
    else this.drawing?.undo();
  };

  finish = (): void => {
    const { keyboard } = this.getState().tool;
    if (keyboard) return void this.endKeyboardSketch();
    const drawing = this.drawing;
    if (!drawing) return;
    if (drawing.getMode() === 'edit') drawing.cancel();
    else drawing.finish();
  };

  cancel = (): void => {
    if (this.getState().tool.keyboard) {
      this.cancelKeyboard();
      return;
    }
    this.drawing?.cancel();
  };

  private onLive(shape: LiveShape | null): void {
    if (!shape) return this.live.set(null);
    this.live.set({ ...liveFigures(shape.geometry), vertexCount: shape.vertexCount, editing: shape.editing, geometryType: shape.geometry.type });
    if (shape.editing) return;
    // The sketch is kept in the store so a crash or a closed tab loses nothing: at once when a
    // vertex is clicked, otherwise when the pointer rests (and when the tab hides). Click modes
    // place vertices one by one; freehand, rectangle and circle change with every move.
    const clicked = shape.mode === 'polygon' || shape.mode === 'line';
    // A click-drawn sketch is kept as placed, without the pointer's point, once it makes a shape.
    const placedShape = clicked && shape.vertexCount >= (shape.geometry.type === 'Polygon' ? 3 : 2);
    const geometry = placedShape ? placedGeometry(shape.geometry, shape.vertexCount) : shape.geometry;
    this.pendingDraft = { kind: shape.mode, geometry, savedAt: this.now() };
    clearTimeout(this.draftTimer);
    if (clicked && shape.vertexCount !== this.lastVertexCount) {
      this.lastVertexCount = shape.vertexCount;
      this.flushDraft();
    } else this.draftTimer = setTimeout(this.flushDraft, this.options.draftPauseMs ?? 1000);
  }

  /** Writes the sketch that waits for a pause now (the tab is being hidden or closed). */
  flushDraft = (): void => {
    clearTimeout(this.draftTimer);
    const d = this.pendingDraft;
    this.pendingDraft = null;
    // A failure is said by saveDraft; the next vertex writes again.
    if (d) void this.saveDraft(d);
  };

  /** Forgets the sketch waiting to be written (the shape is finished, or dropped). */
  private dropPendingDraft(): void {
    clearTimeout(this.draftTimer);
    this.pendingDraft = null;
    this.lastVertexCount = -1;
  }

  private putDraft(draft: MeasurementDraft | null): void {
    this.dropPendingDraft();
    void this.saveDraft(draft);
  }

  /** A finished shape becomes a measurement; one that crosses itself stays in the editor to be fixed. */
  private onFinish(geometry: DrawnGeometry, mode: DrawMode, drawId: string): void {
    const issue = issueOf(geometry);
    if (issue) {
      this.editDrawId = drawId;
      this.keepInvalid(geometry, mode, issue);
      this.drawing?.editFinished(drawId);
      return;
    }
    this.drawing?.remove(drawId);
    this.addDrawn(geometry, mode);
  }

  private keepInvalid(geometry: DrawnGeometry, mode: DrawMode, issue: GeometryIssue): void {
    this.setTool({ editing: 'new', invalid: issue });
    this.setMessage({ kind: 'alert', text: this.invalidText(issue, false) });
    this.putDraft({ kind: mode, geometry, savedAt: this.now() });
  }

  /** Stored with the removal of its draft in one write: a crash at any moment leaves one or the other. */
  private addDrawn(geometry: DrawnGeometry, mode: DrawMode): void {
    this.dropPendingDraft();
    void this.add(geometry, mode, this.nextName(), { clearDraft: true });
    // On a touch screen the tool ends with the shape: the next tap inspects the map again. After
    // the drawing library has finished handling the tap that finished the shape.
    if (this.getState().tool.touch) setTimeout(() => this.setToolOpen(false), 0);
  }

  private onEdit(geometry: DrawnGeometry, drawId: string): void {
    if (drawId !== this.editDrawId) return;
    const issue = issueOf(geometry);
    const { editing: target, mode } = this.getState().tool;
    if (issue) {
      this.setTool({ invalid: issue });
      this.setMessage({ kind: 'alert', text: this.invalidText(issue, target !== 'new') });
      if (target === 'new') this.putDraft({ kind: mode ?? 'polygon', geometry, savedAt: this.now() });
      return;
    }
    this.setTool({ invalid: null });
    if (target === 'new') {
      // Fixed: it becomes a measurement, and further edits update it.
      this.dropPendingDraft();
      const adding = this.add(geometry, mode ?? 'polygon', this.nextName(), { clearDraft: true });
      const id = this.getState().selectedId;
      if (id) this.setTool({ editing: id });
      void adding;
    } else if (target) {
      void this.reshape(target, geometry);
    }
  }

  private onEditEnd(drawId: string): void {
    if (drawId !== this.editDrawId) return;
    this.editDrawId = null;
    if (this.getState().tool.editing === 'new') {
      this.putDraft(null);
      this.say('info', 'measure.invalid.discarded');
    }
    this.setTool({ editing: null, invalid: null });
  }

  /** Ends any editing session in the state (the map ends its own). */
  private dropEditing(): void {
    const { editing } = this.getState().tool;
    if (editing === null) return;
    this.editDrawId = null;
    if (editing === 'new') this.putDraft(null);
    this.setTool({ editing: null, invalid: null });
  }

  /** Vertex editing of a measurement on the map. */
  editShape = async (id: string): Promise<void> => {
    const m = this.getState().measurements.find((x) => x.id === id);
    if (!m || !isEditable(m.geometry)) return;
    const geometry = m.geometry;
    this.endKeyboard();
    this.setTool({ open: true });
    const drawing = await this.loadDrawing();
    if (!drawing) return;
    // When editing ends the tool goes on drawing in the mode chosen last.
    const resume = this.getState().tool.mode ?? 'polygon';
    this.setTool({ mode: resume });
    this.dropEditing();
    drawing.setMode(resume);
    const drawMode: DrawMode = geometry.type === 'LineString' ? 'line' : m.kind === 'feature' || m.kind === 'line' ? 'polygon' : m.kind;
    const drawId = drawing.edit(geometry, drawMode);
    if (drawId === null) return;
    this.editDrawId = drawId;
    this.setTool({ editing: id, invalid: null });
    this.setMessage(null);
    this.select(id);
  };

  zoomTo = (id: string): void => {
    const m = this.getState().measurements.find((x) => x.id === id);
    if (!m) return;
    this.drawing?.fitBounds(bboxOf(m.geometry));
    this.select(id);
  };

  /** Measure an existing map feature: adds it to the list (with its breakdown) and selects it. */
  measureFeature = async (feature: Feature<Polygon | MultiPolygon | LineString>, name: string, layerId?: string): Promise<string | null> => {
    const geometry = feature?.geometry;
    const issue = geometry ? issueOf(geometry) : ({ featureIndex: 0, code: 'missing-geometry', detail: 'no geometry' } as GeometryIssue);
    if (issue) {
      this.say('alert', 'measure.measureThis.invalid', { reason: describeIssue(issue, this.options.text().lang) });
      return null;
    }
    const m = await this.add(structuredClone(geometry), 'feature', name, { source: { layerId: layerId ?? '', name } });
    return m.id;
  };

  /** The offered draft: added as a measurement, or (still crossing) back into the editor to be fixed. */
  restoreDraft = (): void => {
    const d = this.getState().draft;
    if (!d) return;
    this.dropPendingDraft();
    const issue = issueOf(d.geometry);
    if (!issue) {
      this.takeDraft();
      void this.add(d.geometry, d.kind, this.nextName('measure.draftName'), { clearDraft: true });
      return;
    }
    this.endKeyboard();
    this.setTool({ open: true });
    void this.adoptDraft();
    void this.loadDrawing().then((drawing) => {
      if (!drawing || d.geometry.type === 'MultiPolygon') return;
      const drawId = drawing.edit(d.geometry, d.geometry.type === 'LineString' ? 'line' : 'polygon');
      if (drawId === null) return;
      this.editDrawId = drawId;
      this.setTool({ mode: d.kind === 'feature' ? 'polygon' : d.kind, editing: 'new', invalid: issue });
      this.setMessage({ kind: 'alert', text: this.invalidText(issue, false) });
    });
  };

  // ---- keyboard drawing --------------------------------------------------------------------------

  /** Keyboard drawing: a crosshair at the map's centre, where Enter places a vertex; the arrows pan. */
  startKeyboard = (): void => {
    const drawing = this.drawing;
    if (!drawing) return;
    this.dropEditing();
    // Pointer drawing stands back (a half-drawn pointer sketch is dropped).
    drawing.setMode(null);
    this.live.set(null);
    this.setTool({ open: true, keyboard: [] });
    this.setMessage(null);
    drawing.focus();
  };

  /** Enter adds a vertex at the crosshair, Backspace removes the last, Esc ends (≥ 3 vertices: finished). */
  private sketchKey(key: SketchKey): boolean {
    const { tool } = this.getState();
    const drawing = this.drawing;
    if (!drawing || tool.editing !== null || tool.touch) return false;
    let vertices = tool.keyboard;
    if (!vertices) {
      // Enter on the focused map starts keyboard drawing, unless a pointer sketch is under way.
      if (key !== 'Enter' || !tool.open || this.live.getState().shape !== null) return false;
      this.startKeyboard();
      vertices = [];
    }
    if (key === 'Enter') this.placeKeyboard([...vertices, roundPosition(drawing.crosshair())]);
    else if (key === 'Backspace') this.placeKeyboard(vertices.slice(0, -1));
    else void this.endKeyboardSketch();
    return true;
  }

  private placeKeyboard(vertices: readonly Position[]): void {
    this.setTool({ keyboard: vertices });
    if (vertices.length === 0) {
      this.live.set(null);
      this.putDraft(null);
      return;
    }
    const geometry = ringOf(vertices);
    this.live.set({ ...liveFigures(geometry), vertexCount: vertices.length, editing: false, geometryType: 'Polygon' });
    this.putDraft({ kind: 'polygon', geometry, savedAt: this.now() });
  }

  /** Esc or 完成: three vertices or more make a polygon; fewer are dropped. */
  private async endKeyboardSketch(): Promise<void> {
    const vertices = this.getState().tool.keyboard;
    if (!vertices) return;
    if (vertices.length < 3) return this.cancelKeyboard();
    const geometry = ringOf(vertices);
    this.endKeyboard();
    this.resumePointer();
    const issue = issueOf(geometry);
    if (!issue) return this.addDrawn(geometry, 'polygon');
    // Crosses itself: into the editor, as a pointer-drawn shape would go.
    this.keepInvalid(geometry, 'polygon', issue);
    const drawing = await this.loadDrawing();
    const drawId = drawing?.edit(geometry, 'polygon') ?? null;
    if (drawId === null) return this.dropEditing();
    this.editDrawId = drawId;
  }

  private cancelKeyboard(): void {
    if (!this.getState().tool.keyboard) return;
    this.endKeyboard();
    this.putDraft(null);
    this.resumePointer();
  }

  /** Back to pointer drawing in the chosen mode while the tool stays open. */
  private resumePointer(): void {
    const { open, mode } = this.getState().tool;
    if (open && mode && this.drawingLoaded) this.drawingLoaded.setMode(mode);
  }

  private endKeyboard(): void {
    if (!this.getState().tool.keyboard) return;
    this.setTool({ keyboard: null });
    this.live.set(null);
  }

  private invalidText(issue: GeometryIssue, editingSaved: boolean): string {
    const { t, lang } = this.options.text();
    if (issue.code === 'self-intersection' || issue.code === 'ring-intersection') {
      return `${t('measure.invalid.title')} ${t(editingSaved ? 'measure.invalid.edit' : 'measure.invalid.keep')}`;
    }
    return t('measure.invalid.other', { reason: describeIssue(issue, lang) });
  }

  // ---- messages ----------------------------------------------------------------------------------

  say(kind: ToolMessage['kind'], key: MessageKey, params?: MessageParams): void {
    this.update({ message: { kind, text: this.options.text().t(key, params) } });
  }

  setMessage(message: ToolMessage | null): void {
    this.update({ message });
  }

  private announce(m: Measurement, what: 'added' | 'updated'): void {
    const { t, lang } = this.options.text();
    const f = figuresOf(m.geometry);
    if (!f.ok) return;
    const figure = figureText(f.figures, lang);
    const text =
      what === 'updated'
        ? t('measure.updated', { name: m.name, figure })
        : f.figures.type === 'area'
          ? t('measure.added', { name: m.name, area: figure })
          : t('measure.addedLine', { name: m.name, length: figure });
    this.update({ message: { kind: 'info', text } });
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.draftTimer);
    this.drawing = null;
    for (const c of this.cleanups) c();
    this.worker?.dispose();
    this.worker = null;
    this.store?.close();
  }
}

function without<V>(record: Readonly<Record<string, V>>, id: string): Record<string, V> {
  if (!(id in record)) return record;
  const { [id]: _gone, ...rest } = record;
  return rest;
}

function withoutItem(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  next.delete(id);
  return next;
}

const byCreated = (a: Measurement, b: Measurement) => a.createdAt.localeCompare(b.createdAt);

/** The same geometry object when the shape did not change, so its breakdown is not asked again. */
function keepGeometry(before: Measurement, after: Measurement): Measurement {
  return JSON.stringify(before.geometry) === JSON.stringify(after.geometry) ? { ...after, geometry: before.geometry } : after;
}

/** An id without crypto.randomUUID, which intranet pages served over plain http do not have. */
function makeId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `m-${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** terra-draw edits single-ring polygons and lines only. */
export function isEditable(geometry: MeasuredGeometry): geometry is DrawnGeometry {
  return geometry.type === 'LineString' || (geometry.type === 'Polygon' && geometry.coordinates.length === 1);
}

function bboxOf(geometry: MeasuredGeometry): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (p: Position) => {
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

/** A closed ring through the placed vertices. */
function ringOf(vertices: readonly Position[]): Polygon {
  return { type: 'Polygon', coordinates: [[...vertices.map((p) => [p[0], p[1]]), [vertices[0][0], vertices[0][1]]]] };
}

/** 9 decimals (≈ 0.1 mm), as the pointer-drawn shapes are kept. */
function roundPosition(p: Position): Position {
  return [Math.round(p[0] * 1e9) / 1e9, Math.round(p[1] * 1e9) / 1e9];
}
