/**
 * Imported layers kept in the browser, with two tabs: tab A removes a layer while tab B (which has
 * not reloaded) renames it. No record without data may be left behind, and a record with no data
 * (as older versions could leave) is removed with one message instead of a warning on every start.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();
const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'import', 'geojson', 'wgs84.geojson');

const importedRows = (page: Page) => page.locator('.layer-row').filter({ has: page.getByTestId('imported-controls') });
const rowOf = (page: Page, title: string) => importedRows(page).filter({ has: page.locator('.layer-title', { hasText: new RegExp(`^${title}$`) }) });

async function waitForImported(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="imported-controls"]').length === n && !document.querySelector('[data-testid="import-reading"]'),
    n,
    { timeout: 60_000 },
  );
}

/** Ids in the store's `layers` (records) and `data` (features), read with the raw API. */
async function storedKeys(page: Page): Promise<{ layers: string[]; data: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ layers: string[]; data: string[] }>((resolve, reject) => {
        const open = indexedDB.open('shanshui-imports');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction(['layers', 'data']);
          const layers = tx.objectStore('layers').getAllKeys();
          const data = tx.objectStore('data').getAllKeys();
          tx.oncomplete = () => {
            open.result.close();
            resolve({ layers: layers.result.map(String), data: data.result.map(String) });
          };
        };
      }),
  );
}

describe('imported layers in two tabs', () => {
  it('a rename in one tab after the layer was removed in another leaves no record without data; such a record is removed once, with one message', async () => {
    const { page: a, context } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(a);
    await a.getByLabel('选择要导入的文件').setInputFiles(FIXTURE);
    await waitForImported(a, 1);
    const [id] = (await storedKeys(a)).layers;
    expect(id).toMatch(/^import-/);

    const b = await context.newPage();
    await b.goto(baseUrl);
    await waitForMapIdle(b);
    await waitForImported(b, 1);

    // A removes the layer; B, which still lists it, renames it.
    await a.getByRole('button', { name: '移除图层“wgs84”' }).click();
    await expect.poll(() => storedKeys(a)).toEqual({ layers: [], data: [] });
    const row = rowOf(b, 'wgs84');
    await row.getByLabel('图层名称').fill('规划分区');
    await row.getByLabel('图层名称').press('Enter');
    await b.getByTestId('import-status').filter({ hasText: '图层“规划分区”已在另一个标签页中移除，此处也已移除。' }).waitFor();
    await waitForImported(b, 0);
    expect(await storedKeys(b)).toEqual({ layers: [], data: [] });

    // A record without data (as an older version left it): removed at the next start, said once.
    await b.evaluate(
      (record) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('shanshui-imports');
          open.onsuccess = () => {
            const tx = open.result.transaction('layers', 'readwrite');
            tx.objectStore('layers').put(record);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error ?? new Error('IndexedDB tx failed'));
          };
        }),
      { id: 'import-orphan', name: '孤立图层', fileName: 'x.geojson', color: '#d7263d', propertyKeys: [], sourceCrs: 'EPSG:4326', sourceCrsLabel: { zh: 'WGS84', en: 'WGS84' }, featureCount: 1, order: 1, importedAt: 0, tiled: false, geometry: 'polygon' },
    );
    await b.reload();
    await waitForMapIdle(b);
    await b.getByTestId('import-error').filter({ hasText: '“孤立图层”已没有数据' }).waitFor();
    await expect.poll(() => storedKeys(b)).toEqual({ layers: [], data: [] });
    await b.reload();
    await waitForMapIdle(b);
    await b.waitForTimeout(1500);
    expect(await b.getByTestId('import-error').filter({ hasText: '孤立图层' }).count()).toBe(0);
    await context.close();
  });
});
