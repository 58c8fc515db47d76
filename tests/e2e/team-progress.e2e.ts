/**
 * The team's progress work in the built app, served by the team server on PostgreSQL, with two
 * users in two browser contexts: what a county editor may record (and the server refuses beyond
 * it), dated restoration figures in the chart, and publishing for news widgets on another origin,
 * where a widget pinned to an older version never changes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestServer, type TestServer } from '../../src/server/testing/testServer.ts';
import { addUser } from '../../src/server/services/users.ts';
import { browserForFile, openPage, waitForMapIdle } from './browser.ts';

const DATABASE = process.env.TEST_DATABASE_URL;
const session = browserForFile();
const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'import', 'geojson', 'wgs84.geojson');
let server: TestServer;
let url: string;
let news: Server;
let newsOrigin: string;
const newsPages = new Map<string, string>();

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('button', { name: '登录团队服务器' }).click();
  const dialog = page.getByRole('dialog', { name: '登录团队工作区' });
  await dialog.getByLabel('用户名', { exact: true }).fill(username);
  await dialog.getByLabel('密码', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: '登录' }).click();
  await page.locator('.session-user', { hasText: username }).waitFor();
}

/** The restoration figures' sync is done and nothing is left unsent. */
async function restorationsSynced(page: Page): Promise<void> {
  await page.locator('[data-testid="sync-restorations"][data-sync-status="synced"]').waitFor({ state: 'attached', timeout: 20_000 });
  await expect.poll(() => page.getByTestId('team-progress').locator('.sync-pending').count(), { timeout: 20_000 }).toBe(0);
}

async function widgetLegend(frame: Frame): Promise<string[]> {
  await frame.waitForFunction(() => performance.getEntriesByName('shanshui:embed-painted').length > 0 || document.querySelector('.embed-error'), undefined, { timeout: 45_000 });
  expect(await frame.locator('.embed-error').count(), (await frame.locator('.embed-error').allInnerTexts()).join()).toBe(0);
  return frame.locator('.embed-legend .embed-legend-name').allInnerTexts();
}

