/**
 * The workspace on a 375 × 812 phone with a touch screen: the bottom sheet's handle and snap
 * points, the Layers button at its top, touch scrolling inside it, and counties framed in the part
 * of the map the sheet leaves visible.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, waitForMapIdle, openPhonePage } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

describe('phone', () => {
  it('bottom sheet: half at start, Layers button on top, drag to peek, arrow keys, touch scrolling', async () => {
    const { context, page, errors } = await openPhonePage(session.browser, baseUrl);
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

  it('a county found by search is framed whole in the map above the sheet, at half and at peek', async () => {
    const { context, page, errors } = await openPhonePage(session.browser, baseUrl);
    await waitForMapIdle(page);

    // Half: the sheet covers half the area below the header.
    await expectSheetSettled(page);
    const half = await findAndFrame(page, '沁源县');
    expectFramedAboveSheet(half);

    // Peek: the sheet shrinks to the search box; the next county uses the map it uncovers.
    await page.locator('.sheet-handle').focus();
    await page.keyboard.press('ArrowDown');
    await expectSheetSettled(page);
    const peek = await findAndFrame(page, '黎城县');
    expect(peek.sheetTop).toBeGreaterThan(half.sheetTop + 200);
    expectFramedAboveSheet(peek);
    expect(peek.county.bottom).toBeGreaterThan(half.sheetTop);

    expect(errors).toEqual([]);
    await context.close();
  });
});

interface Framing {
  /** The county's extent on screen (px, page coordinates). */
  county: { left: number; top: number; right: number; bottom: number };
  map: { left: number; top: number; right: number; bottom: number };
  sheetTop: number;
}

/** Waits until the sheet has stopped resizing (its height animation and the map's padding after it). */
async function expectSheetSettled(page: Page): Promise<void> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const top = await page.locator('#side-panel').evaluate((el) => Math.round(el.getBoundingClientRect().top));
        const same = top === last;
        last = top;
        return same;
      },
      { interval: 300, timeout: 10_000 },
    )
    .toBe(true);
  await page.waitForTimeout(400);
}

/** Types a county's name in the sheet's search box, picks it with Enter, and reads where it landed. */
async function findAndFrame(page: Page, name: string): Promise<Framing> {
  const box = page.getByRole('combobox', { name: '搜索' });
  await box.fill(name);
  await page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').filter({ hasText: name }).first().waitFor();
  await box.press('Enter');
  await page.locator('.county-section', { hasText: name }).first().waitFor();
  await waitForMapIdle(page);
  return page.evaluate((countyName) => {
    const { map, pack } = window.shanshui as unknown as { map: import('maplibre-gl').Map; pack: import('../../src/pack/types.ts').LoadedPack };
    const regions = pack.layers.find((layer) => layer.role === 'regions')!;
    const feature = regions.data.features.find((f) => Object.values(f.properties ?? {}).includes(countyName))!;
    const canvas = map.getContainer().getBoundingClientRect();
    const xs: number[] = [];
    const ys: number[] = [];
    const visit = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        const p = map.project(c as [number, number]);
        xs.push(canvas.left + p.x);
        ys.push(canvas.top + p.y);
      } else if (Array.isArray(c)) for (const inner of c) visit(inner);
    };
    visit((feature.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon).coordinates);
    return {
      county: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
      map: { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom },
      sheetTop: document.getElementById('side-panel')!.getBoundingClientRect().top,
    };
  }, name);
}

/** The county lies wholly in the map above the sheet, and fills that area in one direction (the camera used all of it). */
function expectFramedAboveSheet({ county, map, sheetTop }: Framing): void {
  expect(county.left).toBeGreaterThanOrEqual(map.left);
  expect(county.right).toBeLessThanOrEqual(map.right);
  expect(county.top).toBeGreaterThanOrEqual(map.top);
  expect(county.bottom).toBeLessThanOrEqual(sheetTop);
  // fitBounds keeps 40 px clear on each side: the county spans the visible width or height less that margin.
  const widthShare = (county.right - county.left) / (map.right - map.left - 80);
  const heightShare = (county.bottom - county.top) / (sheetTop - map.top - 80);
  expect(Math.max(widthShare, heightShare)).toBeGreaterThan(0.97);
  expect(Math.max(widthShare, heightShare)).toBeLessThan(1.01);
}
