/**
 * Two users of the team server in two browsers (contexts), on PostgreSQL:
 * - A makes a measurement and shares it; B sees it (with its maker) after a reload;
 * - A edits offline, the edit is kept and marked; on reconnecting it arrives and B sees it;
 * - A and B edit the same shared measurement (A offline): A, writing second, is shown the conflict
 *   with both versions; "keep both" keeps both on the server and in B's list; A restores a version.
 * - B, signed in, gets A's new shared measurement when the tab regains focus, without a reload;
 * - a county editor of 襄垣县 sees a shared measurement in 长子县 without edit controls (the API answers
 *   403), and one in 襄垣县 with them;
 * - A (an editor) shares an imported file as a layer; B, in another browser, sees it after a reload:
 *   drawn on the map, in the layer panel with who shared it, toggleable, with each feature's history;
 *   A's second tab draws it without a reload (BroadcastChannel).
 * (One user on two devices, keep mine / keep theirs: src/controllers/syncController.test.ts.)
 * Needs TEST_DATABASE_URL (PostgreSQL with PostGIS; .ci/run sets it): skipped without it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addUser } from '../../src/server/services/users.ts';
import { openTestServer, type TestServer } from '../../src/server/testing/testServer.ts';
import { browserForFile, clickLngLat, openPage, waitForMapIdle } from './browser.ts';

const database = process.env.TEST_DATABASE_URL;
if (!database) console.warn('team-sync.e2e: skipped: TEST_DATABASE_URL (PostgreSQL with PostGIS) is not set');

const PLOT: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.02, 36.1], [113.02, 36.12], [113.0, 36.12], [113.0, 36.1]]] };
const PASSWORD = 'team-sync-password-1';
const SHARED_FILE = path.resolve(import.meta.dirname, '..', 'fixtures', 'import', 'geojson', 'wgs84.geojson');

describe.skipIf(!database)('measurements shared through the team server (PostgreSQL)', () => {
  const session = browserForFile();
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await openTestServer('postgresql', { staticDir: inject('distDir') });
    for (const username of ['ann', 'bo']) await addUser(server.database.db, { username, role: 'editor', password: PASSWORD });
    await addUser(server.database.db, { username: 'xy', role: 'county-editor', regions: ['140423'], password: PASSWORD });
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
  // A measurement the user may not change shows its name as text, not in a box.
  const names = (page: Page) => page.locator('.measure-item .measure-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value ?? i.textContent).sort());
  const waitForNames = (page: Page, expected: string[]) => expect.poll(() => names(page), { timeout: 20_000 }).toEqual([...expected].sort());
  const serverNames = (page: Page) =>
    page.evaluate(async () => ((await (await fetch('/api/measurements')).json()) as { properties: { name: string } }[]).map((m) => m.properties.name).sort());
  async function rename(page: Page, from: string, to: string): Promise<void> {
    const box = page.getByRole('textbox', { name: `名称: ${from}` });
    await box.fill(to);
    await box.press('Enter');
  }

  /** Features the map draws from shared layers' sources (rendered, so only visible ones count). */
  const renderedShared = (page: Page) =>
    page.evaluate(() => {
      const map = window.shanshui!.map;
      const layers = map.getStyle().layers.filter((l) => 'source' in l && String(l.source).startsWith('pack-shared-')).map((l) => l.id);
      return layers.length === 0 ? [] : [...new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties.name)))].sort();
    });

  it('A shares an imported file as a layer; B sees it drawn on the map and in the layer panel with who shared it, toggles it, reads a feature’s history', { timeout: 240_000 }, async () => {
    const a = await signedIn('ann');
    // A second tab of A's browser (signed in by the same cookie) hears of the share from the first.
    const aTab = await a.context.newPage();
    await aTab.goto(`${url}/`);
    await waitForMapIdle(aTab, 90_000);
    await aTab.locator('.session-user', { hasText: 'ann' }).waitFor();
    const share = a.page.getByRole('form', { name: '共享文件为图层' });
    await share.getByLabel('文件', { exact: true }).setInputFiles(SHARED_FILE);
    await share.getByLabel('图层名称', { exact: true }).fill('团队图斑');
    await share.getByLabel('来源', { exact: true }).fill('长治市自然资源局, 2026');
    await share.getByRole('button', { name: '共享' }).click();
    await a.page.getByTestId('team-publish').getByRole('status').filter({ hasText: '已共享图层：团队图斑' }).waitFor();
    // The editor's own page draws it at once (no reload).
    await expect.poll(() => renderedShared(a.page), { timeout: 30_000 }).toContain('漳泽湖湿地');
    await expect.poll(() => renderedShared(aTab), { timeout: 30_000 }).toContain('漳泽湖湿地');

    const b = await signedIn('bo');
    await b.page.reload();
    await waitForMapIdle(b.page, 90_000);
    const row = b.page.locator('.layer-row', { has: b.page.locator('.layer-title', { hasText: '团队图斑' }) });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('layer-shared').innerText()).toMatch(/^团队共享图层 · ann 于 .+ 共享$/);
    expect(await row.locator('.layer-count').innerText()).toBe('9 个要素');
    await expect.poll(() => renderedShared(b.page), { timeout: 30_000 }).toEqual(expect.arrayContaining(['漳泽湖湿地', '辛安泉域重点保护区']));

    // Toggled off, nothing of it is drawn; on again, it is.
    await row.locator('.layer-toggle input').uncheck();
    await expect.poll(() => renderedShared(b.page), { timeout: 10_000 }).toEqual([]);
    await row.locator('.layer-toggle input').check();
    await expect.poll(() => renderedShared(b.page), { timeout: 10_000 }).toContain('漳泽湖湿地');

    // A feature's history: one version, by ann.
    await row.locator('.layer-features summary').click();
    await row.getByRole('button', { name: '漳泽湖湿地' }).click();
    await b.page.getByRole('button', { name: '“漳泽湖湿地”的历史版本' }).click();
    const history = b.page.getByRole('group', { name: '“漳泽湖湿地”的历史版本' });
    await expect.poll(() => history.locator('li').allInnerTexts(), { timeout: 20_000 }).toHaveLength(1);
    expect(await history.locator('li').first().innerText()).toMatch(/^第 1 版 · ann · /);

    expect(a.consoleErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('a shared layer large enough to be drawn from the server’s tiles: B clicks a parcel on the map and gets that parcel, highlighted', { timeout: 240_000 }, async () => {
    // 5,000 numbered squares around 长治 (100 × 50, 0.003° apart by 0.001°), written here as a file to share.
    const squares = Array.from({ length: 5_000 }, (_, i) => {
      const [x, y] = [112.8 + (i % 100) * 0.004, 36.0 + Math.floor(i / 100) * 0.004];
      return { type: 'Feature', properties: { name: `格${i}` }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.003, y], [x + 0.003, y + 0.003], [x, y + 0.003], [x, y]]] } };
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'shanshui-team-')), 'grid-5000.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: squares }));
    const a = await signedIn('ann');
    const share = a.page.getByRole('form', { name: '共享文件为图层' });
    await share.getByLabel('文件', { exact: true }).setInputFiles(file);
    await share.getByLabel('图层名称', { exact: true }).fill('网格图斑');
    await share.getByLabel('来源', { exact: true }).fill('测试网格');
    await share.getByRole('button', { name: '共享' }).click();
    await a.page.getByTestId('team-publish').getByRole('status').filter({ hasText: '已共享图层：网格图斑' }).waitFor({ timeout: 60_000 });

    const b = await signedIn('bo');
    await b.page.reload();
    await waitForMapIdle(b.page, 90_000);
    const row = b.page.locator('.layer-row', { has: b.page.locator('.layer-title', { hasText: '网格图斑' }) });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.locator('.layer-count').innerText()).toBe('5000 个要素');
    const source = await b.page.evaluate(() => {
      const style = window.shanshui!.map.getStyle();
      const id = Object.keys(style.sources).find((s) => s.startsWith('pack-shared-') && style.sources[s].type === 'vector');
      return id ? { id, spec: style.sources[id] as { tiles: string[]; promoteId?: string } } : null;
    });
    expect(source?.spec.tiles[0]).toMatch(/\/api\/layers\/[0-9a-f-]+\/tiles\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=\w+$/);
    expect(source?.spec.promoteId).toBe('id');

    // Parcel 格2550 (row 25, column 50) up close, drawn from the server's tiles; a click in its middle.
    const centre: [number, number] = [112.8 + 50 * 0.004 + 0.0015, 36.0 + 25 * 0.004 + 0.0015];
    await b.page.evaluate((c) => window.shanshui!.map.jumpTo({ center: c, zoom: 15 }), centre);
    await waitForMapIdle(b.page, 60_000);
    await clickLngLat(b.page, centre);
    await expect.poll(() => b.page.locator('.feature-details .feature-name').innerText(), { timeout: 20_000 }).toBe('格2550');
    // Selected on the map: the feature's state, addressed by its id in the tiles.
    const selected = await b.page.evaluate((sourceId) => {
      const map = window.shanshui!.map;
      const [feature] = map.querySourceFeatures(sourceId, { sourceLayer: 'imported', filter: ['==', ['get', 'name'], '格2550'] });
      return feature ? (map.getFeatureState({ source: sourceId, sourceLayer: 'imported', id: feature.id! }) as { selected?: boolean }).selected : undefined;
    }, source!.id);
    expect(selected).toBe(true);

    expect(a.consoleErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('A shares a measurement, B sees it after a reload; an offline edit arrives; A and B edit it at once, A sees the conflict and keeping both keeps both', { timeout: 300_000 }, async () => {
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

    // A shared measurement is the team's: A (offline) and B change it at the same time; B's arrives first.
    await b.page.locator('.measure-item .sync-owner', { hasText: '创建者：ann' }).waitFor();
    expect(await b.page.getByRole('checkbox', { name: '与团队共享：共享地块（离线修改）' }).isDisabled()).toBe(true);
    expect(await b.page.getByRole('button', { name: '删除“共享地块（离线修改）”' }).count()).toBe(0);
    expect(await a.page.getByRole('button', { name: '删除“共享地块（离线修改）”' }).count()).toBe(1);
    await a.context.setOffline(true);
    await rename(a.page, '共享地块（离线修改）', 'A 改的');
    await a.page.locator('.sync-status[data-sync-status="offline"]').waitFor({ timeout: 20_000 });
    await rename(b.page, '共享地块（离线修改）', 'B 改的');
    await expect.poll(() => serverNames(b.page), { timeout: 20_000 }).toEqual(['B 改的']);

    // A writes second: the conflict is shown to A with both versions, and nothing is overwritten meanwhile.
    await a.context.setOffline(false);
    const conflict = a.page.getByRole('group', { name: '“A 改的”在别处也被修改了：请选择保留哪个版本' });
    await conflict.waitFor({ timeout: 20_000 });
    expect(await conflict.locator('[data-version="mine"]').innerText()).toContain('A 改的');
    expect(await conflict.locator('[data-version="theirs"]').innerText()).toContain('B 改的');
    expect(await conflict.locator('dt').nth(1).innerText()).toContain('bo');
    expect(await serverNames(a.page)).toEqual(['B 改的']);

    // Keep both: both versions survive, on the server and in B's list after a reload.
    await conflict.getByRole('button', { name: '两个都保留' }).click();
    await waitForNames(a.page, ['A 改的', 'B 改的']);
    const onServer = () =>
      a.page.evaluate(async () =>
        ((await (await fetch('/api/measurements')).json()) as { properties: { name: string }; owner: string; updated_by: string; shared: boolean }[])
          .map((m) => [m.properties.name, m.owner, m.updated_by, m.shared])
          .sort(),
      );
    await expect.poll(onServer, { timeout: 20_000 }).toEqual([
      ['A 改的', 'ann', 'ann', true],
      ['B 改的', 'ann', 'bo', true],
    ]);
    await b.page.reload();
    await waitForNames(b.page, ['A 改的', 'B 改的']);

    // A's history of the record both changed: four server versions with who; restoring the first makes it the newest.
    await a.page.getByRole('button', { name: '“B 改的”的历史版本' }).click();
    const history = a.page.getByRole('group', { name: '“B 改的”的历史版本' });
    await expect.poll(() => history.locator('li').allInnerTexts(), { timeout: 20_000 }).toHaveLength(4);
    const versions = await history.locator('li').allInnerTexts();
    expect(versions.map((v) => /^第 (\d) 版 · (\w+) · /.exec(v)?.slice(1, 3).join(' '))).toEqual(['1 ann', '2 ann', '3 ann', '4 bo']);
    await history.locator('li').first().getByRole('button', { name: '恢复此版本' }).click();
    await waitForNames(a.page, ['A 改的', '共享地块']);
    const restored = a.page.getByRole('group', { name: '“共享地块”的历史版本' });
    await expect.poll(() => restored.locator('li').count(), { timeout: 20_000 }).toBe(5);
    expect(await serverNames(a.page)).toEqual(['A 改的', '共享地块']);

    // The conflict's 409 is the one console line the browser itself writes.
    expect(a.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|409/.test(e))).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('B, signed in and not reloading, gets A’s new shared measurement when the tab comes back (focus)', { timeout: 180_000 }, async () => {
    const b = await signedIn('bo');
    const a = await signedIn('ann');
    const before = await names(b.page);
    await a.page.evaluate((geometry) => window.shanshuiMeasure!.measureFeature({ type: 'Feature', properties: {}, geometry } as never, '轮询地块'), PLOT);
    await a.page.getByRole('checkbox', { name: '与团队共享：轮询地块' }).click();
    await expect
      .poll(() => a.page.evaluate(async () => ((await (await fetch('/api/measurements')).json()) as { shared: boolean; properties: { name: string } }[]).some((m) => m.shared && m.properties.name === '轮询地块')), { timeout: 20_000 })
      .toBe(true);
    expect(before).not.toContain('轮询地块');
    // The tab regains focus (a refresh at most every 5 s on wake events): the list follows without a reload.
    await expect
      .poll(
        async () => {
          await b.page.evaluate(() => window.dispatchEvent(new Event('focus')));
          return names(b.page);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toContain('轮询地块');
    expect(a.consoleErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
  it('a county editor of 襄垣县 gets no edit control on a shared measurement in 长子县 (the API answers 403), and keeps them in 襄垣县', { timeout: 180_000 }, async () => {
    const a = await signedIn('ann');
    const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
    for (const [name, geometry] of [['长子地块', square(112.85, 36.1)], ['襄垣地块', square(112.95, 36.55)]] as const) {
      await a.page.evaluate(([g, n]) => window.shanshuiMeasure!.measureFeature({ type: 'Feature', properties: {}, geometry: g } as never, n), [geometry, name] as const);
      await a.page.getByRole('checkbox', { name: `与团队共享：${name}` }).click();
    }
    const sharedOnServer = () =>
      a.page.evaluate(async () => ((await (await fetch('/api/measurements')).json()) as { shared: boolean; properties: { name: string } }[]).filter((m) => m.shared).map((m) => m.properties.name));
    await expect.poll(sharedOnServer, { timeout: 20_000 }).toEqual(expect.arrayContaining(['长子地块', '襄垣地块']));

    const x = await signedIn('xy');
    await expect.poll(() => names(x.page), { timeout: 20_000 }).toEqual(expect.arrayContaining(['长子地块', '襄垣地块']));
    const item = (name: string) => x.page.locator('.measure-item', { has: x.page.locator('.measure-name', { hasText: name }) });
    // 长子县: no name box, colour, vertex editing, sharing or delete; it says why.
    expect(await x.page.getByRole('textbox', { name: '名称: 长子地块' }).count()).toBe(0);
    expect(await x.page.getByLabel('颜色: 长子地块').count()).toBe(0);
    expect(await x.page.getByRole('button', { name: '编辑“长子地块”的顶点' }).count()).toBe(0);
    expect(await x.page.getByRole('button', { name: '删除“长子地块”' }).count()).toBe(0);
    expect(await x.page.getByRole('checkbox', { name: '与团队共享：长子地块' }).isDisabled()).toBe(true);
    await item('长子地块').locator('.sync-locked').waitFor();
    // 襄垣县: the team's to change, the county editor included.
    expect(await x.page.getByRole('textbox', { name: '名称: 襄垣地块' }).count()).toBe(1);
    expect(await x.page.getByRole('button', { name: '编辑“襄垣地块”的顶点' }).count()).toBe(1);
    expect(await item('襄垣地块').locator('.sync-locked').count()).toBe(0);

    // The server refuses anyway.
    const status = await x.page.evaluate(async () => {
      const list = (await (await fetch('/api/measurements')).json()) as { id: string; version: number; type: string; geometry: unknown; shared: boolean; properties: { name: string } }[];
      const record = list.find((m) => m.properties.name === '长子地块')!;
      const response = await fetch(`/api/measurements/${record.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': `"${record.version}"` },
        body: JSON.stringify({ type: 'Feature', geometry: record.geometry, shared: true, properties: { ...record.properties, name: '长子地块（改）' } }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    expect(a.consoleErrors).toEqual([]);
    // The one console line is the browser's own for the refused PUT above.
    expect(x.consoleErrors.filter((e) => !/403/.test(e))).toEqual([]);
    await a.context.close();
    await x.context.close();
  });
});
