/**
 * Print and report: the PDF's text read back by poppler's pdftotext (Chinese title, a county's
 * figure as the table shows it, the plan's figure), its font embedded (pdffonts); the 300 dpi PNG's
 * pixel size; the browser's print hides the app's controls.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, waitForMapIdle, waitForStatistics } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

describe('print and report', () => {
  it('makes an A4 PDF with vector Chinese text and the county figures, and a 300 dpi PNG', async () => {
    const { page, consoleErrors, foreignRequests, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await waitForStatistics(page);
    // The PDF library is not part of the first load.
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /pdf-lib|reportPdf|report-sc/.test(e.name)))).toBe(false);
    const luzhou = (await page.locator('.county-table tbody tr', { has: page.getByRole('button', { name: '查看潞州区' }) }).locator('td').first().innerText()).trim();

    await page.getByRole('button', { name: '打印 / 报告…' }).click();
    const dialog = page.getByRole('dialog', { name: '打印地图与报告' });
    await dialog.getByLabel('纸张').selectOption('A4');
    await dialog.getByLabel('方向').selectOption('portrait');
    expect(await dialog.getByLabel('比例尺').locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['1:10,000', '1:500,000', '适合长治市']));
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), dialog.getByRole('button', { name: '生成 PDF' }).click()]);
    const pdfPath = await pdf.path();
    if (process.env.KEEP_REPORT) execFileSync('cp', [pdfPath, process.env.KEEP_REPORT]);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('长治');
    expect(text).toContain('生态');
    expect(text).toContain('潞州区');
    expect(text).toContain(luzhou);
    expect(text).toContain('70,897.71');
    expect(text).toMatch(/1:\d{1,3}(,\d{3})+/);
    const fonts = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansCJKsc-Regular.*yes/);
    // Only the glyphs the page uses are embedded: the file is the map picture and little else.
    expect(readFileSync(pdfPath).byteLength).toBeLessThan(600_000);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    // A4: 595.28 × 841.89 pt.
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts/);

    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), dialog.getByRole('button', { name: '生成 PNG（300 dpi）' }).click()]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: 210 × 297 mm at 300 dpi = 2480 × 3508 px.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2480, 3508]);

    // A3 landscape at a chosen scale.
    await dialog.getByLabel('纸张').selectOption('A3');
    await dialog.getByLabel('方向').selectOption('landscape');
    await dialog.getByLabel('比例尺').selectOption('250000');
    const [a3] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), dialog.getByRole('button', { name: '生成 PDF' }).click()]);
    const a3Path = await a3.path();
    expect(execFileSync('pdfinfo', [a3Path], { encoding: 'utf8' })).toMatch(/Page size:\s+1190\.5\d* x 841\.8\d* pts/);
    expect(execFileSync('pdftotext', [a3Path, '-'], { encoding: 'utf8' })).toContain('1:250,000');

    // The map is back as it was.
    const size = await page.evaluate(() => [window.shanshui!.map.getCanvas().clientWidth, window.devicePixelRatio, window.shanshui!.map.getPixelRatio()]);
    expect(size[2]).toBe(size[1]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('the browser’s print shows the map and the table, not the app’s buttons', async () => {
    const { page, context } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    await waitForMapIdle(page);
    await waitForStatistics(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.side-panel').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '导出 Excel' }).isVisible()).toBe(false);
    expect(await page.locator('.lang-switch').isVisible()).toBe(false);
    expect(await page.locator('.county-table').isVisible()).toBe(true);
    expect(await page.locator('.maplibregl-canvas').isVisible()).toBe(true);
    await context.close();
  });
});
