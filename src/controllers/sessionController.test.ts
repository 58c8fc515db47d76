import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFetch } from '../server/testing/cookieFetch.ts';
import { openListeningTestServer, type TestServer } from '../server/testing/testServer.ts';
import { ApiError, ServerApi } from '../store/serverApi.ts';
import { SessionController } from './sessionController.ts';

const XIANGYUAN = '140423';
const ZHANGZI = '140428';

describe('SessionController against a real Shanshui server (PGlite)', () => {
  let server: TestServer & { base: string };
  let base: string;
  beforeAll(async () => {
    server = await openListeningTestServer('pglite', [
      { username: 'xy', role: 'county-editor', regions: [XIANGYUAN], password: 'xiangyuan-password-1' },
      { username: 'ed', role: 'editor', password: 'editor-password-12' },
    ]);
    ({ base } = server);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('finds the server, signs a county editor in and out, and reads what the role may write', async () => {
    const session = new SessionController(new ServerApi(cookieFetch(), base));
    expect(session.getState().status).toBe('checking');
    await session.start();
    expect(session.getState()).toMatchObject({ status: 'signed-out', server: { ok: true, database: 'pglite' }, user: null });

    expect(await session.signIn('xy', 'wrong password')).toBe(false);
    const refusal = session.getState().error!;
    expect(refusal.status).toBe(401);
    expect(refusal.text('zh')).toBe('用户名或密码错误');
    expect(refusal.text('en')).toBe('wrong username or password');
    expect(session.getState().status).toBe('signed-out');

    expect(await session.signIn('xy', 'xiangyuan-password-1')).toBe(true);
    expect(session.getState()).toMatchObject({ status: 'signed-in', error: null, user: { username: 'xy', role: 'county-editor', regions: [XIANGYUAN] } });
    expect(session.mayWrite('restoration', XIANGYUAN)).toBe(true);
    expect(session.mayWrite('restoration', ZHANGZI)).toBe(false);
    expect(session.mayWrite('indicator')).toBe(false);
    expect(session.mayPublish()).toBe(false);

    // A sign-out that cannot reach the server is kept as an error to show, not dropped.
    const unreachable = new SessionController(new ServerApi(cookieFetch(), 'http://127.0.0.1:9'));
    await unreachable.signOut();
    expect(unreachable.getState().error?.offline).toBe(true);

    await session.signOut();
    expect(session.getState()).toMatchObject({ status: 'signed-out', user: null });
    expect(session.mayWrite('measurement')).toBe(false);
  });

  it('a new page of the same browser finds the session from its cookie', async () => {
    const browser = cookieFetch();
    const first = new SessionController(new ServerApi(browser, base));
    await first.start();
    await first.signIn('ed', 'editor-password-12');
    const reloaded = new SessionController(new ServerApi(browser, base));
    await reloaded.start();
    expect(reloaded.getState()).toMatchObject({ status: 'signed-in', user: { username: 'ed', role: 'editor' } });
    expect(reloaded.mayPublish()).toBe(true);
  });

  it('the API says a stale version with the record as it is now, and the server refuses what the role may not do', async () => {
    const api = new ServerApi(cookieFetch(), base);
    await api.signIn('xy', 'xiangyuan-password-1');
    const inside = async (code: string) => {
      const { rows } = await sql<{ x: number; y: number }>`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions WHERE code = ${code}) s`.execute(server.database.db);
      const { x, y } = rows[0];
      return { type: 'Polygon', coordinates: [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]] };
    };
    const body = (geometry: object, note: string) => ({ site: '测试场地', date: '2026-06-30', restored_mu: 12.5, evidence: geometry, note });
    const created = await api.create<{ id: string; version: number }>('/api/restorations', body(await inside(XIANGYUAN), 'v1'));
    expect(created.version).toBe(1);
    await api.update('/api/restorations', created.id, 1, body(await inside(XIANGYUAN), 'v2'));
    const stale = await api.update('/api/restorations', created.id, 1, body(await inside(XIANGYUAN), 'v2 elsewhere')).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ApiError);
    expect((stale as ApiError).status).toBe(409);
    expect((stale as ApiError).current).toMatchObject({ version: 2, note: 'v2' });

    const outside = await api.create('/api/restorations', body(await inside(ZHANGZI), 'in 长子县')).catch((e: unknown) => e);
    expect((outside as ApiError).status).toBe(403);
    expect((outside as ApiError).text('zh')).toBe('位置超出你负责的区县');
    const history = await api.history('/api/restorations', created.id);
    expect(history.map((v) => [v.version, v.data.note, v.author])).toEqual([[1, 'v1', 'xy'], [2, 'v2', 'xy']]);
  });
});

describe('SessionController without a server', () => {
  let host: Server;
  let base: string;
  beforeAll(async () => {
    // A static host of the built app: every path answers the page (an SPA fallback).
    host = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>山水</title>'));
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

  it('stays the offline app on a static host and where nothing listens', async () => {
    const onStaticHost = new SessionController(new ServerApi(cookieFetch(), base));
    await onStaticHost.start();
    expect(onStaticHost.getState().status).toBe('no-server');
    const nothing = new SessionController(new ServerApi(cookieFetch(), 'http://127.0.0.1:9'));
    await nothing.start();
    expect(nothing.getState().status).toBe('no-server');
  });

  it('a network failure is an ApiError of status 0 (try again later), not a refusal', async () => {
    const error = await new ServerApi(cookieFetch(), 'http://127.0.0.1:9').list('/api/measurements').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).offline).toBe(true);
    expect((error as ApiError).text('zh')).toMatch(/^无法连接服务器/);
  });
});
