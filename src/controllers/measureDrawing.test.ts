/**
 * The measuring flow (draw → measure → store → list) in Node: MeasureController with an in-memory
 * store and a recording map (what the real src/map/measureDrawing.ts would be told). MapLibre and
 * terra-draw cannot run here; the browser tests cover them.
 */
import type { Polygon, Position } from 'geojson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../i18n/index.ts';
import type { DrawMode } from '../map/draw/drawModes.ts';
import type { MeasurementMapFeature } from '../map/draw/measurementLayers.ts';
import type { Measurement, MeasurementDraft } from '../measure/types.ts';
import { createMemoryStore, memoryBacking, type MemoryBacking } from '../store/memoryStore.ts';
import { MeasureController } from './measureController.ts';
import type { DrawingEvents, DrawnGeometry, MeasureDrawing } from './measureDrawing.ts';

const SQUARE: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.01, 36.1], [113.01, 36.11], [113.0, 36.11], [113.0, 36.1]]] };
const BOWTIE: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.01, 36.11], [113.01, 36.1], [113.0, 36.11], [113.0, 36.1]]] };

/** A map that records what it is told and lets the test act as the person on it. */
class RecordingMap implements MeasureDrawing {
  events!: DrawingEvents;
  calls: string[] = [];
  shapes: readonly MeasurementMapFeature[] = [];
  sketch: readonly Position[] | null = null;
  measuring = false;
  mode: DrawMode | 'edit' | null = null;
  centre: Position = [113, 36];
  failLoads = 0;
  private nextId = 0;

  listen(events: DrawingEvents) {
    this.events = events;
  }
  load() {
    this.calls.push('load');
    if (this.failLoads > 0) {
      this.failLoads--;
      return Promise.reject(new Error('offline'));
    }
    return Promise.resolve();
  }
  setMode(mode: DrawMode | null) {
    this.calls.push(`setMode ${mode}`);
    this.mode = mode;
  }
  getMode() {
    return this.mode;
  }
  finish() {
    this.calls.push('finish');
  }
  cancel() {
    this.calls.push('cancel');
  }
  undo() {
    this.calls.push('undo');
  }
  edit(_geometry: DrawnGeometry, mode: DrawMode) {
    this.calls.push(`edit ${mode}`);
    this.mode = 'edit';
    return `d${++this.nextId}`;
  }
  editFinished(drawId: string) {
    this.calls.push(`editFinished ${drawId}`);
    this.mode = 'edit';
  }
  remove(drawId: string) {
    this.calls.push(`remove ${drawId}`);
  }
  setSnapping(enabled: boolean) {
    this.calls.push(`snapping ${enabled}`);
  }
  showShapes(shapes: readonly MeasurementMapFeature[]) {
    this.shapes = shapes;
  }
  showSketch(vertices: readonly Position[] | null) {
    this.sketch = vertices;
  }
  crosshair() {
    return this.centre;
  }
  focus() {
    this.calls.push('focus');
  }
  setMeasuring(measuring: boolean) {
    this.measuring = measuring;
  }
  fitBounds(bbox: [number, number, number, number]) {
    this.calls.push(`fit ${bbox.join(',')}`);
  }
}

type Backing = MemoryBacking<Measurement, MeasurementDraft>;

const controllers: MeasureController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
  vi.useRealTimers();
});

async function setUp(options: { failCreate?: boolean } = {}) {
  const backing: Backing = memoryBacking();
  const store = createMemoryStore<Measurement, MeasurementDraft>(backing, (a, b) => a.createdAt.localeCompare(b.createdAt));
  if (options.failCreate) store.create = () => Promise.reject(new Error('disk full'));
  let n = 0;
  const controller = new MeasureController({
    openStore: () => Promise.resolve(store),
    startBreakdownWorker: () => ({ setLayers: () => Promise.resolve(), breakdown: () => new Promise(() => undefined), dispose: () => undefined }),
    tabKey: 'tab-a',
    text: () => ({ t: (key, params) => translate('zh', key, params), lang: 'zh' }),
    makeId: () => `m${++n}`,
  });
  controllers.push(controller);
  await controller.load();
  const map = new RecordingMap();
  const detach = controller.attachDrawing(map);
  return { controller, map, backing, detach };
}

