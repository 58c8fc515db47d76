import type { FastifyInstance } from 'fastify';
import { latestVersion, PACK_ID, packFile, packVersions, publishPack } from '../services/packs.ts';
import { ServiceError } from '../services/ServiceError.ts';
import { ImmutableCache } from '../services/immutableCache.ts';
import { actorOf } from './recordRoutes.ts';

const notFound = () => ServiceError.of(404, 'not_found', 'server.http.noFile');

/**
 * Publishing (editors) and the published packs (public, any origin): `/packs/{id}@{version}/…` is
 * immutable; `/packs/{id}/latest/…` follows the newest version and is revalidated each time.
 */
export function registerPackRoutes(app: FastifyInstance, packsDir: string): void {
  const db = app.database.db;
  const files = new ImmutableCache<NonNullable<Awaited<ReturnType<typeof packFile>>>>(64 * 1024 * 1024, (file) => file.body.length);
  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: PACK_ID.source } } } as const;

  app.post<{ Params: { id: string } }>(
    '/api/packs/:id/publish',
    { schema: { tags: ['packs'], summary: 'Publish the pack and the shared layers as a new immutable version', params: idParams } },
    async (request, reply) => reply.code(201).send(await publishPack(db, actorOf(request), packsDir, request.params.id)),
  );

  app.get<{ Params: { id: string } }>('/packs/:id/versions.json', { schema: { tags: ['packs'], params: idParams } }, async (request, reply) => {
    reply.header('access-control-allow-origin', '*').header('cache-control', 'no-cache');
    return packVersions(db, request.params.id);
  });

  app.get<{ Params: { ref: string; '*': string } }>('/packs/:ref/*', { schema: { tags: ['packs'], summary: 'A published pack file' } }, async (request, reply) => {
    const ref = /^([a-z0-9][a-z0-9-]{0,63})(?:@([1-9][0-9]{0,8}))?$/.exec(request.params.ref);
    if (!ref) throw notFound();
    let path = request.params['*'];
    let version = ref[2] ? Number(ref[2]) : null;
    const pinned = version !== null;
    if (!pinned) {
      if (!path.startsWith('latest/')) throw notFound();
      path = path.slice('latest/'.length);
      version = await latestVersion(db, ref[1]);
      if (version === null) throw notFound();
    }
    const key = `${ref[1]}@${version}/${path}`;
    const file = files.get(key) ?? (await packFile(db, ref[1], version!, path));
    if (!file) throw notFound();
    files.set(key, file);
    reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('etag', file.etag)
      .header('cache-control', pinned ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('content-location', `/packs/${ref[1]}@${version}/${path}`);
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.content_type).send(file.body);
  });
}
