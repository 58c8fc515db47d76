import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from './testing/testServer.ts';

describe('the news widget served by the team server', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shanshui-static-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><title>山水</title></head></html>');
    await writeFile(join(dir, 'embed.html'), '<!doctype html><html><head><title>widget</title></head></html>');
    await writeFile(join(dir, 'embed.js'), 'void 0;');
    server = await openTestServer('pglite', { staticDir: dir });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('may be framed by a news page on any origin, and its loader run there; the app itself may not', async () => {
    const widget = await server.app.inject({ url: '/embed.html?pack=%2Fpacks%2Fchangzhi%401%2Fpack.json' });
    expect(widget.statusCode).toBe(200);
    expect(widget.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(widget.headers['content-security-policy']).toContain("default-src 'self'");
    expect(widget.headers['x-frame-options']).toBeUndefined();
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await server.app.inject({ url: '/embed.js' })).headers['cross-origin-resource-policy']).toBe('cross-origin');

    const app = await server.app.inject({ url: '/' });
    expect(app.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(app.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(app.headers['cross-origin-resource-policy']).toBe('same-site');
  });
});
