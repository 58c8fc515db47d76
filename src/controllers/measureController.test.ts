import { Worker } from 'node:worker_threads';
import type { Polygon } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { measurementBreakdown, prepareBreakdownContext } from '../measure/breakdown.ts';
import { createBreakdownClient } from '../measure/breakdownClient.ts';
import { changzhiPack } from '../measure/testing/changzhiPack.ts';
import type { Measurement, MeasurementDraft } from '../measure/types.ts';
import { nodeEndpoint } from '../workers/testing/nodeEndpoint.ts';
import { createMemoryStore, memoryBacking, type MemoryBacking, type MemoryStore } from '../store/memoryStore.ts';
import { StoreError } from '../store/storeError.ts';
import { MeasureController, type MeasureState } from './measureController.ts';

const PLOT: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.1, 36.1], [113.1, 36.2], [113.0, 36.2], [113.0, 36.1]]] };
const SKETCH: MeasurementDraft = { kind: 'polygon', geometry: { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.05, 36.1], [113.05, 36.15], [113.0, 36.1]]] }, savedAt: '2026-12-03T10:00:00.000Z' };

const threads: Worker[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.terminate()));
});

/** The breakdown worker's API in a real thread (Node worker_threads, TypeScript through tsx). */
function threadClient() {
  return createBreakdownClient({
    start: () => {
      const thread = new Worker(new URL('../measure/testing/breakdownNodeWorker.mjs', import.meta.url));
      threads.push(thread);
      return Object.assign(nodeEndpoint(thread), { terminate: () => void thread.terminate() });
    },
  });
}

type Backing = MemoryBacking<Measurement, MeasurementDraft>;

function tab(backing: Backing, tabKey: string, options: { store?: MemoryStore<Measurement, MeasurementDraft> } = {}) {
  const store = options.store ?? createMemoryStore<Measurement, MeasurementDraft>(backing, (a, b) => a.createdAt.localeCompare(b.createdAt));
  let n = 0;
  const controller = new MeasureController({
    openStore: () => Promise.resolve(store),
    startBreakdownWorker: threadClient,
    tabKey,
    isTabAlive: () => Promise.resolve(false),
    text: () => ({ t: (key, params) => translate('zh', key, params), lang: 'zh' }),
    makeId: () => `m-${tabKey}-${++n}`,
  });
  return { controller, store };
}

/** Resolves once the controller's state satisfies `ok`. */
function until(controller: MeasureController, ok: (s: MeasureState) => boolean): Promise<MeasureState> {
  return new Promise((resolve) => {
    if (ok(controller.getState())) return resolve(controller.getState());
    const stop = controller.subscribe(() => {
      if (!ok(controller.getState())) return;
      stop();
      resolve(controller.getState());
    });
  });
}

