/**
 * Packs are data: the Changzhi pack with every layer id (counties → xian, wetlands → shidi …) and
 * the counties' code property renamed, roles set in its manifest, works in the app as the original
 * does — layers, the county table (compared with the original pack's, in the same run), county
 * choice from the map and from a permalink's `county=`, feature details.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { RENAMED_IDS } from '../../src/pack/testing/renamedPack.ts';
import { browserForFile, clickLngLat, openPage, waitForMapIdle, waitForStatistics } from './browser.ts';
import { routeRenamedPack } from './renamedPackRoute.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

/** The county table as text: every header, body and totals cell. */
const tableText = (page: Page) => page.locator('.county-table').evaluate((table) => [...table.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.trim()));

describe('a pack whose layers have other ids', () => {
  it('shows the same layers, county table, county focus and feature details as the original pack', async () => {
    const original = await openPage(session.browser, `${baseUrl}?county=140423`, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(original.page);
    await waitForStatistics(original.page);
    await original.page.locator('.county-breakdown h3', { hasText: '襄垣县' }).waitFor();
    const originalTable = await tableText(original.page);
    const originalLayers = await original.page.locator('.layer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-layer')));
    const originalBreakdown = await original.page.locator('.county-breakdown').innerText();
    await original.context.close();

    // A permalink naming a county: it is focused once the renamed pack has loaded.
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, 'about:blank', { viewport: { width: 1440, height: 900 }, allowedOrigins: [new URL(baseUrl).origin] });
    await routeRenamedPack(context);
    await page.goto(`${baseUrl}?pack=renamed&county=140423`);
    await waitForMapIdle(page);
    await waitForStatistics(page);

    expect(await page.locator('.layer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-layer')))).toEqual(originalLayers.map((id) => RENAMED_IDS[id!]));
    expect(await tableText(page)).toEqual(originalTable);
    await page.locator('.county-breakdown h3', { hasText: '襄垣县' }).waitFor();
    expect(await page.locator('.county-breakdown').innerText()).toBe(originalBreakdown);
    const outlined = await page.evaluate(() => {
      const { map, pack } = window.shanshui!;
      const index = pack.layers.find((l) => l.role === 'regions')!.data.features.findIndex((f) => f.properties?.name === '襄垣县');
      return (map.getFeatureState({ source: 'pack-xian', id: index }) as { selected?: boolean }).selected;
    });
    expect(outlined).toBe(true);

    // A county name on the map selects that county (the region labels are found by role).
    await page.getByRole('button', { name: '返回全市' }).click();
    await waitForMapIdle(page);
    const label = await page.evaluate(() => {
      const f = window.shanshui!.map.queryRenderedFeatures({ layers: ['xian-label'] }).find((x) => x.properties.name === '沁县')!;
      return (f.geometry as GeoJSON.Point).coordinates as [number, number];
    });
    await clickLngLat(page, label);
    await page.locator('.county-breakdown h3', { hasText: '沁县' }).waitFor();
    const code = await page.evaluate(() => window.shanshui!.pack.layers.find((l) => l.role === 'regions')!.data.features.find((f) => f.properties?.name === '沁县')!.properties.xzqh_dm as string);
    expect(new URL(page.url()).searchParams.get('county')).toBe(code);

    // Feature details of a zone feature, named by its renamed layer's title.
    const site = await page.evaluate(() => {
      const f = window.shanshui!.pack.layers.find((l) => l.id === 'chenxian')!.data.features.find((x) => x.geometry.type === 'Point')!;
      return { name: f.properties.name, at: (f.geometry as GeoJSON.Point).coordinates as [number, number] };
    });
    await page.evaluate((at) => void window.shanshui!.map.jumpTo({ center: at, zoom: 11 }), site.at);
    await waitForMapIdle(page);
    await clickLngLat(page, site.at);
    const details = page.locator('.feature-details');
    await details.locator('.feature-name', { hasText: site.name }).waitFor();
    expect(await details.innerText()).toContain('采煤沉陷区');

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
