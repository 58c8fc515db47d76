/**
 * Measuring by keyboard only, as a planner without a mouse would: open the tool with Enter, turn on
 * keyboard drawing, pan with the arrow keys, place vertices at the crosshair with Enter, take one
 * back with Backspace, end with Esc. The area shown in the list is checked against an area
 * computed here, with a formula of the test's own (the authalic sphere), from the map centres the
 * test read from MapLibre at each Enter — not against any number the app computed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, screenshot, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

/** WGS 84. */
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);

/** Snyder's q(φ) (Map Projections — A Working Manual, 1987, eq. 3-12). */
function q(phi: number): number {
  const s = Math.sin(phi);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

/**
 * Area of a small ring on the WGS 84 ellipsoid: latitudes to authalic latitudes (sin β = q/q_p),
 * then the trapezoid sum in the cylindrical equal-area plane of the authalic sphere (radius R_q).
 * For edges of a few km the edge model (straight there vs geodesic) differs by < 1e-7 of the area.
 */
function referenceArea(ring: [number, number][]): number {
  const qp = q(Math.PI / 2);
  const rq2 = (A * A * qp) / 2;
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [l1, p1] = ring[i];
    const [l2, p2] = ring[(i + 1) % ring.length];
    const sinB1 = q((p1 * Math.PI) / 180) / qp;
    const sinB2 = q((p2 * Math.PI) / 180) / qp;
    sum += (((l2 - l1) * Math.PI) / 180) * (sinB1 + sinB2);
  }
  return (Math.abs(sum) / 2) * rq2;
}

const SQUARE_METRES_PER_MU = 10_000 / 15;

async function centre(page: Page): Promise<[number, number]> {
  return page.evaluate(() => window.shanshui!.map.getCenter().toArray());
}

/** Presses an arrow key on the focused map and waits until the map has moved and stopped. */
async function pan(page: Page, key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown', times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const before = (await centre(page)).join(',');
    await page.keyboard.press(key);
    await page.waitForFunction((before) => {
      const map = window.shanshui!.map;
      return !map.isMoving() && map.getCenter().toArray().join(',') !== before;
    }, before, { timeout: 10_000 });
  }
}

describe('measuring by keyboard', () => {
  it('draws a polygon with Enter, the arrow keys, Backspace and Esc; its area matches a reference figure of the map centres', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, baseUrl, { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    await waitForMapIdle(page);
    await page.evaluate(() => window.shanshui!.map.jumpTo({ center: [113.12, 36.2], zoom: 14 }));
    await waitForMapIdle(page);

    // Open the tool and turn on keyboard drawing, from the keyboard.
    await page.getByRole('button', { name: '测量', exact: true }).focus();
    await page.keyboard.press('Enter');
    const keyboardButton = page.getByRole('button', { name: '键盘绘制' });
    await keyboardButton.focus();
    await page.keyboard.press('Enter');
    // The map has the focus, with a ring a person can see, and the crosshair is shown.
    await page.waitForFunction(() => document.activeElement?.classList.contains('maplibregl-canvas'), undefined, { timeout: 20_000 });
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: style.outlineWidth, visible: document.activeElement!.matches(':focus-visible') };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px', visible: true });
    expect(await page.locator('.measure-crosshair').isVisible()).toBe(true);
    expect(await keyboardButton.getAttribute('aria-pressed')).toBe('true');
    // Help says which keys do what (no mouse words).
    expect(await page.locator('.measure-hint').last().innerText()).toContain('Enter');

    const placed: [number, number][] = [];
    const enter = async () => {
      placed.push(await centre(page));
      await page.keyboard.press('Enter');
    };
    await enter();
    await pan(page, 'ArrowRight', 3);
    await enter();
    await pan(page, 'ArrowDown', 3);
    await enter();
    // A stray vertex, taken back.
    await pan(page, 'ArrowLeft', 5);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.measure-vertices').innerText()).toContain('4 个顶点');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.measure-vertices').innerText()).toContain('3 个顶点');
    await screenshot(page, 'measure-keyboard-sketch');
    await pan(page, 'ArrowRight', 2);
    await enter();
    expect(new Set(placed.map((p) => p.join(','))).size).toBe(4);

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('.measure-item').length === 1);
    expect(await page.locator('.measure-crosshair').isVisible()).toBe(false);

    const shown = await page.locator('.measure-item').first().getByTestId('measure-area-mu').innerText();
    const shownMu = Number(shown.replace(/[^\d.]/g, ''));
    const expectedMu = referenceArea(placed) / SQUARE_METRES_PER_MU;
    console.log(`keyboard polygon: shown ${shown}, reference ${expectedMu.toFixed(4)} 亩`);
    // A real polygon (three pans of 100 px at zoom 14 are ≈ 1 km), within rounding and 1e-5.
    expect(expectedMu).toBeGreaterThan(500);
    expect(Math.abs(shownMu - expectedMu)).toBeLessThan(0.01 + expectedMu * 1e-5);

    // Fewer than three vertices: Esc cancels, nothing is added.
    await page.keyboard.press('Enter');
    await pan(page, 'ArrowUp', 2);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.measure-crosshair').isVisible()).toBe(false);
    expect(await page.locator('.measure-item').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
