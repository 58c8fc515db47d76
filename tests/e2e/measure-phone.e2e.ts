/**
 * Measuring on a 375 × 812 phone with a touch screen, acted out with taps: the toolbar is a compact
 * strip that leaves the map in view and speaks of taps, not keys; a polygon is drawn with three
 * taps and 完成; the next tap inspects the map instead of starting another polygon.
 */
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, screenshot, waitForMapIdle, openPhonePage } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

describe('measuring on a phone', () => {
  it('compact toolbar without key hints; three taps and 完成 make a polygon; the next tap is back to inspecting', async () => {
    const { context, page, errors } = await openPhonePage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await page.evaluate(() => window.shanshui!.map.jumpTo({ center: [113.12, 36.2], zoom: 13 }));
    await waitForMapIdle(page);

    await page.getByRole('button', { name: '测量', exact: true }).tap();
    const hint = page.locator('.measure-toolbar .measure-hint');
    await expect.poll(() => hint.innerText()).toContain('轻点添加顶点');

    // The toolbar with its message lines takes at most ~15 % of the map's height.
    const map = (await page.locator('.map').boundingBox())!;
    const toolbar = (await page.locator('.measure-toolbar').boundingBox())!;
    const share = toolbar.height / map.height;
    // The part of the map the bottom sheet leaves in view (at its half snap point).
    const inView = (await page.locator('#side-panel').boundingBox())!.y - map.y;
    console.log(`measuring toolbar on a phone: ${toolbar.height.toFixed(0)} px of a ${map.height.toFixed(0)} px map (${(share * 100).toFixed(1)} %; ${((toolbar.height / inView) * 100).toFixed(1)} % of the ${inView.toFixed(0)} px in view above the sheet)`);
    expect(share).toBeLessThanOrEqual(0.15);
    expect(toolbar.height / inView).toBeLessThanOrEqual(0.2);
    await screenshot(page, 'measure-phone-toolbar');
    // Nothing a finger cannot press.
    const text = await page.locator('.measure-toolbar').innerText();
    expect(text).not.toMatch(/Enter|Esc|单击|右键|鼠标/);
    expect(await page.getByRole('button', { name: '键盘绘制' }).count()).toBe(0);

    // Three taps in the map's open part (below the toolbar, above the bottom sheet), then 完成.
    const sheetTop = (await page.locator('#side-panel').boundingBox())!.y;
    const top = toolbar.y + toolbar.height + 30;
    const bottom = sheetTop - 30;
    expect(bottom - top).toBeGreaterThan(120);
    const taps = [
      { x: 90, y: top + 10 },
      { x: 290, y: top + 30 },
      { x: 180, y: bottom - 10 },
    ];
    for (const [i, p] of taps.entries()) {
      await page.touchscreen.tap(p.x, p.y);
      await expect.poll(() => page.locator('.measure-vertices').innerText().catch(() => '')).toContain(`${i + 1} 个顶点`);
    }
    await page.getByRole('button', { name: '完成', exact: true }).tap();
    await page.waitForFunction(() => document.querySelectorAll('.measure-item').length === 1);
    await expect.poll(() => page.locator('.measure-toolbar [role="status"]').innerText()).toMatch(/^已添加“测量 1”：[\d,.]+ 亩$/);

    // The tool has ended: the 测量 button is up, no tools, the map inspects again.
    await expect.poll(() => page.getByRole('button', { name: '测量', exact: true }).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('#measure-tools').count()).toBe(0);
    expect(await page.evaluate(() => window.shanshui!.map.getContainer().dataset.measuring)).toBeUndefined();
    // The next tap inspects: the feature under it (the county) is shown in the details.
    const placeholder = page.getByText('点击地图上的要素，或在图层列表中选择一个要素');
    expect(await placeholder.count()).toBe(1);
    await page.touchscreen.tap(200, top + 40);
    await expect.poll(() => placeholder.count()).toBe(0);
    // And starts no new polygon: no sketch, no vertices, still one measurement.
    await page.touchscreen.tap(120, top + 80);
    await page.waitForTimeout(300);
    await screenshot(page, 'measure-phone-after-tap');
    expect(await page.locator('#measure-tools').count()).toBe(0);
    expect(await page.getByTestId('measure-live').count()).toBe(0);
    expect(await page.locator('.measure-item').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
