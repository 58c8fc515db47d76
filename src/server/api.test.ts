import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestServer, type TestServer } from './testing/testServer.ts';

/** A small square (side `d` degrees) around a point inside a region, found by PostGIS. */
async function squareInside(server: TestServer, code: string, d = 0.01) {
  const { rows } = await sql<{ x: number; y: number }>`
    SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions WHERE code = ${code}) s`.execute(server.database.db);
  const { x, y } = rows[0];
  return {
    type: 'Polygon' as const,
    coordinates: [[[x - d / 2, y - d / 2], [x + d / 2, y - d / 2], [x + d / 2, y + d / 2], [x - d / 2, y + d / 2], [x - d / 2, y - d / 2]]],
  };
}

describe.each(ENGINES)('server contract on %s', (engine) => {
  let server: TestServer;
  let editor: string;
  beforeAll(async () => {
    server = await openTestServer(engine);
    editor = await server.userSession('editor1', 'editor');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('reports its engine and PostGIS version', async () => {
    const response = await server.app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const health = response.json<{ ok: boolean; database: string; postgis: string }>();
    expect(health).toEqual({ ok: true, database: engine, postgis: health.postgis });
    expect(health.postgis).toMatch(/^3\.\d+/);
  });

  it('signs in with the right password only, with an HttpOnly SameSite cookie', async () => {
    const wrong = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'editor1', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies).toHaveLength(0);
    const unknown = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'ghost', password: 'x' } });
    expect(unknown.statusCode).toBe(401);
    const right = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'editor1', password: 'pw-editor1-0123456789' } });
    expect(right.statusCode).toBe(200);
    const cookie = right.cookies.find((c) => c.name === 'shanshui_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await server.app.inject({ url: '/api/session', headers: { cookie: `shanshui_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ username: 'editor1', role: 'editor' });
  });

  it('stores a measurement with the geodesic area of src/geo, which agrees with PostGIS ST_Area(geography)', async () => {
    const geometry = await squareInside(server, '140423', 0.02);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/measurements',
      headers: { cookie: editor },
      payload: { type: 'Feature', properties: { name: '试验地块' }, geometry },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string; version: number; area_m2: number; area_mu: number }>();
    expect(body.version).toBe(1);
    const { rows } = await sql<{ area: number }>`SELECT ST_Area(ST_GeomFromGeoJSON(${JSON.stringify(geometry)})::geography) AS area`.execute(server.database.db);
    expect(Math.abs(body.area_m2 - rows[0].area) / rows[0].area).toBeLessThan(1e-6);
    // 1 亩 = 10000/15 m² exactly.
    expect(body.area_mu).toBeCloseTo((body.area_m2 * 15) / 10000, 9);

    const one = await server.app.inject({ url: `/api/measurements/${body.id}`, headers: { cookie: editor } });
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"1"');
    expect(one.json()).toMatchObject({ id: body.id, version: 1, type: 'Feature', properties: { name: '试验地块' }, owner: 'editor1', shared: false });
    const list = await server.app.inject({ url: '/api/measurements', headers: { cookie: editor } });
    expect(list.json<{ id: string }[]>().map((m) => m.id)).toContain(body.id);
  });

  it('needs a session for the API', async () => {
    expect((await server.app.inject({ url: '/api/measurements' })).statusCode).toBe(401);
    const post = await server.app.inject({ method: 'POST', url: '/api/measurements', payload: { type: 'Feature', properties: {}, geometry: await squareInside(server, '140423') } });
    expect(post.statusCode).toBe(401);
  });

  it('lets a county editor write in their county only, checked by PostGIS', async () => {
    const xiangyuan = await server.userSession('xy-editor', 'county-editor', ['140423']);
    const inside = await server.app.inject({
      method: 'POST',
      url: '/api/measurements',
      headers: { cookie: xiangyuan },
      payload: { type: 'Feature', properties: {}, geometry: await squareInside(server, '140423') },
    });
    expect(inside.statusCode).toBe(201);
    const elsewhere = await server.app.inject({
      method: 'POST',
      url: '/api/measurements',
      headers: { cookie: xiangyuan },
      payload: { type: 'Feature', properties: {}, geometry: await squareInside(server, '140428') },
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json<{ message: string }>().message).toMatch(/区县.*regions/);
    // Nothing of the refused write was kept.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM records r JOIN users u ON u.id = r.owner_id WHERE u.username = 'xy-editor'`.execute(server.database.db);
    expect(rows[0].n).toBe(1);
  });

  it('refuses a self-intersecting polygon with a clear message and keeps nothing', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[113, 36], [113.01, 36.01], [113.01, 36], [113, 36.01], [113, 36]]] };
    const response = await server.app.inject({ method: 'POST', url: '/api/measurements', headers: { cookie: editor }, payload: { type: 'Feature', properties: {}, geometry: bowtie } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(/invalid geometry/);
  });

  it('publishes its OpenAPI document', async () => {
    const response = await server.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/session', '/api/measurements', '/api/measurements/{id}']));
  });
});
