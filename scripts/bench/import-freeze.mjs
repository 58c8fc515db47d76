#!/usr/bin/env node
/**
 * A very large import in the browser (issue 19 item 9): a GeoJSON of few, very large polygons
 * (default 400 × 27,500 corners = 11 M vertices, ~270 MB; written at run time, not committed)
 * chosen with the built app's 导入 file picker in headless Chromium. Measures the longest
 * main-thread task from choosing the file until the features are in the panel and the county
 * statistics (the page's own `longtask` entries), and names where the main thread spent its time
 * (a CPU profile of the page: the functions with the most self time).
 *
 * `IMPORT_FREEZE_POLYGONS` and `IMPORT_FREEZE_CORNERS` change the file's size (e.g. 40 and 27500
 * for a quick look at a tenth of it). Figures stretch under load: read them with the load average.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { writePolygons } from './lib/writePolygons.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const POLYGONS = Number(process.env.IMPORT_FREEZE_POLYGONS ?? 400);
const CORNERS = Number(process.env.IMPORT_FREEZE_CORNERS ?? 27_500);
const DIR = path.join(tmpdir(), 'shanshui-bench-import');
const NAME = `big-${POLYGONS}x${CORNERS}`;
const FILE = path.join(DIR, `${NAME}.geojson`);
const OUT = path.join(ROOT, 'node_modules', '.bench-import-freeze');
const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The functions with the most self time in a CPU profile (ms), excluding idle and the profiler. */
function hotFunctions(profile, count = 8) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  for (const [id, us] of dt) {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, ms]) => `${Math.round(ms)} ms ${k}`);
}

/** The longest stretch of back-to-back samples outside idle, and the call paths that filled it. */
function longestBusyStretch(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let best = { ms: 0, from: 0, to: 0 };
  let start = 0;
  let run = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const name = byId.get(profile.samples[i]).callFrame.functionName;
    if (name === '(idle)') {
      if (run > best.ms) best = { ms: run, from: start, to: i };
      run = 0;
      start = i + 1;
    } else run += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  }
  const paths = new Map();
  for (let i = best.from; i < best.to; i++) {
    const names = [];
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (f.functionName && !f.functionName.startsWith('(')) names.push(`${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber + 1}`);
    }
    const key = names.reverse().slice(0, 6).join(' > ') || byId.get(profile.samples[i]).callFrame.functionName;
    paths.set(key, (paths.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return { ms: Math.round(best.ms), paths: [...paths].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, ms]) => `${Math.round(ms)} ms ${k}`) };
}

mkdirSync(DIR, { recursive: true });
if (!existsSync(FILE)) await writePolygons(FILE, POLYGONS, CORNERS, 3);
const sizeMB = (statSync(FILE).size / 1048576).toFixed(0);

process.env.NODE_ENV = 'production';
await build({ root: ROOT, logLevel: 'error', build: { outDir: OUT, emptyOutDir: true } });
const server = await preview({ root: ROOT, logLevel: 'error', build: { outDir: OUT }, preview: { port: 0, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
try {
  console.log(`import-freeze: load average ${loadavg()[0].toFixed(1)}; ${sizeMB} MB GeoJSON, ${POLYGONS} polygons of ${CORNERS} corners (${((POLYGONS * CORNERS) / 1e6).toFixed(1)} M vertices)`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForFunction(() => performance.getEntriesByName('shanshui:map-idle').length > 0, undefined, { timeout: 60_000 });
  await page.locator('.county-table tbody tr').first().waitFor({ timeout: 120_000 });
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.getByLabel('选择要导入的文件').setInputFiles(FILE);
  await page.waitForFunction(() => performance.getEntriesByName('shanshui:import-drawn').length > 0, undefined, { timeout: 600_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="imported-controls"]').length === 1 && !document.querySelector('[data-testid="import-reading"]'), undefined, { timeout: 900_000, polling: 500 });
  await page.waitForFunction((name) => document.querySelector('.county-table thead')?.textContent?.includes(`${name}：`) || document.querySelector('.county-table thead')?.textContent?.includes(name), NAME, { timeout: 900_000, polling: 500 });
  const ready = Date.now() - started;
  const { profile } = await cdp.send('Profiler.stop');
  const figures = await page.evaluate(() => {
    const start = performance.getEntriesByName('shanshui:import-start').at(-1).startTime;
    const drawn = performance.getEntriesByName('shanshui:import-drawn').at(-1).startTime;
    const tasks = window.__tasks.filter(([s]) => s >= start);
    return {
      drawnMs: Math.round(drawn - start),
      longest: Math.round(Math.max(0, ...tasks.map(([, d]) => d))),
      over50: tasks.length,
      blockedMs: Math.round(tasks.reduce((sum, [, d]) => sum + d, 0)),
    };
  });
  console.log(
    `import-freeze app: drawn after ${figures.drawnMs} ms, in the panel and statistics after ${ready} ms; longest main-thread task ${figures.longest} ms ` +
      `(${figures.over50} tasks over 50 ms, ${figures.blockedMs} ms in them)`,
  );
  console.log(`import-freeze main-thread self time:\n  ${hotFunctions(profile).join('\n  ')}`);
  const stretch = longestBusyStretch(profile);
  console.log(`import-freeze longest busy stretch in the profile ${stretch.ms} ms, spent in:\n  ${stretch.paths.join('\n  ')}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
