/**
 * The built app served by the team server (`shanshui serve`): every page comes with the server's
 * CSP and security headers, and the workspace must still come up whole under them (a CSP that
 * blocks MapLibre's workers, styles or data would show as console errors), with the API and a
 * published pack on the same origin.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.ts';
import { openDatabase, type ServerDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { seedRegions } from '../../src/server/db/seedRegions.ts';
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
});
