/**
 * The built app served by the team server (`shanshui serve`): every page comes with the server's
 * CSP and security headers, and the workspace must still come up whole under them (a CSP that
 * blocks MapLibre's workers, styles or data would show as console errors), with the API and a
 * published pack on the same origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.ts';
import { openDatabase, type ServerDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { seedRegions } from '../../src/server/db/seedRegions.ts';
import { addUser } from '../../src/server/services/users.ts';
import { startServer } from '../../src/server/serve.ts';
import { browserForFile, openPage, waitForMapIdle, waitForStatistics } from './browser.ts';

const session = browserForFile();
const packsDir = path.resolve(import.meta.dirname, '..', '..', 'data');
let database: ServerDatabase;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  database = await openDatabase({});
  await migrateToLatest(database.db);
  await seedRegions(database.db, packsDir, 'changzhi');
  await addUser(database.db, { username: 'xy', role: 'county-editor', regions: ['140423'], password: 'xiangyuan-password-1' });
  app = await buildServer({ database, packsDir, staticDir: inject('distDir') });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the app served by the team server', () => {
  it('comes up whole under the server’s CSP, and finds the API on its own origin', async () => {
    const index = await fetch(`${url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const { page, consoleErrors, foreignRequests, context } = await openPage(session.browser, `${url}/`);
    await waitForMapIdle(page, 90_000);
    await waitForStatistics(page, 90_000);
    expect(await page.locator('.county-table tbody tr').count()).toBe(12);
    const health = await page.evaluate(async (): Promise<unknown> => (await fetch('/api/health')).json());
    expect(health).toMatchObject({ ok: true, database: 'pglite' });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('signs a county editor in from the header: a wrong password is said, role and county are shown, a reload keeps the session', async () => {
    const { page, consoleErrors, context } = await openPage(session.browser, `${url}/`);
    await page.getByRole('button', { name: '登录团队服务器' }).click();
    const dialog = page.getByRole('dialog', { name: '登录团队工作区' });
    await dialog.getByLabel('用户名').fill('xy');
    await dialog.getByLabel('密码').fill('not the password');
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await dialog.getByLabel('密码').fill('xiangyuan-password-1');
    await dialog.getByRole('button', { name: '登录' }).click();
    await page.locator('.session-user', { hasText: 'xy（区县编辑）' }).waitFor();
    expect(await page.locator('.session-regions').innerText()).toBe('负责：襄垣县');
    expect(await dialog.count()).toBe(0);

    await page.reload();
    await page.locator('.session-user', { hasText: 'xy（区县编辑）' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录团队服务器' }).waitFor();
    // The failed sign-in's 401 is the one console line the browser itself writes.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});

describe('the dev pages of `shanshui serve --dev`', () => {
  it('carry a CSP whose nonce only Vite’s own inline scripts have, and the workspace comes up with no violation', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'shanshui-dev-'));
    const running = await startServer({ port: 0, host: '127.0.0.1', dataDir, root: path.resolve(import.meta.dirname, '..', '..'), dev: true, regionsPack: 'changzhi' });
    try {
      const index = await fetch(`${running.url}/`);
      expect(index.status).toBe(200);
      const csp = index.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'self'/);
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      const scripts = [...(await index.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(1);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

      // Vite transforms hundreds of modules on the first visit: a longer wait than openPage's.
      const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
      await page.goto(`${running.url}/`, { timeout: 180_000 });
      await waitForMapIdle(page, 120_000);
      await waitForStatistics(page, 120_000);
      expect(await page.locator('.county-table tbody tr').count()).toBe(12);
      expect(consoleErrors).toEqual([]);
      // The policy is enforced: an inline script without the nonce does not run.
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'document.body.dataset.injected = "yes"';
        document.head.append(script);
        return document.body.dataset.injected === 'yes';
      });
      expect(ran).toBe(false);
      await context.close();
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
