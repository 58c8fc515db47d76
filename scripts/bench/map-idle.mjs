#!/usr/bin/env node
/**
 * Time from navigation to the map's first `idle` in headless Chromium: the built app against a bare
 * MapLibre page showing the same counties, alternated in one run on this machine. Prints both
 * medians and their ratio (target: app ≤ 1.5 × bare).
 */
import path from 'node:path';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

process.env.NODE_ENV = 'production';
await build({ root: ROOT, logLevel: 'error' });
const bareOut = path.join(ROOT, 'node_modules', '.bench-bare-map');
await build({
  root: path.join(ROOT, 'scripts', 'bench', 'bare-map'),
  configFile: false,
  logLevel: 'error',
  build: { outDir: bareOut, emptyOutDir: true, target: 'es2022' },
});
const app = await preview({ root: ROOT, logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
const appUrl = app.resolvedUrls.local[0];
// The bare page fetches /data/... from its own origin: serve its build with the app's data plugin.
const bare = await preview({ root: ROOT, logLevel: 'error', build: { outDir: bareOut }, preview: { port: 0, host: '127.0.0.1' } });
const bareUrl = bare.resolvedUrls.local[0];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
async function timeToIdle(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  const ms = await page.waitForFunction(() => performance.getEntriesByName('shanshui:map-idle')[0]?.startTime, undefined, { timeout: 60_000 });
  const value = await ms.jsonValue();
  await context.close();
  return value;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const appTimes = [];
const bareTimes = [];
await timeToIdle(appUrl); // warm the disk cache and the browser once, uncounted
await timeToIdle(bareUrl);
for (let i = 0; i < RUNS; i++) {
  appTimes.push(await timeToIdle(appUrl));
  bareTimes.push(await timeToIdle(bareUrl));
}
await browser.close();
await app.close();
await bare.close();

const a = median(appTimes);
const b = median(bareTimes);
console.log(`map-idle: app median ${a.toFixed(0)} ms, bare MapLibre page median ${b.toFixed(0)} ms, ratio ${(a / b).toFixed(2)} (target ≤ 1.50; ${RUNS} alternating runs)`);
