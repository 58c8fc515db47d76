import { describe, expect, inject, it } from 'vitest';
import { browserForFile, canvasPaint, openPage, screenshot, waitForMapIdle, waitForStatistics } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

describe('the built app, offline', () => {
  it('opens on a painted map of Changzhi with no console errors and no foreign requests', async () => {
    const { page, consoleErrors, foreignRequests, context } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await screenshot(page, 'smoke-desktop');

    const paint = await canvasPaint(page);
    expect(paint.distinctColours).toBeGreaterThan(20);
    expect(paint.nonBackgroundShare).toBeGreaterThan(0.2);

    // The camera frames Changzhi (about 111.9–113.8°E, 35.7–37.2°N).
    const center = await page.evaluate(() => window.shanshui!.map.getCenter().toArray());
    expect(center[0]).toBeGreaterThan(112.3);
    expect(center[0]).toBeLessThan(113.5);
    expect(center[1]).toBeGreaterThan(35.9);
    expect(center[1]).toBeLessThan(37.0);

    // Twelve counties drawn, with Chinese labels placed.
    const counties = await page.evaluate(() => {
      const map = window.shanshui!.map;
      const names = new Set(map.queryRenderedFeatures({ layers: ['counties-fill'] }).map((f) => f.properties.name as string));
      const labels = new Set(map.queryRenderedFeatures({ layers: ['counties-label'] }).map((f) => f.properties.name as string));
      return { names: [...names], labels: [...labels] };
    });
    expect(counties.names).toHaveLength(12);
    expect(counties.names).toContain('潞州区');
    expect(counties.labels.length).toBeGreaterThanOrEqual(10);

    await page.locator('h1', { hasText: '长治生态分区图' }).waitFor();
    expect(await page.locator('.maplibregl-ctrl-scale').count()).toBe(1);
    const attribution = await page.locator('.maplibregl-ctrl-attrib').innerText();
    expect(attribution.length).toBeGreaterThan(10);

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('switches the interface and the labels to English and back', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.locator('h1', { hasText: 'Changzhi Ecological Zones' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await waitForMapIdle(page);
    const labelField = await page.evaluate(() => JSON.stringify(window.shanshui!.map.getLayoutProperty('counties-label', 'text-field')));
    expect(labelField).toContain('name_en');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.locator('h1', { hasText: '长治生态分区图' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('works on a 375 px phone: title, language switch and map all reachable', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl, { viewport: { width: 375, height: 740 } });
    await waitForMapIdle(page);
    await screenshot(page, 'smoke-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: '切换到英文界面' }).isVisible()).toBe(true);
    const mapBox = await page.locator('.map').boundingBox();
    expect(mapBox!.width).toBe(375);
    expect(mapBox!.height).toBeGreaterThan(300);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('reaches every header control with the keyboard', async () => {
    const { page, context } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    const focused: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => (document.activeElement as HTMLElement).innerText || document.activeElement!.getAttribute('aria-label') || ''));
    }
    expect(focused).toContain('English');
    expect(focused.some((f) => f.includes('面板'))).toBe(true);
    await context.close();
  });

  it('opens the second pack by ?pack=shanxi: its region in the title, its layers and one table row per county', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, `${baseUrl}?pack=shanxi`);
    await waitForMapIdle(page);
    await page.locator('h1', { hasText: '山西省生态分区图' }).waitFor();
    expect(await page.locator('.layer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-layer')))).toEqual(['counties', 'springs']);
    await waitForStatistics(page);
    expect(await page.locator('.county-table tbody tr').count()).toBe(116);
    const bounds = await page.evaluate(() => window.shanshui!.map.getBounds().toArray());
    // Framed on Shanxi, not on Changzhi.
    expect(bounds[1][1] - bounds[0][1]).toBeGreaterThan(4);
    await page.locator('.county-table .county-link').first().click();
    await page.getByRole('button', { name: '返回山西省全图' }).waitFor();
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('answers a missing pack with a clear message, not a blank page', async () => {
    const { page, context } = await openPage(session.browser, `${baseUrl}?pack=no-such-pack`);
    const alert = await page.getByRole('alert').filter({ hasText: '无法载入数据包' }).innerText();
    expect(alert).toContain('服务器未返回文件（HTTP 404）');
    await context.close();
  });

  it('refuses a pack from another site, saying so, and fetches nothing from it', async () => {
    const { page, context, foreignRequests, consoleErrors } = await openPage(session.browser, `${baseUrl}?pack=${encodeURIComponent('https://zones.example.test/pack.json')}`);
    const alert = await page.getByRole('alert').filter({ hasText: '无法载入数据包' }).innerText();
    expect(alert).toContain('数据包不在本站');
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
