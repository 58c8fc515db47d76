import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { SERVER_PAGE_META } from '../../store/serverPage.ts';

/**
 * The app's page says it is served by a Shanshui server, so the app asks `/api/health` only
 * then: a static deploy of the same build never requests an API it does not have (no 404 in the
 * console, nothing to wait for).
 */
export const markServerPage = (html: string): string => html.replace(/<head>/i, `<head>\n    <meta name="${SERVER_PAGE_META}" content="1" />`);

/** The built app from `dir`, its page marked; everything else as files. */
export async function registerAppPage(app: FastifyInstance, dir: string): Promise<void> {
  const page = markServerPage(readFileSync(join(dir, 'index.html'), 'utf8'));
  const sendPage = (_: unknown, reply: { type(t: string): { send(b: string): unknown } }) => reply.type('text/html; charset=utf-8').send(page);
  app.get('/', { schema: { hide: true } }, sendPage);
  app.get('/index.html', { schema: { hide: true } }, sendPage);
  await app.register(fastifyStatic, { root: dir, index: false });
}
