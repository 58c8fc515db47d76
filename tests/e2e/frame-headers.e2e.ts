/**
 * Another site cannot frame the app (clickjacking) and the widget stays embeddable: the preview
 * server (as the dev server) sends frame-ancestors 'self' and X-Frame-Options for the app's pages
 * and neither for embed.html. The browser test acts it out: a page on another origin frames both.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage } from './browser.ts';

const baseUrl = inject('baseUrl');
const distDir = inject('distDir');
const appOrigin = new URL(baseUrl).origin;

/** A host page framing the app and the widget, both from the app's origin. */
const HOST_PAGE = `<!doctype html><meta charset="utf-8"><title>host</title>
<iframe name="app" src="${baseUrl}" width="900" height="600"></iframe>
<iframe name="widget" src="${baseUrl}embed.html?layers=counties,wetlands" width="600" height="400"></iframe>`;

const session = browserForFile();
let hostServer: Server;
let otherOrigin: string;

beforeAll(async () => {
  // The other site: its own port on the loopback, so its origin differs from the app's.
  hostServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(HOST_PAGE);
  });
  await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(hostServer.address() as AddressInfo).port}`;
  expect(otherOrigin).not.toBe(appOrigin);
  // The same page on the app's own origin: framing is allowed there, so the checks below can see an app.
  writeFileSync(path.join(distDir, 'frame-host.html'), HOST_PAGE);
});

afterAll(async () => {
  await new Promise((resolve) => hostServer?.close(resolve));
});

const frameNamed = (page: Page, name: string): Frame => {
  const frame = page.frames().find((f) => f.name() === name);
  if (!frame) throw new Error(`no frame named ${name}`);
  return frame;
};

/** Resolves once the widget in `frame` has drawn its first complete frame, with no error shown. */
async function widgetDrawn(frame: Frame): Promise<{ painted: boolean; errors: number; canvas: { width: number; height: number } }> {
  await frame.waitForFunction(() => performance.getEntriesByName('shanshui:embed-painted').length > 0 || document.querySelector('.embed-error'), undefined, { timeout: 60_000 });
  return frame.evaluate(() => {
    const canvas = document.querySelector('canvas');
    return {
      painted: performance.getEntriesByName('shanshui:embed-painted').length > 0,
      errors: document.querySelectorAll('.embed-error').length,
      canvas: { width: canvas?.width ?? 0, height: canvas?.height ?? 0 },
    };
  });
}

/** Whether the app frame shows the app: its map is on the page (a refused frame holds Chromium's error page). */
async function appShown(frame: Frame): Promise<boolean> {
  if (!frame.url().startsWith(appOrigin)) return false;
  return frame.evaluate(() => Boolean(document.querySelector('.maplibregl-canvas'))).catch(() => false);
}

describe('framing headers', () => {
  it('the app says only its own site may frame it; the widget page says nothing', async () => {
    for (const page of ['', 'index.html']) {
      const app = await fetch(new URL(page, baseUrl));
      expect(app.status).toBe(200);
      expect(app.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
      expect(app.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
    const widget = await fetch(new URL('embed.html', baseUrl));
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-security-policy')).toBeNull();
    expect(widget.headers.get('x-frame-options')).toBeNull();
  });

  it('in a browser, the app framed by its own site loads; framed by another site it is refused while the widget draws', async () => {
    // Same origin: the app appears in the frame (so the check below would see an app if one loaded).
    const own = await openPage(session.browser, `${baseUrl}frame-host.html`);
    try {
      await own.page.frameLocator('iframe[name=app]').locator('.maplibregl-canvas').waitFor({ timeout: 60_000 });
      expect(await appShown(frameNamed(own.page, 'app'))).toBe(true);
    } finally {
      await own.context.close();
    }

    // Another origin: the browser refuses the app's frame and says why; the widget loads and draws.
    const refusals: string[] = [];
    const other = await openPage(session.browser, `${otherOrigin}/news.html`, { allowedOrigins: [otherOrigin, appOrigin] });
    try {
      const { page, consoleErrors, foreignRequests } = other;
      page.on('console', (message) => {
        if (/frame-ancestors|X-Frame-Options/i.test(message.text())) refusals.push(message.text());
      });
      const widget = await widgetDrawn(frameNamed(page, 'widget'));
      expect(widget.painted).toBe(true);
      expect(widget.errors).toBe(0);
      expect(widget.canvas.width).toBeGreaterThan(0);
      // The widget's map canvas holds a drawn map, not a blank one.
      const shot = await page.locator('iframe[name=widget]').screenshot();
      const paint = await page.evaluate(async (base64) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(image, 0, 0);
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 16) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return colours.size;
      }, shot.toString('base64'));
      expect(paint).toBeGreaterThan(20);

      const app = frameNamed(page, 'app');
      await expect.poll(() => refusals.length + consoleErrors.filter((e) => /frame-ancestors|X-Frame-Options/i.test(e)).length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await appShown(app)).toBe(false);
      expect(await page.frameLocator('iframe[name=app]').locator('#root, .maplibregl-canvas').count()).toBe(0);
      expect(foreignRequests).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});
