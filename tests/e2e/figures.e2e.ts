/**
 * The figures a planner takes away: the CSV and Excel files carry every figure the screen shows
 * (the Excel file read back by ExcelJS, which did not write it), the county table and the county
 * overview count the same features, the measuring breakdown marks estimates, and "此处的要素"
 * belongs to the click that picked the shown feature.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, clickLngLat, openPage, waitForMapIdle, waitForStatistics } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return file.path();
}

/** RFC 4180 fields of one CSV line. */
const csvFields = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));

describe('figures', () => {
  it('Excel and CSV downloads hold the plan’s figures with their sources beside the marked estimates', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await waitForStatistics(page);
    expect(await page.locator('.plan-row').innerText()).toContain('70,897.71');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download(page, '导出 Excel'));
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows[0] as string[];
    const subsidenceColumn = header.indexOf('采煤沉陷区治理 面积 (亩) [≈ 估算，示意图形]');
    expect(subsidenceColumn).toBeGreaterThan(0);
    const planRow = rows.find((r) => r[0] === '规划数字')!;
    expect(planRow[subsidenceColumn]).toBe(70897.71);
    const task = rows.find((r) => r[0] === '9 个涉煤县区采煤沉陷区生态修复治理整改任务')!;
    expect(task.slice(1, 5)).toEqual([70897.71, '亩', 70897.71, 4]);
    expect(String(task[5])).toContain('长治日报');
    // The estimate is there too, and lower than the plan's figure: the marked column says why.
    const totals = rows.find((r) => r[0] === '全市合计')!;
    expect(totals[subsidenceColumn] as number).toBeLessThan(70897.71);
    expect(rows.some((r) => String(r[0]).includes('估算'))).toBe(true);

    // The CSV in hectares: 70,897.71 亩 = 4,726.51 公顷.
    await page.getByRole('radio', { name: '公顷' }).check();
    const csv = readFileSync(await download(page, '导出 CSV'), 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n').map(csvFields);
    const csvHeader = lines[0];
    expect(lines.find((r) => r[0] === '规划数字')![csvHeader.indexOf('采煤沉陷区治理 面积 (公顷) [≈ 估算，示意图形]')]).toBe('4726.51');
    expect(lines.find((r) => r[0] === '9 个涉煤县区采煤沉陷区生态修复治理整改任务')!.slice(1, 5)).toEqual(['70897.71', '亩', '4726.51', '4']);
    expect(lines.find((r) => r[0] === '全市山区面积')!.slice(1, 4)).toEqual(['7042', '平方公里', '704200']);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the county table and the county overview count the same features; the rule is stated', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await waitForStatistics(page);
    const header = await page.locator('.county-table thead tr').nth(1).locator('th').allInnerTexts();
    const groups = await page.locator('.county-table thead tr').first().locator('th').evaluateAll((ths) => ths.map((th) => ({ text: (th as HTMLElement).innerText, span: (th as HTMLTableCellElement).colSpan })));
    // Column index (within the body row, county name first) of each group's count column.
    const countColumn = (title: string) => {
      let column = 1;
      for (const g of groups.slice(1)) {
        if (g.text.startsWith(title)) return column + header.slice(column - 1, column - 1 + g.span).findIndex((h) => h.startsWith('数量'));
        column += g.span;
      }
      throw new Error(`no group ${title}`);
    };
    const row = (await page.locator('.county-table tbody tr', { has: page.getByRole('button', { name: '查看长子县' }) }).locator('th, td').allInnerTexts()).map((c) => c.trim());

    await page.getByRole('button', { name: '查看长子县' }).click();
    const overview = page.locator('.county-breakdown');
    await overview.locator('h3', { hasText: '长子县' }).waitFor();
    expect(await overview.innerText()).toContain('跨县的要素在每个相关县都计入');
    for (const title of ['湿地', '采煤沉陷区治理']) {
      const group = overview.locator('.county-feature-group', { has: page.locator('h5', { hasText: title }) });
      const listed = await group.locator('li').count();
      expect(await group.locator('.count-badge').innerText()).toBe(`${listed} 处`);
      expect(row[countColumn(title)]).toBe(String(listed));
    }
    // The data names 长子县 on one wetland (since the issue-15 corrections) and two subsidence areas.
    expect(await overview.locator('.county-feature-group', { has: page.locator('h5', { hasText: '湿地' }) }).locator('li').count()).toBe(1);
    expect(await overview.locator('.county-feature-group', { has: page.locator('h5', { hasText: '采煤沉陷区治理' }) }).locator('li').count()).toBe(2);
    expect(await page.locator('.statistics').innerText()).toContain('“县内”的要素');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('“此处的要素” goes when a feature is picked from the county list, and the details take the focus', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await waitForStatistics(page);
    await page.getByRole('button', { name: '查看长子县' }).click();
    await page.locator('.county-breakdown h3', { hasText: '长子县' }).waitFor();
    await waitForMapIdle(page);
    // A click at 北寨人工湿地 hits several features (the county under it at least).
    await clickLngLat(page, [112.983284, 36.134887]);
    const details = page.locator('.feature-details');
    await details.locator('.picked h3', { hasText: '此处的要素' }).waitFor();
    expect(await details.locator('.feature-name').innerText()).not.toContain('长子县污水处理厂');

    await page.locator('.county-breakdown').getByRole('button', { name: '长子县污水处理厂尾水人工湿地净化工程' }).click();
    await details.locator('.feature-name', { hasText: '长子县污水处理厂尾水人工湿地净化工程' }).waitFor();
    expect(await details.locator('.picked').count()).toBe(0);
    await page.waitForFunction(() => document.activeElement?.id === 'details-heading');

    // The same from a layer's feature list, by keyboard: the details scroll into view with the focus.
    await page.locator('.layer-row[data-layer="lakes"] summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('.layer-row[data-layer="lakes"] .feature-link').first().focus();
    await page.keyboard.press('Enter');
    await details.locator('.feature-name', { hasText: '漳泽湖' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'details-heading');
    await page.waitForFunction(() => {
      const heading = document.getElementById('details-heading')!.getBoundingClientRect();
      const panel = document.getElementById('side-panel')!.getBoundingClientRect();
      return heading.top >= panel.top - 1 && heading.bottom <= panel.bottom + 1;
    }, undefined, { polling: 100 });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the measuring breakdown gives areas over schematic zones as ≈ estimates', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await page.waitForFunction(() => Boolean(window.shanshuiMeasure));
    await page.evaluate(() => {
      const lakes = window.shanshui!.pack.layers.find((l) => l.id === 'lakes')!;
      const feature = lakes.data.features.find((f) => f.properties.name === '漳泽湖')!;
      return window.shanshuiMeasure!.measureFeature(feature as never, '漳泽湖', 'lakes');
    });
    const zoneRows = page.locator('.measure-item').first().getByTestId('breakdown-zones').locator('tbody tr');
    await zoneRows.first().waitFor();
    const lake = (await zoneRows.allInnerTexts()).find((r) => r.startsWith('漳泽湖\t'))!;
    // Three significant digits: "≈19,100 亩", never "19,090.11 亩".
    expect(lake).toMatch(/^漳泽湖\t≈\d{1,3}(,\d{3})*(\.\d+)? 亩\t/);
    const digits = lake.split('\t')[1].replace(/[≈, 亩.]/g, '').replace(/0+$/, '');
    expect(digits.length).toBeLessThanOrEqual(3);
    // The county split is not schematic: to 0.01 亩.
    expect((await page.locator('.measure-item').first().getByTestId('breakdown-counties').locator('tbody tr').allInnerTexts())[0]).toMatch(/\t[\d,]+\.\d\d 亩\t/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the map PNG comes in the size chosen; the table keeps its header and county column in view; English uses name_en', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await waitForStatistics(page);
    const mapWidth = await page.evaluate(() => window.shanshui!.map.getCanvas().clientWidth);
    const size = page.getByLabel('地图 PNG 尺寸');
    await size.selectOption({ index: 1 });
    const png = readFileSync(await download(page, '导出地图 PNG'));
    expect(png.readUInt32BE(16)).toBe(2 * mapWidth);
    expect(await page.evaluate(() => window.shanshui!.map.getPixelRatio())).toBe(1);

    // Scrolled down and right, the header row and the county column stay where they were.
    const scroller = page.locator('.table-scroll');
    const frame = (await scroller.boundingBox())!;
    await scroller.evaluate((el) => el.scrollTo(200, 120));
    const header = (await page.locator('.county-table thead th').first().boundingBox())!;
    expect(header.y).toBeCloseTo(frame.y, 0);
    const firstCell = (await page.locator('.county-table tbody th').nth(6).boundingBox())!;
    expect(firstCell.x).toBeCloseTo(frame.x, 0);

    // The map shows where the keyboard focus is.
    await page.locator('.maplibregl-canvas').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
    // Drawn inside the canvas: the map's box clips anything outside it.
    const ring = await page.locator('.maplibregl-canvas').evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, offset: parseFloat(getComputedStyle(el).outlineOffset), width: parseFloat(getComputedStyle(el).outlineWidth) }));
    expect(ring.style).toBe('solid');
    expect(ring.offset + ring.width).toBeLessThanOrEqual(0);

    // English: a feature's title and county from name_en.
    await page.locator('.lang-switch').click();
    await page.getByRole('button', { name: 'Show Zhangzi County' }).click();
    await page.locator('.county-breakdown').getByRole('button', { name: 'Tail-water constructed wetland, Zhangzi sewage plant' }).click();
    const details = page.locator('.feature-details');
    await details.locator('.feature-name', { hasText: 'Tail-water constructed wetland, Zhangzi sewage plant' }).waitFor();
    expect(await details.innerText()).toContain('Zhangzi County');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
