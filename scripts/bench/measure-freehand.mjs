#!/usr/bin/env node
/**
 * Measuring tool (issue 6): the main thread while drawing a 500-vertex freehand shape with the
 * mouse, against panning the map along the same pointer path in the same run (both repaint the map
 * on every move; the difference is what terra-draw, the live figures and the extra layer cost).
 * Prints per phase: time per pointer move, long tasks (count, longest), long animation frames, and
 * the script time per frame of the drawing code (the drawController chunk: terra-draw, its adapter,
 * the controller and the live figures) and of the app chunk (React and the workspace), from the
 * frames' script attribution, and the thread CPU time of each main-thread task from a trace (on a
 * loaded machine most wall-clock long tasks are the renderer waiting for a CPU); then the ratios
 * freehand / pan.
 * Env: BENCH_MOVES (default 540: ≥ 500 vertices at 3.2 px per move).
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MOVES = Number(process.env.BENCH_MOVES ?? 540);
const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

process.env.NODE_ENV = 'production';
const outDir = path.join(ROOT, 'node_modules', '.bench-measure-app');
await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
const server = await preview({ root: ROOT, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: FLAGS });

try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForFunction(() => window.shanshui?.map?.loaded(), undefined, { timeout: 60_000 });
  // Listen for idle before moving, in the same task, so a fast repaint cannot slip past.
  const frameMap = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const map = window.shanshui.map;
          map.once('idle', resolve);
          map.jumpTo({ center: [112.12, 36.86], zoom: 9 });
          map.triggerRepaint();
        }),
    );
  await frameMap();
  await page.evaluate(() => {
    window.__frames = [];
    window.__tasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__frames.push({ start: e.startTime, duration: e.duration, scripts: e.scripts.map((s) => ({ url: s.sourceURL, duration: s.duration })) });
    }).observe({ type: 'long-animation-frame' });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });

  const box = await page.locator('.maplibregl-canvas').boundingBox();
  const centre = { x: box.x + box.width * 0.62, y: box.y + box.height * 0.55 };
  const at = (t) => {
    const r = 120 + 45 * Math.sin(9 * t);
    return { x: centre.x + r * Math.cos(t), y: centre.y + r * Math.sin(t) };
  };
  const pathPoints = [at(0)];
  for (let t = 0; pathPoints.length < MOVES && t < 4 * Math.PI; t += 0.0005) {
    const last = pathPoints[pathPoints.length - 1];
    const p = at(t);
    if (Math.hypot(p.x - last.x, p.y - last.y) >= 3.2) pathPoints.push(p);
  }

  const cdp = await page.context().newCDPSession(page);
  const trace = async () => {
    // Thread CPU time of the renderer's main-thread tasks (wall-clock long tasks on a loaded
    // machine are mostly waiting for a CPU).
    const traced = [];
    const collect = ({ value }) => {
      for (const e of value) if (e.name === 'thread_name' || e.name === 'ThreadControllerImpl::RunTask') traced.push(e);
    };
    cdp.on('Tracing.dataCollected', collect);
    const traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReportEvents' });
    const from = await page.evaluate(() => performance.now());
    const started = Date.now();
    await page.mouse.move(pathPoints[0].x, pathPoints[0].y);
    await page.mouse.down();
    for (let i = 1; i < pathPoints.length; i++) {
      await page.mouse.move(pathPoints[i].x, pathPoints[i].y);
      if (i % 100 === 0) process.stderr.write(`  ${i} moves, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
    const to = await page.evaluate(() => performance.now());
    const wall = Date.now() - started;
    await cdp.send('Tracing.end');
    await traceDone;
    cdp.off('Tracing.dataCollected', collect);
    const mains = new Set(traced.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    // The page's main thread: the renderer main thread with the most tasks.
    const counts = new Map();
    for (const e of traced) if (e.name !== 'thread_name' && mains.has(`${e.pid}:${e.tid}`)) counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const tasksCpu = traced.filter((e) => e.name !== 'thread_name' && `${e.pid}:${e.tid}` === main && typeof e.tdur === 'number').map((e) => e.tdur / 1000).sort((a, b) => b - a);
    await page.mouse.up();
    await page.waitForTimeout(500);
    const { frames, tasks } = await page.evaluate(
      ({ from, to }) => ({ frames: window.__frames.filter((f) => f.start >= from && f.start <= to), tasks: window.__tasks.filter((t) => t.start >= from && t.start <= to) }),
      { from, to },
    );
    const sum = (re) => frames.map((f) => f.scripts.filter((s) => re.test(s.url)).reduce((t, s) => t + s.duration, 0)).sort((a, b) => a - b);
    const ours = sum(/\/drawController-[\w-]+\.js/);
    const app = sum(/\/main-[\w-]+\.js/);
    return {
      perMove: wall / pathPoints.length,
      tasks: tasks.length,
      longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
      frames: frames.length,
      oursMax: ours.at(-1) ?? 0,
      oursP95: ours[Math.floor(ours.length * 0.95)] ?? 0,
      appMax: app.at(-1) ?? 0,
      cpuMax: tasksCpu[0] ?? 0,
      cpuP99: tasksCpu[Math.floor(tasksCpu.length / 100)] ?? 0,
      cpuOver50: tasksCpu.filter((t) => t >= 50).length,
    };
  };
  const line = (label, r) =>
    console.log(
      `measure-freehand: ${label}: ${r.perMove.toFixed(0)} ms per pointer move; long tasks ${r.tasks} (longest ${r.longestTask.toFixed(0)} ms); long animation frames ${r.frames}; drawing code (terra-draw, controller, live figures) per long frame max ${r.oursMax.toFixed(0)} ms, p95 ${r.oursP95.toFixed(0)} ms; app chunk (React, workspace) max ${r.appMax.toFixed(0)} ms; main-thread CPU per task max ${r.cpuMax.toFixed(1)} ms, p99 ${r.cpuP99.toFixed(1)} ms, tasks ≥ 50 ms CPU: ${r.cpuOver50}`,
    );

  const pan = await trace();
  line(`pan along the path (${pathPoints.length} moves, tool closed)`, pan);
  await frameMap();
  await page.getByRole('button', { name: '测量', exact: true }).click();
  await page.getByRole('button', { name: '手绘' }).click();
  const snap = page.getByLabel('吸附到边界');
  if (await snap.isChecked()) await snap.click();
  const draw = await trace();
  await page.waitForFunction(() => document.querySelectorAll('.measure-item').length === 1, undefined, { timeout: 60_000 });
  const vertices = await page.evaluate(() => window.shanshuiMeasure.measurements()[0].geometry.coordinates[0].length - 1);
  line(`freehand along the same path (${vertices} vertices)`, draw);
  console.log(
    `measure-freehand: freehand / pan: ${(draw.perMove / pan.perMove).toFixed(2)}× time per move, ${pan.tasks ? (draw.tasks / pan.tasks).toFixed(2) : '∞'}× long tasks; ${(draw.cpuMax / Math.max(pan.cpuMax, 0.001)).toFixed(2)}× most CPU in one task; target: no task ≥ 50 ms of CPU while drawing (${draw.cpuOver50})`,
  );
} finally {
  await browser.close();
  await server.close();
}
