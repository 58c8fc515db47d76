/**
 * The planner's measurements under storage pressure and with two tabs, in the built app:
 * - the browser's quota lowered through the DevTools protocol (Storage.overrideQuotaForOrigin):
 *   a new measurement and a rename are not announced as saved, stay on screen marked unsaved with
 *   what to do, and are stored by a retry once there is room;
 * - two tabs of one browser: writes change only their fields, each tab sees the other's changes,
 *   a delete stays deleted, and one tab finishing a shape leaves the other's sketch alone;
 * - another tab opening a newer database version is not blocked, and a database this page cannot
 *   open is reported as unreadable rather than as "no measurements yet".
 */
import type { Polygon } from 'geojson';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

const PLOT: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.1, 36.1], [113.1, 36.2], [113.0, 36.2], [113.0, 36.1]]] };

/** Adds a measurement through the app's own "measure this" path (as the feature details do). */
async function addMeasurement(page: Page, name: string): Promise<string | null> {
  return page.evaluate(
    ({ geometry, name }) => window.shanshuiMeasure!.measureFeature({ type: 'Feature', properties: {}, geometry } as never, name),
    { geometry: PLOT, name },
  );
}

interface Stored {
  id: string;
  name: string;
  color: string;
}

/** The measurements exactly as stored in IndexedDB (read with the raw API). */
async function stored(page: Page): Promise<Stored[]> {
  return page.evaluate(
    () =>
      new Promise<Stored[]>((resolve, reject) => {
        const open = indexedDB.open('shanshui-measure');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const get = open.result.transaction('measurements').objectStore('measurements').getAll();
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as (Stored & { createdAt: string })[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
          };
          get.onerror = () => reject(get.error ?? new Error('IndexedDB get failed'));
        };
      }),
  );
}

const items = (page: Page) => page.locator('.measure-item');
const names = (page: Page) => items(page).locator('.measure-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
const alertText = (page: Page) => page.locator('.measure-message.alert').textContent();
const statusText = (page: Page) => page.locator('.measure-message[role="status"]').textContent();

async function waitForNames(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => names(page), { timeout: 15_000 }).toEqual(expected);
}

async function rename(page: Page, from: string, to: string): Promise<void> {
  const box = page.getByRole('textbox', { name: `名称: ${from}` });
  await box.fill(to);
  await box.press('Enter');
}

async function openSecondTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseUrl);
  await waitForMapIdle(page);
  return page;
}

