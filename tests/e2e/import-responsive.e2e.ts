/**
 * A very large import keeps the page answering (issue 19 item 9): while a layer of few, very large
 * polygons is read, checked and counted by county, a planner switches a pack layer off in the
 * panel, and the switch takes effect before the import has finished (its column in the county
 * table). How long the page is held is a figure for `npm run bench` (import-freeze), not asserted here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, waitForMapIdle, waitForStatistics } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

/** `count` polygons of `corners` corners spread over Changzhi (seeded: the same file every run). */
function bigPolygons(count: number, corners: number, seed: number): FeatureCollection {
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const features: Feature[] = [];
  for (let i = 0; i < count; i++) {
    const cx = 112.1 + random() * 1.5;
    const cy = 35.9 + random() * 1.1;
    const r = 0.02 + random() * 0.03;
    const ring: Position[] = [];
    for (let k = 0; k < corners; k++) {
      const a = (k / corners) * 2 * Math.PI;
      const rr = r * (0.85 + 0.15 * Math.sin(a * 40));
      ring.push([+(cx + rr * Math.cos(a)).toFixed(7), +(cy + rr * 0.8 * Math.sin(a)).toFixed(7)]);
    }
    ring.push(ring[0]);
    features.push({ type: 'Feature', properties: { 名称: `大图斑${i + 1}` }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return { type: 'FeatureCollection', features };
}

describe('a very large import', () => {
  it('leaves the panel answering: a layer switched off during the import is off before the import has finished', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await waitForStatistics(page);
    // 40 polygons of 27,500 corners: 1.1 M vertices, ~26 MB (made here, not committed).
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'shanshui-import-e2e-')), 'big-parcels.geojson');
    writeFileSync(file, JSON.stringify(bigPolygons(40, 27_500, 11)));

    // When the page handles the switch, and when the import's column appears in the county table.
    await page.evaluate(() => {
      const w = window as unknown as { __switchedAt?: number; __finishedAt?: number };
      document.addEventListener('change', () => (w.__switchedAt ??= performance.now()), { capture: true });
      new MutationObserver(() => {
        if (document.querySelector('.county-table thead')?.textContent?.includes('big-parcels')) w.__finishedAt ??= performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const packRow = page.locator('.layer-row').filter({ hasNot: page.getByTestId('imported-controls') }).first();
    const packLayer = await packRow.getAttribute('data-layer');
    const box = packRow.getByRole('checkbox');
    await expect.poll(() => box.isChecked()).toBe(true);

    await page.getByLabel('选择要导入的文件').setInputFiles(file);
    // The layer is on the map (from the worker's tiles); its features are still being read and counted.
    await page.waitForFunction(() => performance.getEntriesByName('shanshui:import-drawn').length > 0, undefined, { timeout: 120_000 });
    await box.click();

    // The import finishes: the layer is listed with its 40 features and counted by county.
    await page.waitForFunction(() => document.querySelector('.county-table thead')?.textContent?.includes('big-parcels'), undefined, { timeout: 240_000, polling: 250 });
    const { switchedAt, finishedAt } = await page.evaluate(() => {
      const w = window as unknown as { __switchedAt?: number; __finishedAt?: number };
      return { switchedAt: w.__switchedAt, finishedAt: w.__finishedAt };
    });
    expect(switchedAt).toBeDefined();
    expect(finishedAt).toBeDefined();
    expect(switchedAt!).toBeLessThan(finishedAt!);
    // The switch did what it says: the box is clear and the layer is hidden on the map.
    expect(await box.isChecked()).toBe(false);
    const shown = await page.evaluate((id) => window.shanshui!.map.getStyle().layers.filter((l) => l.id.startsWith(`${id}-`)).map((l) => l.layout?.visibility ?? 'visible'), packLayer);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((v) => v === 'none')).toBe(true);
    await expect.poll(() => page.locator('.layer-row', { has: page.getByTestId('imported-controls') }).locator('.layer-count').innerText()).toBe('40 个要素');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
