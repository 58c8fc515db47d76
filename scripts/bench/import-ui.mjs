#!/usr/bin/env node
/**
 * Import in the browser (issue 7): a ~50 MB GeoJSON (67,000 polygons of 24 corners around
 * Changzhi, written at run time, not committed) chosen with the built app's 导入 file picker in
 * headless Chromium. Measures
 *   - time to display: from the import's start to the map having drawn the layer (the app's
 *     `shanshui:import-start` and `shanshui:import-drawn` marks), target < 10 s;
 *   - the longest main-thread task while importing (start → drawn), and afterwards while the
 *     features join the layer panel and the county statistics (drawn → statistics shown);
 *   - peak memory of the whole browser (all its processes; PSS, with summed RSS beside it), target < 1.5 GB,
 *     and where it was at that moment: PSS per kind of Chromium process (the renderer holds the page
 *     and all its workers; blobs and IndexedDB live in the browser process).
 * Reference, in the same run and browser: the same file read on the page, JSON.parse'd and added
 * to the same map as a plain MapLibre GeoJSON source, until the map is idle — what a page without
 * the import worker and its tiles would do.
 *
 * Figures stretch under load (two cores shared with other work): read the ratios.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { writePolygons } from './lib/writePolygons.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIR = path.join(tmpdir(), 'shanshui-bench-import');
const FILE = path.join(DIR, 'zones-50mb.geojson');
const OUT = path.join(ROOT, 'node_modules', '.bench-import-ui');
const TARGET_MS = 10_000;
const TARGET_MB = 1536;
const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Resident memory (MB) of this process's descendants: the browser and all its children. */
/**
 * Memory of the whole browser (every process below this one), in MB: the sum of PSS (each shared
 * page divided among the processes mapping it: what the browser really occupies) and, for
 * comparison, the sum of RSS (which counts the Chromium binary and shared memory once per process).
 */
function browserMemoryMB() {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parent.set(Number(name), Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  let pss = 0;
  let rss = 0;
  const byKind = {};
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p && p !== process.pid) p = parent.get(p);
    if (p !== process.pid) continue;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const processPss = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += processPss;
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      const kind = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      byKind[kind] = (byKind[kind] ?? 0) + processPss;
    } catch {
      // Ended meanwhile.
    }
  }
  return { pss: pss / 1024, rss: rss / 1024, byKind };
}

function peakSampler() {
  const peak = { pss: 0, rss: 0, byKind: {}, at: 0 };
  const started = performance.now();
  const sample = () => {
    const now = browserMemoryMB();
    if (now.pss > peak.pss) Object.assign(peak, { byKind: now.byKind, at: performance.now() - started });
    peak.pss = Math.max(peak.pss, now.pss);
    peak.rss = Math.max(peak.rss, now.rss);
  };
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    // Where the peak was: PSS per kind of Chromium process (browser, renderer, gpu-process, utility …) at that moment.
    const where = Object.entries(peak.byKind).map(([kind, kb]) => `${kind} ${Math.round(kb / 1024)}`).join(', ');
    return { pss: Math.round(peak.pss), rss: Math.round(peak.rss), where: `${where} (${(peak.at / 1000).toFixed(1)} s after the file was chosen)` };
  };
}

async function openApp(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('shanshui:map-idle').length > 0, undefined, { timeout: 60_000 });
  // The first statistics are in: their table's arrival resizes the map, which is not the import's work.
  await page.locator('.county-table tbody tr').first().waitFor({ timeout: 120_000 });
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
  return { context, page };
}

const mapIdle = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        window.shanshui.map.once('idle', () => resolve());
        window.shanshui.map.triggerRepaint();
      }),
  );

/** The app's own import: file picker → worker → tiles on the map → features in panel and statistics. */
async function appImport(browser, url) {
  const { context, page } = await openApp(browser, url);
  const stopSampling = peakSampler();
  await page.getByLabel('选择要导入的文件').setInputFiles(FILE);
  await page.waitForFunction(() => performance.getEntriesByName('shanshui:import-drawn').length > 0, undefined, { timeout: 180_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="imported-controls"]').length === 1 && !document.querySelector('[data-testid="import-reading"]'), undefined, { timeout: 300_000 });
  await page.waitForFunction(() => document.querySelector('.county-table thead')?.textContent?.includes('zones-50mb：'), undefined, { timeout: 300_000 });
  await mapIdle(page);
  const peak = stopSampling();
  const figures = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name).at(-1).startTime;
    const start = at('shanshui:import-start');
    const drawn = at('shanshui:import-drawn');
    const tasks = window.__tasks.filter(([s]) => s >= start);
    const longest = (list) => Math.round(Math.max(0, ...list.map(([, d]) => d)));
    const stats = performance.getEntriesByName('shanshui:statistics').at(-1);
    return {
      displayMs: Math.round(drawn - start),
      readyMs: Math.round((stats ? stats.startTime + stats.duration : performance.now()) - start),
      importingLongest: longest(tasks.filter(([s]) => s < drawn)),
      afterLongest: longest(tasks.filter(([s]) => s >= drawn)),
      afterCount: tasks.filter(([s]) => s >= drawn).length,
    };
  });
  await context.close();
  return { ...figures, peak };
}

