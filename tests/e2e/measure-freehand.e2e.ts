/**
 * Drawing a 500-vertex freehand shape with the mouse, and what it costs the page's main thread.
 * A file of its own: 500+ pointer moves, each one repainting the map, take a minute or more under
 * SwiftShader.
 *
 * The check: no long task is caused by the measuring code. Long animation frames (Chromium's
 * `long-animation-frame` entries, which attribute the scripts run in each frame) are observed while
 * the shape is drawn, and in every one of them the scripts of the app's own bundles — terra-draw,
 * its MapLibre adapter and the draw controller (the drawController chunk), React and the live
 * figures (the main chunk) — must take under 50 ms together. Map rendering (the MapLibre chunk) is
 * listed, not asserted: on this CPU-rendered browser a plain map pan has long frames too, which
 * the log line and `scripts/bench/measure-freehand.mjs` show side by side.
 */
import type { Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { geodesicArea } from '../../src/geo/geodesicArea.ts';
import { formatArea } from '../../src/geo/units.ts';
import { launchBrowser, openPage, screenshot, waitForMapIdle, type BrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');
let session: BrowserSession;

beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

interface Point {
  x: number;
  y: number;
}

interface FrameRecord {
  start: number;
  duration: number;
  scripts: { url: string; invoker: string; fn: string; duration: number }[];
}

/** Points `step` px apart along r(θ) = r0 + amp·sin(lobes·θ) around `centre` (a star-shaped, simple curve). */
function flower(centre: Point, r0: number, amp: number, lobes: number, step: number): Point[] {
  const at = (t: number) => {
    const r = r0 + amp * Math.sin(lobes * t);
    return { x: centre.x + r * Math.cos(t), y: centre.y + r * Math.sin(t) };
  };
  const points = [at(0)];
  for (let t = 0; t < 2 * Math.PI; t += 0.0005) {
    const last = points[points.length - 1];
    const p = at(t);
    if (Math.hypot(p.x - last.x, p.y - last.y) >= step) points.push(p);
  }
  return points;
}

async function observeFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { frames_: FrameRecord[]; longTasks: number[] };
    w.frames_ = [];
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { scripts: { sourceURL: string; sourceFunctionName: string; invoker: string; duration: number }[] })[]) {
        w.frames_.push({ start: e.startTime, duration: e.duration, scripts: e.scripts.map((s) => ({ url: s.sourceURL, invoker: s.invoker, fn: s.sourceFunctionName, duration: s.duration })) });
      }
    }).observe({ type: 'long-animation-frame' });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

describe('freehand measuring', () => {
  it('draws a 500-vertex freehand shape with no long task caused by the measuring code', { timeout: 300_000 }, async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await page.evaluate(() => window.shanshui!.map.jumpTo({ center: [112.12, 36.86], zoom: 9 }));
    await waitForMapIdle(page);
    await page.getByRole('button', { name: '测量', exact: true }).click();
    await page.getByRole('button', { name: '手绘' }).click();
    const snap = page.getByLabel('吸附到边界');
    if (await snap.isChecked()) await snap.click();

    // A nine-lobed flower traced by hand: ~540 pointer moves 3.2 px apart (freehand keeps a vertex
    // every 3 px), right of the toolbar.
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const path = flower({ x: box.x + box.width * 0.62, y: box.y + box.height * 0.55 }, 120, 45, 9, 3.2);
    expect(path.length).toBeGreaterThan(520);

    await observeFrames(page);
    const from = await page.evaluate(() => performance.now());
    await page.mouse.move(path[0].x, path[0].y);
    await page.mouse.down();
    for (const p of path.slice(1)) await page.mouse.move(p.x, p.y);
    const to = await page.evaluate(() => performance.now());
    // Live figures followed the pointer.
    expect(await page.getByTestId('measure-live').innerText()).toMatch(/^面积 [\d,]+\.\d\d 亩 · 周长 [\d.]+ 公里 · \d+ 个顶点$/);
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelectorAll('.measure-item').length === 1);

    const ring = await page.evaluate(
      () =>
        new Promise<number[][]>((resolve) => {
          const open = indexedDB.open('shanshui-measure');
          open.onsuccess = () => {
            const get = open.result.transaction('measurements').objectStore('measurements').getAll();
            get.onsuccess = () => resolve((get.result[0].geometry as Polygon).coordinates[0]);
          };
        }),
    );
    expect(ring.length - 1).toBeGreaterThanOrEqual(500);
    const shown = await page.locator('.measure-item').first().getByTestId('measure-area-mu').innerText();
    expect(shown).toBe(formatArea(geodesicArea({ type: 'Polygon', coordinates: [ring] }), 'mu', 'zh'));

    await page.waitForTimeout(300); // let the observers deliver the last frames
    const { frames, longTasks } = await page.evaluate(
      ({ from, to }) => {
        const w = window as unknown as { frames_: FrameRecord[]; longTasks: number[] };
        return { frames: w.frames_.filter((f) => f.start >= from && f.start <= to), longTasks: w.longTasks };
      },
      { from, to },
    );
    const ours = (f: FrameRecord) => f.scripts.filter((s) => /\/(drawController|main)-[\w-]+\.js/.test(s.url)).reduce((sum, s) => sum + s.duration, 0);
    const worstOurs = Math.max(0, ...frames.map(ours));
    const worstFrame = Math.max(0, ...frames.map((f) => f.duration));
    console.log(
      `freehand: ${ring.length - 1} vertices from ${path.length} pointer moves in ${((to - from) / 1000).toFixed(1)} s; ` +
        `long frames ${frames.length} (longest ${worstFrame.toFixed(0)} ms), long tasks ${longTasks.length}; ` +
        `measuring code's most in one frame: ${worstOurs.toFixed(0)} ms`,
    );
    const worst = [...frames].sort((a, b) => ours(b) - ours(a)).slice(0, 3);
    console.log(`heaviest frames for the measuring code: ${JSON.stringify(worst.map((f) => ({ duration: Math.round(f.duration), scripts: f.scripts.map((s) => `${s.invoker} ${s.fn} ${s.url.split('/').pop()} ${Math.round(s.duration)}`) })))}`);
    expect(worstOurs).toBeLessThan(50);
    await screenshot(page, 'measure-freehand');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
