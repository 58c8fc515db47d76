import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from '../pack/types.ts';
import { ENGINES, openTestServer, PACKS_DIR, type TestServer } from './testing/testServer.ts';

describe.each(ENGINES)('publishing packs on %s', (engine) => {
  let server: TestServer;
  let editor: string;
  beforeAll(async () => {
    server = await openTestServer(engine);
    editor = await server.userSession('pub', 'editor');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('publishes immutable versions; pinned URLs never change, latest follows the newest', async () => {
    const viewer = await server.userSession('reader', 'viewer');
    expect((await server.app.inject({ method: 'POST', url: '/api/packs/changzhi/publish', headers: { cookie: viewer } })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'POST', url: '/api/packs/changzhi/publish' })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'POST', url: '/api/packs/nowhere/publish', headers: { cookie: editor } })).statusCode).toBe(404);

    const first = await server.app.inject({ method: 'POST', url: '/api/packs/changzhi/publish', headers: { cookie: editor } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ pack: 'changzhi', version: 1, url: '/packs/changzhi@1/pack.json' });

    // Without a session, from any origin.
    const manifest = await server.app.inject({ url: '/packs/changzhi@1/pack.json' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(manifest.headers['access-control-allow-origin']).toBe('*');
    const etag = manifest.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const source = JSON.parse(await readFile(join(PACKS_DIR, 'changzhi', 'pack.json'), 'utf8')) as PackManifest;
    const v1 = manifest.json<PackManifest>();
    expect(v1.layers.map((l) => l.id)).toEqual(source.layers.map((l) => l.id));
    expect((await server.app.inject({ url: '/packs/changzhi@1/pack.json', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    // Every layer file the manifest names is there, byte for byte the source.
    for (const layer of v1.layers) {
      const file = await server.app.inject({ url: `/packs/changzhi@1/${layer.file}` });
      expect(file.statusCode).toBe(200);
      expect(file.body).toBe(await readFile(join(PACKS_DIR, 'changzhi', layer.file), 'utf8'));
    }
    // And the indicator table it names (a widget of the version loads it).
    expect(v1.indicators).toBe(source.indicators);
    const table = await server.app.inject({ url: `/packs/changzhi@1/${source.indicators}` });
    expect(table.statusCode).toBe(200);
    expect(table.headers['content-type']).toMatch(/^application\/json/);
    expect(table.body).toBe(await readFile(join(PACKS_DIR, 'changzhi', source.indicators!), 'utf8'));

    // A shared layer with one feature, then version 2.
    const layer = (
      await server.app.inject({
        method: 'POST',
        url: '/api/layers',
        headers: { cookie: editor },
        payload: { title: { zh: '新修复区', en: 'New restoration' }, legend: { zh: '2026 年上报', en: 'Reported 2026' }, geometry: 'polygon', style: { color: '#33aa55' } },
      })
    ).json<{ id: string }>();
    const feature = {
      type: 'Feature',
      properties: { name: '一号地块', source: '测试上报', precision: 'surveyed' },
      geometry: { type: 'Polygon', coordinates: [[[113, 36.5], [113.01, 36.5], [113.01, 36.51], [113, 36.5]]] },
    };
    expect((await server.app.inject({ method: 'POST', url: `/api/layers/${layer.id}/features`, headers: { cookie: editor }, payload: feature })).statusCode).toBe(201);
    const second = await server.app.inject({ method: 'POST', url: '/api/packs/changzhi/publish', headers: { cookie: editor } });
    expect(second.json<{ version: number }>().version).toBe(2);

    const v2 = (await server.app.inject({ url: '/packs/changzhi@2/pack.json' })).json<PackManifest>();
    const added = v2.layers.find((l) => l.title.zh === '新修复区')!;
    expect(added).toMatchObject({ geometry: 'polygon', style: { color: '#33aa55' } });
    const data = (await server.app.inject({ url: `/packs/changzhi@2/${added.file}` })).json<{ features: { properties: { name: string } }[] }>();
    expect(data.features.map((f) => f.properties.name)).toEqual(['一号地块']);

    // Version 1 is unchanged; latest is version 2 and is revalidated.
    const again = await server.app.inject({ url: '/packs/changzhi@1/pack.json' });
    expect(again.headers.etag).toBe(etag);
    expect(again.json<PackManifest>().layers.some((l) => l.title.zh === '新修复区')).toBe(false);
    const latest = await server.app.inject({ url: '/packs/changzhi/latest/pack.json' });
    expect(latest.headers['cache-control']).toBe('no-cache');
    expect(latest.headers['content-location']).toBe('/packs/changzhi@2/pack.json');
    expect(latest.json()).toEqual(v2);
    const versions = (await server.app.inject({ url: '/packs/changzhi/versions.json' })).json<{ version: number; author: string }[]>();
    expect(versions.map((v) => [v.version, v.author])).toEqual([
      [1, 'pub'],
      [2, 'pub'],
    ]);
    expect((await server.app.inject({ url: '/packs/changzhi@3/pack.json' })).statusCode).toBe(404);
  });

  it('gives concurrent publishers distinct versions', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pack_versions`.execute(server.database.db)).rows[0].n;
    const results = await Promise.all(
      [1, 2, 3].map(() => server.app.inject({ method: 'POST', url: '/api/packs/changzhi/publish', headers: { cookie: editor } })),
    );
    const versions = results.map((r) => r.json<{ version: number }>().version).sort();
    expect(new Set(versions).size).toBe(3);
    expect(versions).toEqual([before + 1, before + 2, before + 3]);
  });
});
