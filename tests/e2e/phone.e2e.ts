/**
 * The workspace on a 375 × 812 phone with a touch screen: the bottom sheet's handle and snap
 * points, the Layers button at its top, and touch scrolling inside it.
 */
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

describe('phone', () => {
  it('bottom sheet: half at start, Layers button on top, drag to peek, arrow keys, touch scrolling', async () => {
    const context = await session.browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseUrl);
    await waitForMapIdle(page);
    const sheet = page.locator('#side-panel');
    const height = async () => (await sheet.boundingBox())!.height;
    const mapArea = 812 - (await page.locator('.app-header').boundingBox())!.height;
    expect(await height()).toBeCloseTo(mapArea / 2, -1);

    // The Layers button sits at the top of the sheet, not ~1,400 px down after the table.
    const layers = page.getByRole('button', { name: '图层', exact: true });
    const sheetTop = (await sheet.boundingBox())!.y;
    expect((await layers.boundingBox())!.y - sheetTop).toBeLessThan(50);
    await layers.tap();
    await page.waitForFunction(() => document.activeElement?.id === 'layers-heading');
    expect(await height()).toBeCloseTo(mapArea, -1);
    const heading = (await page.locator('#layers-heading').boundingBox())!;
    expect(heading.y).toBeGreaterThanOrEqual(0);
    expect(heading.y).toBeLessThan(812);

    // Drag the handle down most of the way: it rests at the peek.
    const handle = page.locator('.sheet-handle');
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2 + step * 60, { steps: 2 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await height()).toBeCloseTo(120, -1);
    // The search box still shows in the peek.
    expect(await page.getByRole('combobox', { name: '搜索' }).isVisible()).toBe(true);

    // Keyboard: the handle says where the sheet is and steps up with ArrowUp.
    expect(await handle.getAttribute('aria-label')).toContain('收起');
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    expect(await height()).toBeCloseTo(mapArea / 2, -1);
    await page.keyboard.press('ArrowUp');
    expect(await height()).toBeCloseTo(mapArea, -1);

    // A finger swipe up inside the sheet scrolls it.
    await sheet.evaluate((el) => el.scrollTo(0, 0));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 180, y: 600 }] });
    for (let y = 580; y >= 200; y -= 20) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 180, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(300);
    expect(await sheet.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
    await context.close();
  });
});