describe('measurements when storage is full', () => {
  it('does not call a refused write saved: the item stays, marked unsaved with what to do, and a retry stores it', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await addMeasurement(page, '一号地块');
    await expect.poll(() => stored(page).then((s) => s.map((m) => m.name))).toEqual(['一号地块']);

    // The disk fills up. (A quota of 0 means "no override" to Chromium, so 1 byte.) Chromium's
    // IndexedDB keeps the free space it last found for a while: wait until a write is refused.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseUrl).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await expect.poll(() => probeWrite(page), { timeout: 90_000, interval: 2000 }).toBe('QuotaExceededError');

    // A new measurement: on screen at once, never announced as added, marked unsaved with what to do.
    await addMeasurement(page, '二号地块');
    await waitForNames(page, ['一号地块', '二号地块']);
    const second = items(page).nth(1);
    await expect.poll(() => second.locator('.measure-unsaved').textContent()).toContain('未保存');
    const full = await alertText(page);
    expect(full).toContain('“二号地块”未能保存：浏览器的存储空间已满');
    expect(full).toContain('导出');
    expect(full).toContain('释放磁盘空间');
    expect(await statusText(page)).not.toContain('已添加');

    // A rename of a stored one: shown, marked unsaved, the stored name unchanged.
    await rename(page, '一号地块', '北张村复垦一期');
    await expect.poll(() => alertText(page)).toContain('“北张村复垦一期”未能保存');
    expect(await items(page).first().locator('.measure-unsaved').count()).toBe(1);
    expect((await stored(page)).map((m) => m.name)).toEqual(['一号地块']);

    // Space is back: each retry stores its item as shown and the mark goes; a reload finds both.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await second.getByRole('button', { name: '重试保存“二号地块”' }).click();
    await items(page).first().getByRole('button', { name: '重试保存“北张村复垦一期”' }).click();
    await expect.poll(() => page.locator('.measure-unsaved').count()).toBe(0);
    expect((await stored(page)).map((m) => m.name)).toEqual(['北张村复垦一期', '二号地块']);
    await page.reload();
    await waitForNames(page, ['北张村复垦一期', '二号地块']);
    // Failed writes are reported on screen, not thrown as uncaught errors.
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('measurements in two tabs', () => {
  it('keeps both tabs’ field changes, shows each tab the other’s, keeps a delete deleted and each tab’s sketch its own', async () => {
    const { page: a, context } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(a);
    // Tab B holds back the messages from tab A while `holdMessages` is set (a slow message).
    await context.addInitScript(() => {
      const Original = BroadcastChannel;
      const held: (() => void)[] = [];
      const w = window as unknown as { holdMessages: boolean; releaseMessages: () => void };
      w.holdMessages = false;
      w.releaseMessages = () => {
        w.holdMessages = false;
        for (const deliver of held.splice(0)) deliver();
      };
      window.BroadcastChannel = class extends Original {
        constructor(name: string) {
          super(name);
          Original.prototype.addEventListener.call(this, 'message', (event: Event) => {
            if (!w.holdMessages || (event as MessageEvent & { released?: boolean }).released) return;
            event.stopImmediatePropagation();
            const copy = new MessageEvent('message', { data: (event as MessageEvent<unknown>).data });
            held.push(() => this.dispatchEvent(Object.assign(copy, { released: true })));
          });
        }
      };
    });
    const b = await openSecondTab(context);

    await addMeasurement(a, '测量 1');
    await addMeasurement(a, '测量 2');
    // B sees A's new measurements without a reload.
    await waitForNames(b, ['测量 1', '测量 2']);

    // A renames 测量 1 while B, not told yet, recolours it: both changes are kept, each tab shows both.
    const hold = (page: Page) => page.evaluate(() => ((window as unknown as { holdMessages: boolean }).holdMessages = true));
    const release = (page: Page) => page.evaluate(() => (window as unknown as { releaseMessages: () => void }).releaseMessages());
    await hold(b);
    await rename(a, '测量 1', '一号地块');
    await expect.poll(async () => (await stored(a))[0].name).toBe('一号地块');
    await b.getByLabel('颜色: 测量 1').fill('#1b7f79');
    await expect.poll(async () => (await stored(a))[0]).toMatchObject({ name: '一号地块', color: '#1b7f79' });
    await release(b);
    await waitForNames(b, ['一号地块', '测量 2']);
    await expect.poll(() => a.getByLabel('颜色: 一号地块').inputValue()).toBe('#1b7f79');

    // A deletes 测量 2; B, not told yet, renames it: it stays deleted, and B says so.
    await hold(b);
    await a.getByRole('button', { name: '删除“测量 2”' }).click();
    await waitForNames(a, ['一号地块']);
    await rename(b, '测量 2', '二号地块');
    await expect.poll(() => alertText(b)).toContain('已在另一个标签页中删除');
    await waitForNames(b, ['一号地块']);
    await release(b);
    expect((await stored(a)).map((m) => m.name)).toEqual(['一号地块']);
    await a.reload();
    await waitForMapIdle(a);
    await waitForNames(a, ['一号地块']);

    // A sketches (three vertices kept as its draft); B draws and finishes a shape of its own.
    await drawSketch(a, 3);
    await expect.poll(() => draftCount(a)).toBe(1);
    await drawSketch(b, 3);
    await b.keyboard.press('Enter');
    await waitForNames(b, ['一号地块', '测量 2']);
    await expect.poll(() => stored(b).then((s) => s.length)).toBe(2);
    // A's sketch is still kept, and is offered to A after a reload.
    expect(await draftCount(a)).toBe(1);
    await a.reload();
    await waitForMapIdle(a);
    await a.getByRole('group', { name: '上次关闭页面时有一个未完成的图形。' }).waitFor();
    await context.close();
  });
});

describe('database upgrades', () => {
  it('lets another tab upgrade the database, says so, and reports an unreadable store instead of “no measurements yet”', async () => {
    const { page: a, context } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(a);
    await addMeasurement(a, '一号地块');
    await expect.poll(() => stored(a).then((s) => s.length)).toBe(1);

    // Another tab opens a newer version of the database: this tab steps aside at once.
    const b = await context.newPage();
    await b.goto(`${baseUrl}screenshot.png`);
    const upgraded = await b.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('shanshui-measure', 99);
          const timer = setTimeout(() => resolve('still blocked after 5 s'), 5000);
          open.onsuccess = () => {
            clearTimeout(timer);
            open.result.close();
            resolve('opened');
          };
          open.onerror = () => resolve(`error: ${open.error?.name}`);
        }),
    );
    expect(upgraded).toBe('opened');
    await expect.poll(() => alertText(a)).toContain('另一个标签页升级了测量数据库');

    // This (older) page cannot open the newer database: it says so, and does not claim there is nothing.
    await a.reload();
    await waitForMapIdle(a);
    await a.locator('.measure-warning').waitFor();
    expect(await a.locator('.measure-warning').innerText()).toContain('保存的测量结果暂时无法读取');
    expect(await a.locator('.measure-empty').count()).toBe(0);
    expect(await alertText(a)).toContain('无法读取此浏览器中保存的测量结果');
    await context.close();
  });
});

/** Writes a few bytes to a scratch database of the same origin: 'ok' or the error's name. */
async function probeWrite(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('quota-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('s');
        open.onerror = () => resolve(open.error?.name ?? 'error');
        open.onsuccess = () => {
          const tx = open.result.transaction('s', 'readwrite');
          tx.objectStore('s').put('x'.repeat(100), Math.random());
          tx.oncomplete = () => {
            open.result.close();
            resolve('ok');
          };
          tx.onabort = () => {
            open.result.close();
            resolve(tx.error?.name ?? 'aborted');
          };
        };
      }),
  );
}

/** Clicks `n` vertices of a small triangle-ish shape near the map's centre with the measuring tool. */
async function drawSketch(page: Page, n: number): Promise<void> {
  if ((await page.getByRole('toolbar', { name: '测量工具' }).count()) === 0) {
    await page.getByRole('button', { name: '测量', exact: true }).click();
    await page.getByRole('toolbar', { name: '测量工具' }).waitFor();
  }
  const snap = page.getByLabel('吸附到边界');
  if (await snap.isChecked()) await snap.click();
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const cx = box.x + box.width * 0.62;
  const cy = box.y + box.height * 0.55;
  const points = [
    { x: cx, y: cy },
    { x: cx + 120, y: cy + 10 },
    { x: cx + 60, y: cy + 110 },
    { x: cx - 20, y: cy + 80 },
  ].slice(0, n);
  for (const p of points) {
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await page.mouse.down();
    await page.mouse.up();
  }
}

/** How many sketches are kept in IndexedDB (one per tab at most). */
async function draftCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('shanshui-measure');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const get = open.result.transaction('drafts').objectStore('drafts').count();
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
        };
      }),
  );
}
