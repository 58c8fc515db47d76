#!/usr/bin/env node
/**
 * Embed widget (issue 8): time from navigation to the first fully painted map (`idle`) in headless
 * Chromium, the built widget against a bare MapLibre page drawing the same pack layers with the
 * same style, alternated in one run. Prints both medians and their ratio (target ≤ 1.2), and the
 * gzip bytes a reader's browser fetches: the widget's JavaScript (target ≤ 480 KB with MapLibre
 * and its worker), the default pack's data (target ≤ 250 KB) and the page loader.
 * Env: BENCH_RUNS (default 7).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const MARK = 'shanshui:embed-painted';

process.env.NODE_ENV = 'production';
const appOut = path.join(ROOT, 'node_modules', '.bench-embed-app');
const bareOut = path.join(ROOT, 'node_modules', '.bench-embed-bare');
await build({ root: ROOT, logLevel: 'error', build: { outDir: appOut, emptyOutDir: true } });
await build({
  root: path.join(ROOT, 'scripts', 'bench', 'embed-bare'),
  configFile: false,
  logLevel: 'error',
  build: { outDir: bareOut, emptyOutDir: true, target: 'es2022' },
});

// --- What a reader's browser fetches (same walk as tests/e2e/build-size.e2e.ts) ---
const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const listFiles = (dir) => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? listFiles(path.join(dir, n)) : [path.join(dir, n)]));
const scripts = listFiles(path.join(appOut, 'assets')).map((f) => path.relative(appOut, f).split(path.sep).join('/')).filter((f) => /\.m?js$/.test(f));
const html = readFileSync(path.join(appOut, 'embed.html'), 'utf8');
const pending = scripts.filter((f) => html.includes(f));
const fetched = new Set();
while (pending.length > 0) {
  const file = pending.pop();
  if (fetched.has(file)) continue;
  fetched.add(file);
  const text = readFileSync(path.join(appOut, file), 'utf8');
  for (const other of scripts) if (!fetched.has(other) && text.includes(path.posix.basename(other))) pending.push(other);
}
const jsBytes = [...fetched].reduce((s, f) => s + gzip(path.join(appOut, f)), 0);
const manifest = JSON.parse(readFileSync(path.join(appOut, 'data', 'changzhi', 'pack.json'), 'utf8'));
const dataFiles = ['pack.json', ...manifest.layers.map((l) => l.file), ...(manifest.context ?? []).map((c) => c.file)];
const dataBytes = dataFiles.reduce((s, f) => s + gzip(path.join(appOut, 'data', 'changzhi', f)), 0);
const loaderBytes = gzip(path.join(appOut, 'embed.js'));
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(`embed-size: widget JS ${kb(jsBytes)} gzip in ${fetched.size} files (${(jsBytes / 480_000).toFixed(2)} of the 480 KB budget: ${[...fetched].map((f) => path.posix.basename(f)).join(', ')})`);
console.log(`embed-size: default pack data ${kb(dataBytes)} gzip in ${dataFiles.length} files (${(dataBytes / 250_000).toFixed(2)} of the 250 KB budget); loader embed.js ${loaderBytes} B gzip`);

// --- Time to a painted map ---
const app = await preview({ root: ROOT, logLevel: 'error', build: { outDir: appOut }, preview: { port: 0, host: '127.0.0.1' } });
// The bare page fetches /data/... from its own origin: serve its build with the app's data plugin.
const bare = await preview({ root: ROOT, logLevel: 'error', build: { outDir: bareOut }, preview: { port: 0, host: '127.0.0.1' } });
const widgetUrl = `${app.resolvedUrls.local[0]}embed.html`;
const bareUrl = bare.resolvedUrls.local[0];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
const WIDTH = 640;
// The widget runs at the height it asks a news page for (as the loader would size its iframe), so
// its map has its natural size, the same as the bare page's map (640 × 448 px).
let widgetHeight = 700;
{
  const context = await browser.newContext({ viewport: { width: WIDTH, height: widgetHeight } });
  const page = await context.newPage();
  await page.goto(widgetUrl);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 60_000 });
  widgetHeight = await page.evaluate(() => {
    const root = document.getElementById('embed');
    const map = root.querySelector('.embed-map');
    return Math.ceil(root.scrollHeight - map.offsetHeight + Number.parseFloat(root.style.getPropertyValue('--map-h')));
  });
  await context.close();
}

async function timeToPainted(url) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: url === widgetUrl ? widgetHeight : 700 } });
  const page = await context.newPage();
  await page.goto(url);
  const handle = await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, MARK, { timeout: 60_000 });
  const ms = await handle.jsonValue();
  await context.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const widgetTimes = [];
const bareTimes = [];
await timeToPainted(bareUrl); // warm the disk cache and the browser once, uncounted
for (let i = 0; i < RUNS; i++) {
  widgetTimes.push(await timeToPainted(widgetUrl));
  bareTimes.push(await timeToPainted(bareUrl));
}
await browser.close();
await app.close();
await bare.close();

const w = median(widgetTimes);
const b = median(bareTimes);
console.log(`embed-paint: widget median ${w.toFixed(0)} ms, bare MapLibre page with the same layers median ${b.toFixed(0)} ms, ratio ${(w / b).toFixed(2)} (target ≤ 1.20; ${RUNS} alternating runs; map 640 px wide at its natural height, widget page ${widgetHeight} px tall)`);
