/**
 * `npm start` serves the app with Vite's dev server, where React runs in StrictMode (effects mount,
 * unmount and mount again). The built app hides bugs of that kind; this opens the dev server the
 * way the README tells a planner to and checks the workspace comes up whole.
 */
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForFile, openPage, waitForMapIdle, waitForStatistics } from './browser.ts';

let server: ViteDevServer;
const session = browserForFile();
let url: string;

beforeAll(async () => {
  server = await createServer({ root: path.resolve(import.meta.dirname, '..', '..'), logLevel: 'warn', server: { port: 0, host: '127.0.0.1', open: false } });
  await server.listen();
  url = server.resolvedUrls!.local[0];
});
afterAll(async () => {
  await server?.close();
});

describe('the dev server (npm start)', () => {
  it('shows the map, the statistics and the panel with no page errors', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, url, { viewport: { width: 1280, height: 800 } });
    await waitForMapIdle(page, 90_000);
    await waitForStatistics(page, 90_000);
    expect(await page.locator('.county-table tbody tr').count()).toBe(12);
    expect(await page.locator('.layer-row').count()).toBeGreaterThanOrEqual(7);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
