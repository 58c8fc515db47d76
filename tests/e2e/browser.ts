/**
 * Debian's Chromium driven by playwright-core (no browser downloads on this machine). WebGL runs on
 * the CPU through SwiftShader. Every page records console errors and any request that leaves the
 * origins a test allows, so each test can assert the app stayed offline and clean.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { afterAll, beforeAll } from 'vitest';

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

/** One browser for the tests of a file: launched before them, closed after them. */
export function browserForFile(): { readonly browser: Browser } {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });
  return {
    get browser() {
      if (!session) throw new Error('the browser is not launched yet');
      return session.browser;
    },
  };
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
 * How much of the app's map canvas is painted with something other than its most common colour,
 * and how many distinct colours it holds: a blank or single-colour canvas scores ~0. The canvas is
 * copied inside a render event, where the WebGL buffer is still readable.
 */
export async function canvasPaint(page: Page): Promise<{ distinctColours: number; nonBackgroundShare: number }> {
  return page.evaluate(
    () =>
      new Promise<{ distinctColours: number; nonBackgroundShare: number }>((resolve) => {
        const map = (window as unknown as { shanshui: { map: MapLibreMap } }).shanshui.map;
        const source = map.getCanvas();
        const probe = document.createElement('canvas');
        probe.width = 200;
        probe.height = Math.max(1, Math.round((200 * source.height) / source.width));
        const ctx = probe.getContext('2d')!;
        map.once('render', () => {
          ctx.drawImage(source, 0, 0, probe.width, probe.height);
          const { data } = ctx.getImageData(0, 0, probe.width, probe.height);
          const counts = new Map<number, number>();
          for (let i = 0; i < data.length; i += 4) {
            const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          const most = Math.max(...counts.values());
          resolve({ distinctColours: counts.size, nonBackgroundShare: 1 - most / (data.length / 4) });
        });
        map.triggerRepaint();
      }),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Clicks the map where a WGS84 position is shown now. */
export async function clickLngLat(page: Page, lngLat: [number, number]): Promise<void> {
  const point = await page.evaluate((ll) => window.shanshui!.map.project(ll), lngLat);
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

/**
 * Long tasks (ms) caused by one user action. Element positions are looked up first: Playwright's
 * locator queries run in the page too and would be counted as the app's work. The action itself
 * should use only `page.mouse` / `page.keyboard` (raw input), then the page is left alone to settle.
 */
export async function longTasksOf(page: Page, action: () => Promise<void>, settleMs = 1500): Promise<number[]> {
  await startLongTaskRecording(page);
  await action();
  await page.waitForTimeout(settleMs);
  return recordedLongTasks(page);
}

/** Centre of an element in page coordinates, for a raw mouse click. */
export async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Durations (ms) of the long tasks recorded since `startLongTaskRecording`. */
export async function recordedLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** Waits until the county statistics table has its rows. */
export async function waitForStatistics(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.county-table tbody tr').first().waitFor({ timeout });
}

/** A touch phone (375×812, mobile, reduced motion) on `url`, recording page errors. */
export async function openPhonePage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}