describe.skipIf(!DATABASE)('team progress on the server (PostgreSQL; skipped without TEST_DATABASE_URL, which .ci/run sets)', () => {
  beforeAll(async () => {
    server = await openTestServer('postgresql', { staticDir: inject('distDir') });
    await addUser(server.database.db, { username: 'xy', role: 'county-editor', regions: ['140423'], password: 'xiangyuan-password-1' });
    await addUser(server.database.db, { username: 'ed', role: 'editor', password: 'editor-password-12' });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    news = createServer((req, res) => {
      const body = newsPages.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => news.listen(0, '127.0.0.1', resolve));
    newsOrigin = `http://127.0.0.1:${(news.address() as AddressInfo).port}`;
  }, 240_000);
  afterAll(async () => {
    news?.closeAllConnections();
    await new Promise<void>((resolve) => (news ? news.close(() => resolve()) : resolve()));
    await server?.close();
  });

  it('a county editor of 襄垣县 gets no control to record in 长子县, and the API answers 403', async () => {
    const { page, context } = await openPage(session.browser, `${url}/`);
    await waitForMapIdle(page, 90_000);
    await signIn(page, 'xy', 'xiangyuan-password-1');
    const form = page.getByRole('form', { name: '记录修复面积' });
    await form.getByLabel('场地', { exact: true }).locator('option').first().waitFor({ state: 'attached' });
    const sites = await form.getByLabel('场地', { exact: true }).locator('option').allInnerTexts();
    expect(sites).toContain('五阳煤矿采煤沉陷区综合治理示范工程');
    expect(sites).toContain('襄垣县采煤沉陷区');
    expect(sites.some((s) => s.includes('长子县') || s.includes('漳泽湖'))).toBe(false);
    // No indicator entry and no publishing for a county editor.
    expect(await page.getByRole('form', { name: '录入指标实际值' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '发布为新版本' }).count()).toBe(0);

    // The server refuses anyway: a figure whose evidence lies in 长子县 (around its site point).
    const refusal = await page.evaluate(async () => {
      const [x, y] = [112.93, 36.17];
      const d = 0.0005;
      const response = await fetch('/api/restorations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ site: '长子县采煤沉陷区', date: '2026-05-01', restored_mu: 10, evidence: { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] } }),
      });
      return { status: response.status, body: (await response.json()) as { message: string } };
    });
    expect(refusal.status).toBe(403);
    expect(refusal.body.message).toMatch(/^位置超出你负责的区县 \/ /);
    expect(await page.evaluate(async () => ((await (await fetch('/api/restorations')).json()) as unknown[]).length)).toBe(0);
    await context.close();
  });

  it('a server page whose team code cannot be fetched is still the offline app, and says sign-in is missing', async () => {
    const context = await session.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.route(/\/assets\/teamModule-[^/]+\.js$/, (route) => route.abort());
    await page.goto(`${url}/`);
    await waitForMapIdle(page, 90_000);
    await page.getByRole('status').filter({ hasText: '团队功能未能加载' }).waitFor();
    expect(await page.getByRole('button', { name: '登录团队服务器' }).count()).toBe(0);
    expect(await page.getByTestId('team-progress').count()).toBe(0);
    // The offline tools are all there.
    await page.locator('.measure-section').waitFor();
    await context.close();
  });

  it('an editor records two dated restoration figures and the chart shows both years; the county editor sees them too', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, `${url}/`);
    await waitForMapIdle(page, 90_000);
    await signIn(page, 'ed', 'editor-password-12');
    const form = page.getByRole('form', { name: '记录修复面积' });
    const record = async (date: string, mu: string, note: string) => {
      await form.getByLabel('场地', { exact: true }).selectOption({ label: '五阳煤矿采煤沉陷区综合治理示范工程' });
      await form.getByLabel('日期', { exact: true }).fill(date);
      await form.getByLabel('已修复面积（亩）', { exact: true }).fill(mu);
      await form.getByLabel('备注', { exact: true }).fill(note);
      await form.getByRole('button', { name: '保存记录' }).click();
      await form.getByRole('status').filter({ hasText: `已保存：五阳煤矿采煤沉陷区综合治理示范工程 ${date}` }).waitFor();
    };
    await record('2026-06-30', '40', '一期复垦');
    await record('2027-03-01', '95.5', '二期');
    // Stored here first, then sent: the server has both once the sync says so.
    await restorationsSynced(page);
    const chart = page.getByTestId('progress-chart');
    await chart.locator('.progress-chart-year', { hasText: '2027' }).waitFor();
    // The pack's own dated figure (上党区, 180 亩 in 2024) and the two records.
    expect(await chart.locator('.progress-chart-year').allTextContents()).toEqual(['2024', '2026', '2027']);
    expect(await chart.locator('.progress-chart-value').allTextContents()).toEqual(['180', '220', '276']);
    expect(await chart.getAttribute('aria-label')).toBe('全市已修复面积（亩），按年：2024 180.00，2026 220.00，2027 275.50');
    expect(await page.getByTestId('progress-target').innerText()).toBe('全市目标：70,897.71 亩（4 年）；截至 2027 年已记录 275.50 亩（0.39%）');
    // Its evidence is the site's own outline, which the pack has as schematic: stored as such.
    expect(
      await page.evaluate(async () => ((await (await fetch('/api/restorations')).json()) as { evidence_precision?: string }[]).map((r) => r.evidence_precision)),
    ).toEqual(['schematic', 'schematic']);
    await page.getByLabel('截至年份', { exact: true }).selectOption('2026');
    const wuyang = page.getByTestId('progress-sites').locator('tr', { hasText: '五阳煤矿' });
    expect(await wuyang.locator('td').allInnerTexts()).toEqual(['—', '40.00', '2026-06-30']);
    await page.getByLabel('图表范围', { exact: true }).selectOption('襄垣县');
    expect(await chart.locator('.progress-chart-value').allTextContents()).toEqual(['0.0', '40.0', '95.5']);

    // An indicator's actual value, shown beside the plan's 2020 value and 2025 target.
    await page.getByTestId('indicators').locator('summary').click();
    const values = page.getByRole('form', { name: '录入指标实际值' });
    await values.getByLabel('指标', { exact: true }).selectOption('森林覆盖率');
    await values.getByLabel('年份', { exact: true }).fill('2026');
    await values.getByLabel('数值', { exact: true }).fill('27.4');
    await values.getByLabel('来源', { exact: true }).fill('长治市林业局, 2027-01');
    await values.getByRole('button', { name: '保存' }).click();
    await values.getByRole('status').filter({ hasText: '已保存：森林覆盖率 2026 年 27.40' }).waitFor();
    expect((await page.locator('tr[data-indicator="森林覆盖率"] td').allInnerTexts()).slice(0, 4)).toEqual(['2', '26.85', '完成省下达指标', '约束性']);
    const teamValue = page.locator('tr[data-indicator="森林覆盖率"] .indicators-team');
    await expect.poll(() => teamValue.locator('.sync-pending').count()).toBe(0);
    expect(await teamValue.evaluate((span) => span.firstChild?.textContent)).toBe('2026：27.40（ed）');

    // The other user, in the other browser context, sees both figures after a reload.
    const other = await openPage(session.browser, `${url}/`);
    await waitForMapIdle(other.page, 90_000);
    await signIn(other.page, 'xy', 'xiangyuan-password-1');
    await other.page.getByTestId('progress-chart').locator('.progress-chart-year', { hasText: '2027' }).waitFor();
    expect(await other.page.getByTestId('progress-chart').locator('.progress-chart-year').allTextContents()).toEqual(['2024', '2026', '2027']);
    await other.context.close();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('an editor records a figure offline: kept and marked 未同步, still there after the page is opened again, and it arrives on reconnecting', { timeout: 240_000 }, async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, `${url}/`);
    await waitForMapIdle(page, 90_000);
    await signIn(page, 'ed', 'editor-password-12');
    await restorationsSynced(page);
    const onServer = async () =>
      (await sql<{ mu: number }>`SELECT (data->>'restored_mu')::float AS mu FROM records WHERE kind = 'restoration' AND data->>'date' = '2028-05-01' AND NOT deleted`.execute(server.database.db)).rows.map((r) => r.mu);

    await context.setOffline(true);
    const form = page.getByRole('form', { name: '记录修复面积' });
    await form.getByLabel('场地', { exact: true }).selectOption({ label: '五阳煤矿采煤沉陷区综合治理示范工程' });
    await form.getByLabel('日期', { exact: true }).fill('2028-05-01');
    await form.getByLabel('已修复面积（亩）', { exact: true }).fill('130');
    await form.getByLabel('备注', { exact: true }).fill('离线录入');
    await form.getByRole('button', { name: '保存记录' }).click();
    await form.getByRole('status').filter({ hasText: '已保存：五阳煤矿采煤沉陷区综合治理示范工程 2028-05-01' }).waitFor();
    // In the chart and the list at once, marked as not on the server yet; the server has nothing.
    const chart = page.getByTestId('progress-chart');
    await chart.locator('g[data-year="2028"][data-pending="true"] .progress-chart-pending', { hasText: '未同步' }).waitFor();
    await page.getByTestId('team-progress').locator('details summary').click();
    const typed = page.getByTestId('progress-figures').locator('li', { hasText: '2028-05-01' });
    await typed.locator('.sync-pending', { hasText: '未同步' }).waitFor();
    await page.locator('[data-testid="sync-restorations"][data-sync-status="offline"]').waitFor({ timeout: 20_000 });
    expect(await onServer()).toEqual([]);

    // The page is closed while offline; back online, the app opened again finds the figure and sends it.
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    const againErrors: string[] = [];
    again.on('console', (msg) => void (msg.type() === 'error' && againErrors.push(msg.text())));
    await again.goto(`${url}/`);
    await waitForMapIdle(again, 90_000);
    await again.locator('.session-user', { hasText: 'ed' }).waitFor();
    await restorationsSynced(again);
    expect(await onServer()).toEqual([130]);
    await again.getByTestId('progress-chart').locator('g[data-year="2028"]').waitFor();
    expect(await again.getByTestId('progress-chart').locator('g[data-pending]').count()).toBe(0);
    expect(consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
    expect(againErrors).toEqual([]);
    await context.close();
  });

  it('two editors correct one figure at once: the second is shown the conflict with both versions, keeping both keeps both; the history says who and when and restores', { timeout: 240_000 }, async () => {
    const a = await openPage(session.browser, `${url}/`);
    const b = await openPage(session.browser, `${url}/`);
    await Promise.all([waitForMapIdle(a.page, 90_000), waitForMapIdle(b.page, 90_000)]);
    await signIn(a.page, 'ed', 'editor-password-12');
    await signIn(b.page, 'xy', 'xiangyuan-password-1');
    await Promise.all([restorationsSynced(a.page), restorationsSynced(b.page)]);
    const edit = async (page: Page, mu: string, note: string) => {
      await page.getByTestId('team-progress').locator('details summary').click();
      const item = page.getByTestId('progress-figures').locator('li', { hasText: '2026-06-30' });
      await item.getByRole('button', { name: /^修改“/ }).click();
      const editor = item.getByRole('form', { name: /^修改“/ });
      await editor.getByLabel('已修复面积（亩）', { exact: true }).fill(mu);
      await editor.getByLabel('备注', { exact: true }).fill(note);
      await editor.getByRole('button', { name: '保存修改' }).click();
      await editor.waitFor({ state: 'detached' });
    };
    const serverFigures = (page: Page) =>
      page.evaluate(async () =>
        ((await (await fetch('/api/restorations')).json()) as { date: string; restored_mu: number; note?: string }[])
          .filter((r) => r.date === '2026-06-30')
          .map((r) => `${r.restored_mu} ${r.note ?? ''}`)
          .sort(),
      );

    // The county editor corrects the 2026 figure first.
    await edit(b.page, '41', '县里核实');
    await restorationsSynced(b.page);
    expect(await serverFigures(b.page)).toEqual(['41 县里核实']);
    // The editor, offline, corrects the version they have; on reconnecting the server refuses it as stale.
    await a.context.setOffline(true);
    await edit(a.page, '42', '市里核实');
    await a.context.setOffline(false);
    const conflict = a.page.getByTestId('team-progress').locator('.sync-conflict');
    await conflict.waitFor({ timeout: 20_000 });
    expect(await conflict.locator('.sync-mine').innerText()).toBe('我的版本（本浏览器）: 五阳煤矿采煤沉陷区综合治理示范工程 2026-06-30 42.00 亩 · 市里核实');
    expect(await conflict.locator('.sync-theirs').innerText()).toMatch(/^服务器上的版本（xy，.+）: 五阳煤矿采煤沉陷区综合治理示范工程 2026-06-30 41.00 亩 · 县里核实$/);
    expect(await serverFigures(a.page)).toEqual(['41 县里核实']);

    await conflict.getByRole('button', { name: '两个都保留' }).click();
    await conflict.waitFor({ state: 'detached' });
    await restorationsSynced(a.page);
    expect(await serverFigures(a.page)).toEqual(['41 县里核实', '42 市里核实']);
    await b.page.reload();
    await waitForMapIdle(b.page, 90_000);
    await restorationsSynced(b.page);
    await b.page.getByTestId('team-progress').locator('details summary').click();
    await expect.poll(() => b.page.getByTestId('progress-figures').locator('li', { hasText: '2026-06-30' }).count()).toBe(2);

    // History: every version with who; restoring the first brings 40 亩 back as the newest version.
    const kept = b.page.getByTestId('progress-figures').locator('li', { hasText: '41.00 亩' });
    await kept.getByRole('button', { name: /的历史版本$/ }).click();
    const history = kept.getByRole('group', { name: /的历史版本$/ });
    const versions = history.locator('li');
    await versions.first().waitFor();
    expect(await versions.allInnerTexts()).toEqual([
      expect.stringMatching(/^第 1 版 · ed · .+ · 五阳煤矿采煤沉陷区综合治理示范工程 2026-06-30 40.00 亩 · 一期复垦\n?恢复此版本$/),
      expect.stringMatching(/^第 2 版 · xy · .+ · 五阳煤矿采煤沉陷区综合治理示范工程 2026-06-30 41.00 亩 · 县里核实$/),
    ]);
    await versions.first().getByRole('button', { name: '恢复此版本' }).click();
    await expect.poll(() => versions.count()).toBe(3);
    expect(await serverFigures(b.page)).toEqual(['40 一期复垦', '42 市里核实']);
    expect(a.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|409/.test(e))).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('an editor publishes; a widget of the new version on a news page on another origin shows the new layer, one pinned to the old version does not change', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, `${url}/`);
    await waitForMapIdle(page, 90_000);
    await signIn(page, 'ed', 'editor-password-12');
    const publish = page.getByRole('button', { name: '发布为新版本' });
    await publish.click();
    await page.getByTestId('team-publish').getByRole('status').filter({ hasText: '已发布第 1 版' }).waitFor();
    const pinnedBefore = await (await fetch(`${url}/packs/changzhi@1/pack.json`)).text();

    const share = page.getByRole('form', { name: '共享文件为图层' });
    await share.getByLabel('文件', { exact: true }).setInputFiles(fixture);
    await share.getByLabel('图层名称', { exact: true }).fill('2026 修复图斑');
    await share.getByLabel('来源', { exact: true }).fill('长治市自然资源局, 2026');
    await share.getByRole('button', { name: '共享' }).click();
    await page.getByTestId('team-publish').getByRole('status').filter({ hasText: '已共享图层：2026 修复图斑' }).waitFor();
    expect(await page.getByTestId('shared-layers').innerText()).toMatch(/^2026 修复图斑（ed，/);
    await publish.click();
    await page.getByTestId('team-publish').getByRole('status').filter({ hasText: '已发布第 2 版' }).waitFor();
    expect(await (await fetch(`${url}/packs/changzhi@1/pack.json`)).text()).toBe(pinnedBefore);

    // The embed dialog offers the published versions and latest.
    await page.getByRole('button', { name: '嵌入：生成放在新闻网页中的地图代码' }).click();
    const version = page.getByRole('combobox', { name: '数据版本' });
    const today = new Date().toISOString().slice(0, 10);
    const options = await version.locator('option').allInnerTexts();
    expect(options).toEqual(['当前数据（不固定）', '最新发布版（latest，随发布更新）', `截至 ${today}（第 2 版，固定不变）`, `截至 ${today}（第 1 版，固定不变）`]);
    const codeFor = async (value: string) => {
      await version.selectOption(value);
      return page.getByTestId('embed-code-fixed').inputValue();
    };
    const pinnedOld = await codeFor('1');
    const pinnedNew = await codeFor('2');
    const latest = await codeFor('latest');
    expect(pinnedOld).toContain(encodeURIComponent('/packs/changzhi@1/pack.json'));
    expect(latest).toContain(encodeURIComponent('/packs/changzhi/latest/pack.json'));
    newsPages.set('/news.html', `<!doctype html><meta charset="utf-8"><title>新闻</title><h1>长治生态修复进展</h1>${pinnedOld}${pinnedNew}`);

    const reader = await openPage(session.browser, `${newsOrigin}/news.html`, { allowedOrigins: [newsOrigin, url] });
    expect(await reader.page.locator('iframe').count()).toBe(2);
    // The code's iframes load lazily: bring each into view, then find its widget page.
    const widgetFrame = async (index: number, pack: string) => {
      await reader.page.locator('iframe').nth(index).scrollIntoViewIfNeeded();
      await expect.poll(() => reader.page.frames().find((f) => f.url().includes(encodeURIComponent(pack))), { timeout: 30_000 }).toBeTruthy();
      return reader.page.frames().find((f) => f.url().includes(encodeURIComponent(pack)))!;
    };
    const oldWidget = await widgetFrame(0, '/packs/changzhi@1/pack.json');
    const newWidget = await widgetFrame(1, '/packs/changzhi@2/pack.json');
    expect(new URL(newWidget.url()).origin).toBe(url);
    const oldLegend = await widgetLegend(oldWidget);
    const newLegend = await widgetLegend(newWidget);
    expect(newLegend).toContain('2026 修复图斑');
    expect(oldLegend).not.toContain('2026 修复图斑');
    expect(newLegend.filter((l) => l !== '2026 修复图斑')).toEqual(oldLegend);
    expect(reader.foreignRequests).toEqual([]);
    await reader.context.close();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