/** Reference: the file parsed on the page and shown as a plain GeoJSON source on the same map. */
async function plainGeoJsonSource(browser, url) {
  const { context, page } = await openApp(browser, url);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    document.body.append(input);
  });
  const stopSampling = peakSampler();
  await page.evaluate(() => {
    window.__plain = new Promise((resolve) => {
      document.getElementById('bench-file').addEventListener('change', async (e) => {
        const start = performance.now();
        const data = JSON.parse(await e.target.files[0].text());
        const map = window.shanshui.map;
        map.addSource('bench-plain', { type: 'geojson', data });
        map.addLayer({ id: 'bench-plain-fill', type: 'fill', source: 'bench-plain', paint: { 'fill-color': '#d1495b', 'fill-opacity': 0.3 } });
        map.addLayer({ id: 'bench-plain-line', type: 'line', source: 'bench-plain', paint: { 'line-color': '#d1495b' } });
        map.once('idle', () => resolve({ start, end: performance.now() }));
      });
    });
  });
  await page.locator('#bench-file').setInputFiles(FILE);
  const { start, end } = await page.evaluate(() => window.__plain);
  const peak = stopSampling();
  const longest = await page.evaluate((start) => Math.round(Math.max(0, ...window.__tasks.filter(([s]) => s >= start).map(([, d]) => d))), start);
  await context.close();
  return { displayMs: Math.round(end - start), longest, peak };
}

mkdirSync(DIR, { recursive: true });
// 67,000 polygons of 24 corners ≈ 50 MB.
if (!existsSync(FILE)) await writePolygons(FILE, 67_000, 24, 1);
const sizeMB = (statSync(FILE).size / 1048576).toFixed(1);

process.env.NODE_ENV = 'production';
await build({ root: ROOT, logLevel: 'error', build: { outDir: OUT, emptyOutDir: true } });
const server = await preview({ root: ROOT, logLevel: 'error', build: { outDir: OUT }, preview: { port: 0, host: '127.0.0.1' } });
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
try {
  console.log(`import-ui: load average ${loadavg()[0].toFixed(1)}; ${sizeMB} MB GeoJSON, 67,000 polygons (${FILE})`);
  const ours = await appImport(browser, url);
  const plain = await plainGeoJsonSource(browser, url);
  const met = (ok) => (ok ? 'met' : 'NOT met');
  console.log(
    `import-ui app: displayed in ${ours.displayMs} ms (target < ${TARGET_MS / 1000} s: ${met(ours.displayMs < TARGET_MS)}); longest main-thread task while importing ${ours.importingLongest} ms; ` +
      `features in the panel and county statistics after ${ours.readyMs} ms, longest task meanwhile ${ours.afterLongest} ms (${ours.afterCount} over 50 ms); ` +
      `browser peak memory ${ours.peak.pss} MB PSS (target < ${TARGET_MB} MB: ${met(ours.peak.pss < TARGET_MB)}; summed RSS ${ours.peak.rss} MB; at the peak, MB PSS by process: ${ours.peak.where})`,
  );
  console.log(
    `import-ui reference (same file as a plain MapLibre GeoJSON source, parsed on the page): displayed in ${plain.displayMs} ms, longest main-thread task ${plain.longest} ms, browser peak memory ${plain.peak.pss} MB PSS (summed RSS ${plain.peak.rss} MB; at the peak: ${plain.peak.where})`,
  );
  console.log(
    `import-ui ratios app/reference: time to display ${(ours.displayMs / plain.displayMs).toFixed(2)}, longest task while importing ${(ours.importingLongest / Math.max(1, plain.longest)).toFixed(3)}, peak memory (PSS) ${(ours.peak.pss / plain.peak.pss).toFixed(2)}`,
  );
} finally {
  await browser.close();
  await server.close();
}
