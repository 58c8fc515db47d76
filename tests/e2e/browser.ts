/**
 * Debian's Chromium driven by playwright-core (no browser downloads on this machine). WebGL runs on
 * the CPU through SwiftShader. Every page records console errors and any request that leaves the
 * origins a test allows, so each test can assert the app stayed offline and clean.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots of test runs are kept (a CI artifact). */
export const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserSession {
  browser: Browser;
  close: () => Promise<void>;
}

/** A fresh browser: playwright gives every launch a new, empty profile directory of its own. */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return { browser, close: () => browser.close() };
}

export interface PageSession {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  /** Requests to any origin not in `allowedOrigins` (data: and blob: URLs are local). */
  foreignRequests: string[];
}

export interface OpenPageOptions {
  viewport?: { width: number; height: number };
  allowedOrigins?: string[];
  locale?: string;
  reducedMotion?: 'reduce' | 'no-preference';
}

export async function openPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<PageSession> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'zh-CN',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const allowed = new Set(options.allowedOrigins ?? [new URL(url).origin]);
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const reqUrl = req.url();
    if (reqUrl.startsWith('data:') || reqUrl.startsWith('blob:')) return;
    if (!allowed.has(new URL(reqUrl).origin)) foreignRequests.push(reqUrl);
  });
  await page.goto(url);
  return { context, page, consoleErrors, foreignRequests };
}

/**
 * Resolves once the app's map has rendered everything it has (MapLibre's `idle`); rejects on the
 * map's first error (a bad style, a missing file) instead of waiting for the timeout.
 */
export async function waitForMapIdle(page: Page, timeout = 45_000): Promise<void> {
  await page.waitForFunction(() => Boolean(window.shanshui?.map), undefined, { timeout });
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const map = (window as unknown as { shanshui: { map: MapLibreMap } }).shanshui.map;
        const timer = setTimeout(() => reject(new Error(`map not idle after ${ms} ms`)), ms);
        map.once('error', (e) => {
          clearTimeout(timer);
          reject(new Error(`map error: ${e.error?.message ?? e}`));
        });
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.triggerRepaint();
      }),
    timeout,
  );
}

/**
 * How much of the map canvas is painted with something other than its most common colour, and how
 * many distinct colours it holds: a blank or single-colour canvas scores ~0.
 */
export async function canvasPaint(page: Page, selector = '.maplibregl-canvas'): Promise<{ distinctColours: number; nonBackgroundShare: number }> {
  return page.evaluate((sel) => {
    const source = document.querySelector(sel) as HTMLCanvasElement;
    const probe = document.createElement('canvas');
    probe.width = 200;
    probe.height = Math.max(1, Math.round((200 * source.height) / source.width));
    const ctx = probe.getContext('2d')!;
    ctx.drawImage(source, 0, 0, probe.width, probe.height);
    const { data } = ctx.getImageData(0, 0, probe.width, probe.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = data.length / 4;
    const most = Math.max(...counts.values());
    return { distinctColours: counts.size, nonBackgroundShare: 1 - most / total };
  }, selector);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Clicks the map where a WGS84 position is shown now. */
export async function clickLngLat(page: Page, lngLat: [number, number]): Promise<void> {
  const point = await page.evaluate((ll) => window.shanshui!.map.project(ll as [number, number]), lngLat);
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

/** Starts recording long tasks (main-thread work over 50 ms) in the page. */
export async function startLongTaskRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTasks = [];
    w.__longTaskObserver?.disconnect();
    w.__longTaskObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    });
    w.__longTaskObserver.observe({ type: 'longtask' });
  });
}

/** Durations (ms) of the long tasks recorded since `startLongTaskRecording`. */
export async function recordedLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** Waits until the county statistics table has its rows. */
export async function waitForStatistics(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.county-table tbody tr').first().waitFor({ timeout });
}
