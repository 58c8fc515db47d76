/**
 * Two users of the team server in two browsers (contexts), on PostgreSQL:
 * - A makes a measurement and shares it; B sees it (with its maker) after a reload;
 * - A edits offline, the edit is kept and marked; on reconnecting it arrives and B sees it; B's
 *   own edit of it is refused with the server's message and kept; A restores a version from the history;
 * - A edits on two devices, one of them offline: the conflict is shown with both versions, "keep
 *   both" keeps both, here and on the server.
 * Needs TEST_DATABASE_URL (PostgreSQL with PostGIS; .ci/run sets it): skipped without it.
 */
import type { Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addUser } from '../../src/server/services/users.ts';
import { openTestServer, type TestServer } from '../../src/server/testing/testServer.ts';
import { browserForFile, openPage, waitForMapIdle } from './browser.ts';

const database = process.env.TEST_DATABASE_URL;
if (!database) console.warn('team-sync.e2e: skipped: TEST_DATABASE_URL (PostgreSQL with PostGIS) is not set');

const PLOT: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.02, 36.1], [113.02, 36.12], [113.0, 36.12], [113.0, 36.1]]] };
const PASSWORD = 'team-sync-password-1';

describe.skipIf(!database)('measurements shared through the team server (PostgreSQL)', () => {
  const session = browserForFile();
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await openTestServer('postgresql', { staticDir: inject('distDir') });
    for (const username of ['ann', 'bo']) await addUser(server.database.db, { username, role: 'editor', password: PASSWORD });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(username: string) {
    const opened = await openPage(session.browser, `${url}/`);
    const { page } = opened;
    await waitForMapIdle(page, 90_000);
    await page.getByRole('button', { name: '登录团队服务器' }).click();
    const dialog = page.getByRole('dialog', { name: '登录团队工作区' });
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('密码').fill(PASSWORD);
    await dialog.getByRole('button', { name: '登录' }).click();
    await page.locator('.session-user', { hasText: username }).waitFor();
    await synced(page);
    return opened;
  }

  const synced = (page: Page) => page.locator('.sync-status[data-sync-status="synced"]').waitFor({ timeout: 20_000 });
  const names = (page: Page) => page.locator('.measure-item .measure-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).sort());
  const waitForNames = (page: Page, expected: string[]) => expect.poll(() => names(page), { timeout: 20_000 }).toEqual([...expected].sort());
  const serverNames = (page: Page) =>
    page.evaluate(async () => ((await (await fetch('/api/measurements')).json()) as { properties: { name: string } }[]).map((m) => m.properties.name).sort());
  async function rename(page: Page, from: string, to: string): Promise<void> {
    const box = page.getByRole('textbox', { name: `名称: ${from}` });
    await box.fill(to);
    await box.press('Enter');
  }

  it('A shares a measurement, B sees it after a reload; an edit made offline arrives after reconnecting', { timeout: 300_000 }, async () => {
    const a = await signedIn('ann');
    await a.page.evaluate((geometry) => window.shanshuiMeasure!.measureFeature({ type: 'Feature', properties: {}, geometry } as never, '共享地块'), PLOT);
    await waitForNames(a.page, ['共享地块']);
    const share = a.page.getByRole('checkbox', { name: '与团队共享：共享地块' });
    // Stored first, then shown: the box follows the store, not the click.
    await share.click();
    await expect.poll(() => share.isChecked(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => a.page.evaluate(async () => ((await (await fetch('/api/measurements')).json()) as { shared: boolean }[]).map((m) => m.shared)), { timeout: 20_000 }).toEqual([true]);

    const b = await signedIn('bo');
    await b.page.reload();
    await waitForNames(b.page, ['共享地块']);
    await b.page.locator('.measure-item .sync-owner', { hasText: '创建者：ann' }).waitFor();

    // Offline: the rename is kept here and marked as not yet synced.
    await a.context.setOffline(true);
    await rename(a.page, '共享地块', '共享地块（离线修改）');
    await a.page.locator('.sync-status[data-sync-status="offline"]', { hasText: '1 项修改保存在本浏览器' }).waitFor({ timeout: 20_000 });
    await a.page.locator('.measure-item .sync-pending').waitFor();
    await a.context.setOffline(false);
    await synced(a.page);
    await expect.poll(() => a.page.locator('.measure-item .sync-pending').count(), { timeout: 20_000 }).toBe(0);
    expect(await serverNames(a.page)).toEqual(['共享地块（离线修改）']);

    await b.page.reload();
    await waitForNames(b.page, ['共享地块（离线修改）']);

    // B may see it but not change it (only its maker may): the refusal is shown with the server's words, B's edit is kept.
    await rename(b.page, '共享地块（离线修改）', 'B 改的');
    await b.page.getByRole('alert').filter({ hasText: '只有测量的创建者可以修改它' }).waitFor({ timeout: 20_000 });
    await waitForNames(b.page, ['B 改的']);
    expect(await serverNames(a.page)).toEqual(['共享地块（离线修改）']);

    // A's history: three server versions by ann; restoring the first makes it the newest.
    await a.page.getByRole('button', { name: '“共享地块（离线修改）”的历史版本' }).click();
    const history = a.page.getByRole('group', { name: '“共享地块（离线修改）”的历史版本' });
    await expect.poll(() => history.locator('li').allInnerTexts(), { timeout: 20_000 }).toHaveLength(3);
    const versions = await history.locator('li').allInnerTexts();
    expect(versions.map((v) => /^第 (\d) 版 · ann · /.exec(v)?.[1])).toEqual(['1', '2', '3']);
    await history.locator('li').first().getByRole('button', { name: '恢复此版本' }).click();
    await waitForNames(a.page, ['共享地块']);
    const restored = a.page.getByRole('group', { name: '“共享地块”的历史版本' });
    await expect.poll(() => restored.locator('li').count(), { timeout: 20_000 }).toBe(4);
    expect(await serverNames(a.page)).toEqual(['共享地块']);

    expect(a.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
    // The refused write's 403 is the one console line the browser itself writes.
    expect(b.consoleErrors.filter((e) => !e.includes('403'))).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('an edit made on two devices is shown as a conflict with both versions, and keeping both keeps both', { timeout: 300_000 }, async () => {
    const phone = await signedIn('ann');
    await phone.page.evaluate((geometry) => window.shanshuiMeasure!.measureFeature({ type: 'Feature', properties: {}, geometry } as never, '河滩地'), PLOT);
    await waitForNames(phone.page, ['共享地块', '河滩地']);
    await expect.poll(() => serverNames(phone.page), { timeout: 20_000 }).toEqual(['共享地块', '河滩地']);

    const laptop = await signedIn('ann');
    await waitForNames(laptop.page, ['共享地块', '河滩地']);

    await phone.context.setOffline(true);
    await rename(phone.page, '河滩地', '河滩地（手机）');
    await phone.page.locator('.sync-status[data-sync-status="offline"]').waitFor({ timeout: 20_000 });
    await rename(laptop.page, '河滩地', '河滩地（笔记本）');
    await expect.poll(() => serverNames(laptop.page), { timeout: 20_000 }).toEqual(['共享地块', '河滩地（笔记本）']);

    await phone.context.setOffline(false);
    const conflict = phone.page.getByRole('group', { name: '“河滩地（手机）”在别处也被修改了：请选择保留哪个版本' });
    await conflict.waitFor({ timeout: 20_000 });
    expect(await conflict.locator('[data-version="mine"]').innerText()).toContain('河滩地（手机）');
    expect(await conflict.locator('[data-version="theirs"]').innerText()).toContain('河滩地（笔记本）');
    expect(await conflict.locator('dt').nth(1).innerText()).toContain('ann');
    // Nothing was overwritten while the user decides.
    expect(await serverNames(phone.page)).toEqual(['共享地块', '河滩地（笔记本）']);

    await conflict.getByRole('button', { name: '两个都保留' }).click();
    await waitForNames(phone.page, ['共享地块', '河滩地（手机）', '河滩地（笔记本）']);
    await expect.poll(() => serverNames(phone.page), { timeout: 20_000 }).toEqual(['共享地块', '河滩地（手机）', '河滩地（笔记本）'].sort());
    await laptop.page.reload();
    await waitForNames(laptop.page, ['共享地块', '河滩地（手机）', '河滩地（笔记本）']);
    await phone.context.close();
    await laptop.context.close();
  });
});
