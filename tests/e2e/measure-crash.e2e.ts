/**
 * A browser killed right after the shape's last click loses nothing: the measurement is saved and
 * the sketch removed in one IndexedDB transaction, so a crash leaves the one or the other.
 * - In one page: every IndexedDB put and delete is recorded with its transaction; finishing a shape
 *   must put the measurement and delete the draft in the same transaction.
 * - Killed for real: Chromium started on its own profile directory, the process group sent SIGKILL
 *   0–45 ms after the closing click, the same profile opened again: the shape is there, as a
 *   measurement or as the sketch offered back (a bounded number of runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, CHROMIUM, openPage, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--window-size=1280,800'];

// A quadrilateral in the north of 沁源县 (as in measure.e2e.ts).
const QUAD: [number, number][] = [
  [112.08, 36.93],
  [112.3, 36.95],
  [112.33, 36.8],
  [112.1, 36.78],
];

async function toPage(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => window.shanshui!.map.project(ll), lonLat);
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

async function clickAt(page: Page, at: { x: number; y: number }): Promise<void> {
  await page.mouse.move(at.x, at.y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
}

/** Opens the measuring tool (no snapping) with the map framed on the quadrilateral. */
async function startMeasuring(page: Page): Promise<void> {
  await page.evaluate(() => window.shanshui!.map.jumpTo({ center: [112.12, 36.86], zoom: 9 }));
  await waitForMapIdle(page);
  await page.getByRole('button', { name: '测量', exact: true }).click();
  await page.getByRole('toolbar', { name: '测量工具' }).waitFor();
  const snap = page.getByLabel('吸附到边界');
  if (await snap.isChecked()) await snap.click();
}

interface Kept {
  measurements: number[];
  drafts: number[];
}

/** Vertex counts of the stored measurements and drafts (raw IndexedDB). */
async function kept(page: Page): Promise<Kept> {
  return page.evaluate(
    () =>
      new Promise<Kept>((resolve, reject) => {
        const open = indexedDB.open('shanshui-measure');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) {
            db.close();
            resolve({ measurements: [], drafts: [] });
            return;
          }
          const tx = db.transaction(['measurements', 'drafts']);
          type Kept = IDBRequest<{ geometry: { coordinates: number[][][] } }[]>;
          const ms = tx.objectStore('measurements').getAll() as Kept;
          const ds = tx.objectStore('drafts').getAll() as Kept;
          const vertices = (g: { coordinates: number[][][] }) => g.coordinates[0].length - 1;
          tx.oncomplete = () => {
            db.close();
            resolve({ measurements: ms.result.map((m) => vertices(m.geometry)), drafts: ds.result.map((d) => vertices(d.geometry)) });
          };
        };
      }),
  );
}

describe('a finished shape and its sketch', () => {
  it('are written in one transaction: the measurement put and the draft delete share it', async () => {
    const { page, context } = await openPage(session.browser, baseUrl);
    await page.evaluate(() => {
      // Record every put and delete with the transaction it ran in.
      const ids = new WeakMap<IDBTransaction, number>();
      let next = 0;
      const log: { store: string; op: string; tx: number }[] = [];
      (window as unknown as { idbLog: typeof log }).idbLog = log;
      const txId = (tx: IDBTransaction) => {
        if (!ids.has(tx)) ids.set(tx, ++next);
        return ids.get(tx)!;
      };
      for (const op of ['put', 'delete'] as const) {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- the original method is kept to be called with the store as `this` (original.apply(this, args)) from the wrapper below.
        const original = IDBObjectStore.prototype[op] as (...args: unknown[]) => IDBRequest;
        IDBObjectStore.prototype[op] = function (this: IDBObjectStore, ...args: unknown[]) {
          log.push({ store: this.name, op, tx: txId(this.transaction) });
          return original.apply(this, args);
        } as never;
      }
    });
    await waitForMapIdle(page);
    await startMeasuring(page);
    for (const ll of QUAD) await clickAt(page, await toPage(page, ll));
    await expect.poll(() => kept(page).then((k) => k.drafts)).toEqual([4]);
    await clickAt(page, await toPage(page, QUAD[0]));
    await expect.poll(() => kept(page)).toEqual({ measurements: [4], drafts: [] });
    const log = await page.evaluate(() => (window as unknown as { idbLog: { store: string; op: string; tx: number }[] }).idbLog);
    const saved = log.find((e) => e.store === 'measurements' && e.op === 'put');
    const cleared = log.find((e) => e.store === 'drafts' && e.op === 'delete');
    expect(saved?.tx).toBeGreaterThan(0);
    expect(cleared?.tx).toBe(saved?.tx);
    await context.close();
  });

  it('survive the browser being killed right after the closing click (bounded runs)', async () => {
    const delays = [0, 15, 30, 45];
    for (const delay of delays) {
      const profile = mkdtempSync(path.join(tmpdir(), 'shanshui-crash-'));
      try {
        const first = await startChromium(profile);
        const page = await firstPage(first.browser);
        await waitForMapIdle(page);
        await startMeasuring(page);
        for (const ll of QUAD) await clickAt(page, await toPage(page, ll));
        // The sketch of four vertices is kept before the shape is closed.
        await expect.poll(() => kept(page).then((k) => k.drafts)).toEqual([4]);
        const close = await toPage(page, QUAD[0]);
        await page.mouse.move(close.x, close.y, { steps: 4 });
        await page.mouse.down();
        await page.mouse.up();
        await new Promise((resolve) => setTimeout(resolve, delay));
        first.kill();

        const second = await startChromium(profile);
        const again = await firstPage(second.browser);
        await waitForMapIdle(again);
        const after = await kept(again);
        // The shape is there: saved, or offered back as the sketch.
        expect({ delay, found: after.measurements.includes(4) || after.drafts.includes(4) }).toEqual({ delay, found: true });
        if (!after.measurements.includes(4)) await again.getByRole('group', { name: '上次关闭页面时有一个未完成的图形。' }).waitFor();
        else await again.locator('.measure-item').first().waitFor();
        second.kill();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  });
});

/** Chromium on `profile`, in a process group of its own (so a kill takes every process of it). */
async function startChromium(profile: string): Promise<{ browser: Browser; kill: () => void }> {
  const child: ChildProcess = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint: ${text}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${text}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    browser,
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

async function firstPage(browser: Browser): Promise<Page> {
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  // Chinese, as the other tests (this Chromium runs with the machine's English locale).
  await page.goto(`${baseUrl}?lang=zh`);
  return page;
}
