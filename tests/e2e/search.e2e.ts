/**
 * The search box as a planner uses it: Ctrl+K, pinyin initials, arrows and Enter; a feature's
 * details; a Gauss-Krüger position; an imported layer's features; all offline.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();
const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');

describe('search', () => {
  it('Ctrl+K, “xyx”, arrows and Enter select 襄垣县; a wetland by its characters shows its details; a GK position is marked', async () => {
    const { page, consoleErrors, foreignRequests, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    // The pinyin dictionary is not part of the first load.
    const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /pinyin|searchController/i.test(n)));
    expect(before).toEqual([]);

    await page.locator('.maplibregl-canvas').click();
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: '搜索' });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('xyx');
    const options = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option');
    await options.first().filter({ hasText: '襄垣县' }).waitFor();
    // The county, its seat (a place name of the reference layer), then a zone named after it.
    expect(await options.allInnerTexts()).toEqual([expect.stringMatching(/^襄垣县\s+县级行政区$/), expect.stringMatching(/^襄垣县\s+县区驻地$/), expect.stringMatching(/^襄垣县采煤沉陷区\s+采煤沉陷区治理$/)]);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.locator('.county-breakdown h3', { hasText: '襄垣县' }).waitFor();
    expect(new URL(page.url()).searchParams.get('county')).toBe('140423');
    await page.waitForFunction(() => document.activeElement?.id === 'details-heading');

    // A feature by its characters: zoomed, selected, details in view.
    await box.fill('三漳');
    await options.first().filter({ hasText: '三漳湿地公园' }).waitFor();
    await box.press('Enter');
    await page.locator('.feature-details .feature-name', { hasText: '三漳湿地公园' }).waitFor();
    // The details take the focus on the next frame; typing on before that would lose it to them.
    await page.waitForFunction(() => document.activeElement?.id === 'details-heading');
    const zoom = await page.evaluate(() => window.shanshui!.map.getZoom());
    expect(zoom).toBeGreaterThan(10);

    // Gauss-Krüger X/Y with the zone in Y (PROJ: 36.1953°N 113.1167°E).
    await box.fill('X=4007574.972 Y=38420554.284');
    await options.first().filter({ hasText: '坐标' }).waitFor();
    expect(await options.first().innerText()).toContain('高斯-克吕格 CGCS2000 3° 带第 38 带');
    await box.press('Enter');
    const centre = await page.evaluate(() => window.shanshui!.map.getCenter().toArray());
    expect(centre[0]).toBeCloseTo(113.1167, 4);
    expect(centre[1]).toBeCloseTo(36.1953, 4);
    expect(await page.evaluate(() => Boolean(window.shanshui!.map.getLayer('search-position')))).toBe(true);

    // Degrees, minutes, seconds and nothing-found.
    await box.fill(`36°11'43"N 113°07'E`);
    await options.first().filter({ hasText: '度分秒' }).waitFor();
    await box.fill('不存在的地名');
    await page.getByText('没有找到“不存在的地名”').waitFor();
    await box.press('Escape');
    await box.press('Escape');
    expect(await box.inputValue()).toBe('');

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('finds features of an imported layer', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await page.getByRole('button', { name: '导入', exact: true }).waitFor();
    await page.getByLabel('选择要导入的文件').setInputFiles(path.join(FIXTURES, 'import', 'ref', 'cgcs2000-3deg-cm114.wgs84.geojson'));
    await page.locator('[role="status"]', { hasText: '已导入“cgcs2000-3deg-cm114.wgs84”' }).first().waitFor({ timeout: 60_000 });
    const box = page.getByRole('combobox', { name: '搜索' });
    // 雄山五矿沉陷区 by its initials (xiong shan wu kuang).
    await box.fill('xswk');
    const options = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option');
    await options.filter({ hasText: '雄山五矿沉陷区' }).first().waitFor({ timeout: 30_000 });
    await box.press('Enter');
    await page.locator('.feature-details .feature-name', { hasText: '雄山五矿沉陷区' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
