import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestServer, type TestServer } from './testing/testServer.ts';

const INJECTIONS = ["' OR '1'='1", "'; DROP TABLE records; --", '" OR 1=1 --', "x') UNION SELECT password_hash FROM users --", '\\x00\'::text'];

describe.each(ENGINES)('security on %s', (engine) => {
  let server: TestServer;
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    server = await openTestServer(engine, { signInMax: 5, signInWindowMs: 60_000, bodyLimit: 1024 * 1024 });
    editor = await server.userSession('ed', 'editor');
    admin = await server.userSession('root', 'admin');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('rate-limits password guessing per address and username', async () => {
    await server.userSession('target', 'viewer');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'target', password: `guess${i}` } });
      statuses.push(r.statusCode);
    }
    // userSession's own sign-in counted as the first of 5.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
    const right = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'target', password: 'pw-target-0123456789' } });
    expect(right.statusCode).toBe(429);
    expect(right.json<{ message: string }>().message).toMatch(/稍后再试/);
  });

  it('issues a new session id at sign-in and ends the one the request came with (no fixation)', async () => {
    const planted = 'shanshui_session=attacker-chosen-value';
    const r = await server.app.inject({ method: 'POST', url: '/api/session', headers: { cookie: planted }, payload: { username: 'ed', password: 'pw-ed-0123456789' } });
    const issued = r.cookies.find((c) => c.name === 'shanshui_session')!.value;
    expect(issued).not.toBe('attacker-chosen-value');
    expect((await server.app.inject({ url: '/api/session', headers: { cookie: planted } })).json()).toBeNull();
    // Signing in again from a live session replaces it.
    const again = await server.app.inject({ method: 'POST', url: '/api/session', headers: { cookie: `shanshui_session=${issued}` }, payload: { username: 'ed', password: 'pw-ed-0123456789' } });
    expect(again.statusCode).toBe(200);
    expect((await server.app.inject({ url: '/api/session', headers: { cookie: `shanshui_session=${issued}` } })).json()).toBeNull();
    // The database keeps only hashes of session ids.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions WHERE token_hash = ${issued}`.execute(server.database.db);
    expect(rows[0].n).toBe(0);
  });

  it('refuses cross-site writes and non-JSON bodies (CSRF)', async () => {
    const body = { indicator: 'x', year: 2024, value: 1, source: 's' };
    const crossOrigin = await server.app.inject({ method: 'POST', url: '/api/indicators', headers: { cookie: editor, origin: 'https://evil.example' }, payload: body });
    expect(crossOrigin.statusCode).toBe(403);
    const crossSite = await server.app.inject({ method: 'POST', url: '/api/indicators', headers: { cookie: editor, 'sec-fetch-site': 'cross-site' }, payload: body });
    expect(crossSite.statusCode).toBe(403);
    const form = await server.app.inject({
      method: 'POST',
      url: '/api/indicators',
      headers: { cookie: editor, 'content-type': 'text/plain' },
      payload: JSON.stringify(body),
    });
    expect(form.statusCode).toBe(415);
    const urlencoded = await server.app.inject({
      method: 'POST',
      url: '/api/indicators',
      headers: { cookie: editor, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'indicator=x&year=2024',
    });
    expect(urlencoded.statusCode).toBe(415);
    const sameOrigin = await server.app.inject({
      method: 'POST',
      url: '/api/indicators',
      headers: { cookie: editor, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' },
      payload: body,
    });
    expect(sameOrigin.statusCode).toBe(201);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM records WHERE kind = 'indicator'`.execute(server.database.db);
    expect(rows[0].n).toBe(1);
  });

  it('sends CSP and security headers on every response', async () => {
    for (const url of ['/api/health', '/api/measurements', '/no/such/page']) {
      const r = await server.app.inject({ url });
      expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(r.headers['content-security-policy']).toMatch(/object-src 'none'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['strict-transport-security']).toBeDefined();
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('does not let a non-administrator create users or raise a role', async () => {
    const escalate = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: editor }, payload: { username: 'ed2', role: 'admin', password: 'longenough1234' } });
    expect(escalate.statusCode).toBe(403);
    const county = await server.userSession('cty', 'county-editor', ['140423']);
    const self = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: county }, payload: { username: 'cty', role: 'admin' } });
    expect(self.statusCode).toBe(403);
    const { rows } = await sql<{ role: string }>`SELECT role FROM users WHERE username IN ('ed', 'cty') ORDER BY username`.execute(server.database.db);
    expect(rows.map((r) => r.role)).toEqual(['county-editor', 'editor']);
    const byAdmin = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username: 'newbie', role: 'viewer' } });
    expect(byAdmin.statusCode).toBe(201);
    const signInLink = byAdmin.json<{ sign_in_link: string }>().sign_in_link;
    expect(signInLink).toMatch(/^\/api\/session\/link\?token=/);
    const link = await server.app.inject({ url: signInLink });
    expect(link.statusCode).toBe(302);
    expect((await server.app.inject({ url: signInLink })).statusCode).toBe(401);
  });

  it('treats SQL in every string parameter as data', async () => {
    const countUsers = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(server.database.db)).rows[0].n;
    const usersBefore = await countUsers();
    for (const text of INJECTIONS) {
      expect((await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: text, password: text } })).statusCode).toBeOneOf([401, 429]);
      expect((await server.app.inject({ url: `/api/measurements/${encodeURIComponent(text)}`, headers: { cookie: editor } })).statusCode).toBe(400);
      expect((await server.app.inject({ url: `/packs/${encodeURIComponent(text)}/latest/pack.json` })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'POST', url: `/api/packs/${encodeURIComponent(text)}/publish`, headers: { cookie: editor } })).statusCode).toBe(400);
      const stored = await server.app.inject({ method: 'POST', url: '/api/indicators', headers: { cookie: editor }, payload: { indicator: text, year: 2020, value: 1, source: text } });
      expect(stored.statusCode).toBe(201);
      expect(stored.json()).toMatchObject({ indicator: text, source: text });
      const user = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username: text, role: 'viewer' } });
      expect(user.statusCode).toBe(400);
    }
    expect(await countUsers()).toBe(usersBefore);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM records WHERE kind = 'indicator' AND data->>'source' = ${INJECTIONS[1]}`.execute(server.database.db);
    expect(rows[0].n).toBe(1);
  });

  it('refuses path traversal in pack names and files', async () => {
    for (const url of ['/packs/..%2F..%2Fetc/latest/passwd', '/packs/changzhi@1/..%2F..%2Fpackage.json', '/packs/changzhi/latest/../../package.json', '/packs/%2e%2e/latest/pack.json']) {
      const r = await server.app.inject({ url });
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toMatch(/"name": "shanshui"/);
    }
    const publish = await server.app.inject({ method: 'POST', url: '/api/packs/..%2F..%2Fetc/publish', headers: { cookie: editor } });
    expect(publish.statusCode).toBe(400);
  });

  it('refuses an oversized upload with 413 and keeps nothing of it', async () => {
    const ring = Array.from({ length: 60_000 }, (_, i) => [113 + Math.cos(i) * 0.01, 36.5 + Math.sin(i) * 0.01]);
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/measurements',
      headers: { cookie: editor },
      payload: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json<{ message: string }>().message).toMatch(/请求太大/);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM records WHERE kind = 'measurement'`.execute(server.database.db);
    expect(rows[0].n).toBe(0);
  });
});