/** Lets queued promise callbacks and zero-delay timers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('MeasureController driving a map', () => {
  it('opens the tool in polygon mode, keeps each clicked vertex as the draft, and turns a finished shape into a stored, listed, drawn measurement', async () => {
    const { controller, map, backing } = await setUp();
    controller.setToolOpen(true);
    await settle();
    expect(map.calls).toContain('setMode polygon');
    expect(map.measuring).toBe(true);

    // Two clicked vertices plus the pointer's point: the draft keeps the two placed ones.
    map.events.onLive({ geometry: { type: 'Polygon', coordinates: [[[113, 36.1], [113.01, 36.1], [113.01, 36.2], [113, 36.1]]] }, mode: 'polygon', editing: false, vertexCount: 2 });
    await settle();
    expect(controller.live.getState().shape?.vertexCount).toBe(2);
    expect(backing.drafts.get('tab-a')?.draft.geometry).toEqual({ type: 'Polygon', coordinates: [[[113, 36.1], [113.01, 36.1], [113.01, 36.2], [113, 36.1]]] });

    map.events.onFinish(SQUARE, 'polygon', 'd7');
    // Taken off the drawing layer: the measurement layer draws it from now on.
    expect(map.calls).toContain('remove d7');
    expect(controller.getState().measurements.map((m) => m.name)).toEqual(['测量 1']);
    await settle();
    expect(backing.records.get('m1')?.geometry).toEqual(SQUARE);
    // The finished shape and the removal of its draft were one write.
    expect(backing.drafts.has('tab-a')).toBe(false);
    expect(controller.getState().message?.text).toMatch(/^已添加“测量 1”：[\d,.]+ 亩$/);
    expect(map.shapes).toEqual([expect.objectContaining({ id: 'm1', geometry: SQUARE, selected: true, label: expect.stringMatching(/^测量 1\n[\d,.]+ 亩$/) as unknown })]);
    // The tool goes on drawing (a mouse user draws several in a row).
    expect(controller.getState().tool.open).toBe(true);
  });

  it('keeps a shape that crosses itself in the editor, stores it once fixed, and edits it further as that measurement', async () => {
    const { controller, map, backing } = await setUp();
    controller.setToolOpen(true);
    await settle();
    map.events.onFinish(BOWTIE, 'polygon', 'd3');
    expect(map.calls).toContain('editFinished d3');
    expect(controller.getState().tool).toMatchObject({ editing: 'new', invalid: { code: 'self-intersection' } });
    expect(controller.getState().message).toMatchObject({ kind: 'alert', text: expect.stringContaining('自相交') as unknown });
    await settle();
    expect(backing.drafts.get('tab-a')?.draft.geometry).toEqual(BOWTIE);
    expect(backing.records.size).toBe(0);

    // An edit of another shape is not this one's.
    map.events.onEdit(SQUARE, 'd9');
    expect(controller.getState().measurements).toHaveLength(0);

    map.events.onEdit(SQUARE, 'd3');
    await settle();
    expect(backing.records.get('m1')?.geometry).toEqual(SQUARE);
    expect(backing.drafts.has('tab-a')).toBe(false);
    expect(controller.getState().tool).toMatchObject({ editing: 'm1', invalid: null });
    // Not drawn twice while it is being edited.
    expect(map.shapes).toEqual([]);

    const moved: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.02, 36.1], [113.02, 36.11], [113.0, 36.11], [113.0, 36.1]]] };
    map.events.onEdit(moved, 'd3');
    await settle();
    expect(backing.records.get('m1')?.geometry).toEqual(moved);
    map.events.onEditEnd('d3');
    expect(controller.getState().tool.editing).toBeNull();
    expect(map.shapes.map((s) => s.id)).toEqual(['m1']);
  });

  it('drops a crossing shape given up with Esc, and says so', async () => {
    const { controller, map, backing } = await setUp();
    controller.setToolOpen(true);
    await settle();
    map.events.onFinish(BOWTIE, 'polygon', 'd1');
    await settle();
    map.events.onEditEnd('d1');
    await settle();
    expect(backing.drafts.size).toBe(0);
    expect(backing.records.size).toBe(0);
    expect(controller.getState().message?.text).toBe('已放弃自相交的图形。');
  });

  it('keyboard drawing: Enter places a vertex at the crosshair, Backspace takes the last back, Esc finishes a polygon of three or more', async () => {
    const { controller, map, backing } = await setUp();
    controller.setToolOpen(true);
    await settle();
    // Enter on the focused map starts keyboard drawing.
    const at = (p: Position) => {
      map.centre = p;
      return map.events.onSketchKey('Enter');
    };
    expect(at([113.0, 36.1])).toBe(true);
    expect(map.calls).toContain('setMode null');
    expect(at([113.01, 36.1])).toBe(true);
    expect(at([113.05, 36.3])).toBe(true);
    expect(map.sketch).toEqual([[113.0, 36.1], [113.01, 36.1], [113.05, 36.3]]);
    expect(map.events.onSketchKey('Backspace')).toBe(true);
    at([113.01, 36.11]);
    at([113.0, 36.11]);
    expect(controller.getState().tool.keyboard).toHaveLength(4);
    expect(controller.live.getState().shape).toMatchObject({ vertexCount: 4, geometryType: 'Polygon' });
    await settle();
    expect(backing.drafts.get('tab-a')?.draft.geometry).toEqual(SQUARE);

    expect(map.events.onSketchKey('Escape')).toBe(true);
    await settle();
    expect(backing.records.get('m1')?.geometry).toEqual(SQUARE);
    expect(backing.drafts.size).toBe(0);
    expect(map.sketch).toBeNull();
    // Back to pointer drawing in the chosen mode.
    expect(map.calls.at(-1)).toBe('setMode polygon');
    // Keys are the map's own again (terra-draw's Enter finishes a pointer sketch).
    expect(map.events.onSketchKey('Backspace')).toBe(false);
  });

  it('keyboard drawing: Esc with fewer than three vertices cancels; keys are not taken while the tool is closed or a pointer sketch is under way', async () => {
    const { controller, map, backing } = await setUp();
    expect(map.events.onSketchKey('Enter')).toBe(false);
    controller.setToolOpen(true);
    await settle();
    map.events.onLive({ geometry: { type: 'Polygon', coordinates: [[[113, 36.1], [113.01, 36.1], [113, 36.1]]] }, mode: 'polygon', editing: false, vertexCount: 1 });
    expect(map.events.onSketchKey('Enter')).toBe(false);
    map.events.onLive(null);

    map.centre = [113, 36.1];
    map.events.onSketchKey('Enter');
    map.centre = [113.01, 36.1];
    map.events.onSketchKey('Enter');
    map.events.onSketchKey('Escape');
    await settle();
    expect(controller.getState().tool.keyboard).toBeNull();
    expect(controller.getState().measurements).toHaveLength(0);
    expect(backing.drafts.size).toBe(0);
  });

  it('keyboard drawing: the focus coming to the map by keyboard shows the crosshair; a crossing polygon goes into the editor', async () => {
    const { controller, map } = await setUp();
    controller.setToolOpen(true);
    await settle();
    map.events.onKeyboardFocus();
    expect(map.sketch).toEqual([]);
    for (const p of BOWTIE.coordinates[0].slice(0, 4)) {
      map.centre = p;
      map.events.onSketchKey('Enter');
    }
    controller.finish();
    await settle();
    expect(map.calls).toContain('edit polygon');
    expect(controller.getState().tool).toMatchObject({ editing: 'new', keyboard: null, invalid: { code: 'self-intersection' } });
  });

  it('on a touch screen, finishing a shape ends the tool so the next tap inspects the map', async () => {
    const { controller, map } = await setUp();
    controller.setTouch(true);
    controller.setToolOpen(true);
    await settle();
    // Keys are never taken over on a touch screen.
    expect(map.events.onSketchKey('Enter')).toBe(false);
    map.events.onFinish(SQUARE, 'polygon', 'd1');
    await settle();
    expect(controller.getState().tool.open).toBe(false);
    expect(map.calls.at(-1)).toBe('setMode null');
    expect(map.measuring).toBe(false);
    expect(controller.getState().measurements).toHaveLength(1);
  });

  it('says when the drawing tool cannot be loaded, and tries again next time', async () => {
    const { controller, map } = await setUp();
    map.failLoads = 1;
    controller.setToolOpen(true);
    await settle();
    expect(controller.getState().message).toMatchObject({ kind: 'alert', text: '测量工具未能加载（offline）。请检查网络后再试。' });
    expect(map.calls).not.toContain('setMode polygon');
    expect(controller.getState().tool.loading).toBe(false);
    controller.setMode('line');
    await settle();
    expect(map.calls.filter((c) => c === 'load')).toHaveLength(2);
    expect(map.calls.at(-1)).toBe('setMode line');
  });

  it('a failed store write keeps the drawn shape on the map and in the list, marked unsaved', async () => {
    const { controller, map } = await setUp({ failCreate: true });
    controller.setToolOpen(true);
    await settle();
    map.events.onFinish(SQUARE, 'polygon', 'd1');
    await settle();
    expect(controller.getState().unsaved.m1).toMatchObject({ op: 'create' });
    expect(controller.getState().message?.kind).toBe('alert');
    expect(map.shapes.map((s) => s.id)).toEqual(['m1']);
  });

  it('shows hidden measurements no more, relabels in the other language, zooms to one, and stops drawing when the map goes', async () => {
    const { controller, map, detach } = await setUp();
    await controller.add(SQUARE, 'polygon', 'A');
    controller.setHidden('m1', true);
    expect(map.shapes).toEqual([]);
    controller.setHidden('m1', false);
    controller.zoomTo('m1');
    expect(map.calls.at(-1)).toBe('fit 113,36.1,113.01,36.11');
    detach();
    controller.setToolOpen(true);
    await settle();
    expect(map.calls).not.toContain('setMode polygon');
  });

  it('writes a moving sketch (freehand) only once the pointer rests', async () => {
    vi.useFakeTimers();
    const { controller, map, backing } = await setUp();
    controller.setToolOpen(true);
    await vi.runOnlyPendingTimersAsync();
    const freehand = (n: number): DrawnGeometry => ({ type: 'Polygon', coordinates: [[[113, 36.1], [113 + n / 1000, 36.1], [113, 36.1 + n / 1000], [113, 36.1]]] });
    for (let n = 1; n <= 5; n++) map.events.onLive({ geometry: freehand(n), mode: 'freehand', editing: false, vertexCount: 3 });
    await Promise.resolve();
    expect(backing.drafts.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(backing.drafts.get('tab-a')?.draft.geometry).toEqual(freehand(5));
  });
});