describe('MeasureController with an in-memory store and a real breakdown worker thread', () => {
  it('shows a new shape at once, says "added" only once stored, and splits it in the worker exactly as the function does', async () => {
    const backing: Backing = memoryBacking();
    const { controller } = tab(backing, 'a');
    await controller.load();
    const { layers } = changzhiPack();
    controller.setLayers(layers);
    const messages: (string | undefined)[] = [];
    controller.subscribe(() => messages.push(controller.getState().message?.text));
    const adding = controller.add(PLOT, 'polygon', controller.nextName());
    // On screen before the store answers, and not yet announced.
    expect(controller.getState().measurements.map((m) => m.name)).toEqual(['测量 1']);
    expect(messages.some((m) => m?.startsWith('已添加'))).toBe(false);
    const added = await adding;
    expect(backing.records.get(added.id)).toMatchObject({ name: '测量 1', version: 1 });
    expect(controller.getState().message?.text).toMatch(/^已添加“测量 1”：[\d,]+\.\d\d 亩$/);

    const done = await until(controller, (s) => s.breakdowns[added.id]?.status === 'done');
    const fromThread = done.breakdowns[added.id];
    const direct = measurementBreakdown(PLOT, prepareBreakdownContext(layers));
    expect(fromThread.status === 'done' && { ...fromThread.result, elapsedMs: 0 }).toEqual({ ...direct, elapsedMs: 0 });
    expect(direct.counties.length).toBeGreaterThan(0);
    controller.dispose();
  });

  it('keeps a shape and a rename the store refused on screen, marked unsaved with what to do, and saves them on retry', async () => {
    const backing: Backing = memoryBacking();
    const { controller, store } = tab(backing, 'a');
    await controller.load();
    const first = await controller.add(PLOT, 'polygon', '测量 1');

    store.failWrites = 'quota';
    const second = await controller.add(PLOT, 'rectangle', '测量 2');
    let s = controller.getState();
    expect(s.measurements.map((m) => m.name)).toEqual(['测量 1', '测量 2']);
    expect(s.unsaved[second.id]).toMatchObject({ op: 'create', error: 'quota' });
    expect(s.message?.kind).toBe('alert');
    expect(s.message?.text).toContain('“测量 2”未能保存：浏览器的存储空间已满');
    expect(s.message?.text).toContain('导出');
    expect(s.message?.text).toContain('释放磁盘空间');
    expect(backing.records.has(second.id)).toBe(false);

    controller.rename(first.id, '北张村复垦一期');
    s = await until(controller, (st) => Boolean(st.unsaved[first.id]));
    expect(s.measurements[0].name).toBe('北张村复垦一期');
    expect(s.unsaved[first.id]).toMatchObject({ op: 'patch', fields: { name: '北张村复垦一期' }, error: 'quota' });
    expect(backing.records.get(first.id)?.name).toBe('测量 1');

    // Space freed: both are written on retry, and the marks go.
    store.failWrites = null;
    await controller.retry(second.id);
    await controller.retry(first.id);
    s = controller.getState();
    expect(s.unsaved).toEqual({});
    expect([...backing.records.values()].map((m) => m.name)).toEqual(['北张村复垦一期', '测量 2']);
    expect(s.message?.text).toBe('已保存“北张村复垦一期”。');
    controller.dispose();
  });

  it('a failed delete keeps the measurement listed and marked, and a retry deletes it', async () => {
    const backing: Backing = memoryBacking();
    const { controller, store } = tab(backing, 'a');
    await controller.load();
    const m = await controller.add(PLOT, 'polygon', '测量 1');
    store.failWrites = 'failed';
    controller.remove(m.id);
    const s = await until(controller, (st) => st.unsaved[m.id]?.op === 'delete' && st.measurements.length === 1);
    expect(s.measurements.map((x) => x.id)).toEqual([m.id]);
    store.failWrites = null;
    await controller.retry(m.id);
    expect(controller.getState().measurements).toEqual([]);
    expect(backing.records.size).toBe(0);
    controller.dispose();
  });

  it('two tabs: each write changes only its fields, each tab sees the other’s change, and a delete stays deleted', async () => {
    const backing: Backing = memoryBacking();
    const a = tab(backing, 'a');
    const b = tab(backing, 'b');
    await a.controller.load();
    const one = await a.controller.add(PLOT, 'polygon', '测量 1');
    const two = await a.controller.add(PLOT, 'polygon', '测量 2');
    await b.controller.load();
    expect(b.controller.getState().measurements.map((m) => m.name)).toEqual(['测量 1', '测量 2']);

    // A renames, B recolours (B's list still has the old name): both changes survive.
    await a.controller.change(one.id, { name: '一号地块' });
    await b.controller.change(one.id, { color: '#000000' });
    expect(backing.records.get(one.id)).toMatchObject({ name: '一号地块', color: '#000000', version: 3 });
    await until(a.controller, (s) => s.measurements[0].color === '#000000');
    await until(b.controller, (s) => s.measurements[0].name === '一号地块');

    // B deletes 测量 2 and A hears of it.
    b.controller.remove(two.id);
    await until(a.controller, (s) => s.measurements.length === 1);
    // A deletes 测量 1; tab C, not yet told (its message is late), renames it: it stays deleted,
    // and C drops it with a message.
    const late = createMemoryStore<Measurement, MeasurementDraft>(backing);
    const c = tab(backing, 'c', { store: { ...late, onChange: () => () => undefined } });
    await c.controller.load();
    a.controller.remove(one.id);
    await until(a.controller, (s) => s.measurements.length === 0);
    await c.controller.change(one.id, { name: '回来了？' });
    expect(backing.records.has(one.id)).toBe(false);
    expect(c.controller.getState().measurements).toEqual([]);
    expect(c.controller.getState().message?.text).toBe('“回来了？”已在另一个标签页中删除，此处的修改未保存。');
    for (const t of [a, b, c]) t.controller.dispose();
  });

  it('one tab finishing a shape leaves another tab’s draft alone; a finished shape and its draft removal are one write', async () => {
    const backing: Backing = memoryBacking();
    const a = tab(backing, 'a');
    const b = tab(backing, 'b');
    await a.controller.load();
    await b.controller.load();
    await a.controller.saveDraft(SKETCH);
    await b.controller.saveDraft({ ...SKETCH, kind: 'freehand' });
    await b.controller.add(PLOT, 'freehand', '测量 1', { clearDraft: true });
    expect([...backing.drafts.keys()]).toEqual(['a']);

    // The store refuses: neither the measurement nor the removal of the draft is written.
    a.store.failWrites = 'quota';
    await a.controller.add(SKETCH.geometry, 'polygon', '测量 2', { clearDraft: true });
    expect([...backing.drafts.keys()]).toEqual(['a']);
    a.store.failWrites = null;
    const [pending] = Object.keys(a.controller.getState().unsaved);
    await a.controller.retry(pending);
    expect(backing.drafts.size).toBe(0);
    expect([...backing.records.values()].map((m) => m.name)).toEqual(['测量 1', '测量 2']);

    // A reloaded tab gets its own draft back; a tab that is gone leaves its draft to the next one.
    await a.controller.saveDraft(SKETCH);
    const again = tab(backing, 'a');
    await again.controller.load();
    expect(again.controller.getState().draft).toEqual(SKETCH);
    for (const t of [a, b, again]) t.controller.dispose();
  });

  it('says when stored measurements cannot be read, instead of showing an empty list', async () => {
    const controller = new MeasureController({
      openStore: () => Promise.reject(new StoreError('unavailable', 'VersionError: the requested version (2) is less than the existing version (3)')),
      startBreakdownWorker: threadClient,
      tabKey: 'a',
      text: () => ({ t: (key, params) => translate('zh', key, params), lang: 'zh' }),
    });
    await controller.load();
    const s = controller.getState();
    expect(s.status).toBe('unreadable');
    expect(s.persistent).toBe(false);
    expect(s.message?.text).toContain('无法读取此浏览器中保存的测量结果');
    controller.dispose();
  });

  it('tells the user when another tab takes the database away for an upgrade, and marks later changes unsaved', async () => {
    const backing: Backing = memoryBacking();
    const { controller, store } = tab(backing, 'a');
    await controller.load();
    const m = await controller.add(PLOT, 'polygon', '测量 1');
    store.makeUnavailable();
    expect(controller.getState().message?.text).toContain('另一个标签页升级了测量数据库');
    controller.rename(m.id, '新名字');
    const s = await until(controller, (st) => Boolean(st.unsaved[m.id]));
    expect(s.unsaved[m.id].error).toBe('unavailable');
    expect(s.measurements[0].name).toBe('新名字');
    controller.dispose();
  });
});
