import Fastify, { type FastifyInstance, type FastifyServerFactory } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { GeometryError } from '../geo/index.ts';
import type { ServerDatabase } from './db/database.ts';
import type { Actor } from './services/actor.ts';
import { ServiceError } from './services/ServiceError.ts';
import { storageFault } from './services/storageFault.ts';
import { CSP_DIRECTIVES } from './contentSecurityPolicy.ts';
import { bothLanguages } from '../i18n/bothLanguages.ts';
import { sessionActor } from './services/users.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerSessionRoutes, SESSION_COOKIE } from './routes/session.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerRecordRoutes } from './routes/recordRoutes.ts';
import { measurementsApi } from './routes/measurements.ts';
import { restorationsApi } from './routes/restorations.ts';
import { indicatorsApi } from './routes/indicators.ts';
import { registerLayerRoutes } from './routes/layers.ts';
import { registerPackRoutes } from './routes/packs.ts';
import { rejectCrossSiteWrites, SAFE_METHODS } from './routes/crossSite.ts';
import { registerAppPage } from './routes/appPage.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: ServerDatabase;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface ServerOptions {
  database: ServerDatabase;
  /** Folder of the source packs (`data/`): regions and publishing read from it. */
  packsDir: string;
  /** Built app (dist/) served at / when given. */
  staticDir?: string;
  /** Largest request body, bytes (uploads included). Default 20 MB. */
  bodyLimit?: number;
  signInMax?: number;
  signInWindowMs?: number;
  /** e.g. to put the Vite dev middleware in front (see serve.ts). */
  serverFactory?: FastifyServerFactory;
  logger?: boolean;
}

/**
 * The Shanshui HTTP server: routes are thin, rules live in services/. Every response carries the
 * security headers (CSP included); writes must be JSON from the same origin; `/api/*` needs a
 * session except health, sign-in and the OpenAPI document; published packs are public.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 20 * 1024 * 1024,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.decorate('database', options.database);
  app.decorateRequest('actor', null);
  // JSON bodies only: a cross-site form (text/plain, urlencoded, multipart) is refused with 415.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      info: { title: 'Shanshui server', version: '1', description: '山水 · 生态分区图 team workspace on PostGIS' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: CSP_DIRECTIVES,
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  // The news widget is made to be framed by pages on any origin, and its loader script to be run
  // by them: for those two files only, any ancestor and cross-origin use (the app stays 'self').
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.endsWith('/embed.html')) {
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string') reply.header('content-security-policy', csp.replace("frame-ancestors 'self'", 'frame-ancestors *'));
      reply.removeHeader('x-frame-options');
    }
    if (path.endsWith('/embed.html') || path.endsWith('/embed.js')) reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, hook: 'preHandler' });

  app.addHook('onRequest', rejectCrossSiteWrites);
  // A write reaches the embedded database only while its folder can be written: one that turned
  // read-only (or full) under the running server is refused here like any refused write (503/507),
  // instead of hanging inside PGlite (database.ts, checkWritable).
  app.addHook('preHandler', async (request) => {
    if (app.database.checkWritable && !SAFE_METHODS.has(request.method)) await app.database.checkWritable();
  });
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await sessionActor(app.database.db, token) : null;
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ServiceError) {
      return reply.code(error.status).send({ error: error.code, message: `${error.zh} / ${error.en}`, ...(error.current ? { current: error.current } : {}) });
    }
    if (error instanceof GeometryError) {
      return reply.code(400).send({ error: 'bad_geometry', message: bothLanguages('server.http.badGeometry', { detail: error.message }) });
    }
    const e = error as { statusCode?: number; code?: string; message?: string; validation?: unknown };
    if (e.statusCode === 413) return reply.code(413).send({ error: 'too_large', message: bothLanguages('server.http.tooLarge') });
    if (e.statusCode === 415) return reply.code(415).send({ error: 'json_only', message: bothLanguages('server.http.jsonOnly') });
    if (e.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: bothLanguages('server.http.rateLimited') });
    if (e.validation || (e.statusCode && e.statusCode < 500)) {
      return reply.code(e.statusCode ?? 400).send({ error: 'bad_request', message: bothLanguages('server.http.badRequest', { detail: e.message ?? '' }) });
    }
    request.log.error(error);
    const storage = storageFault(e);
    if (storage) {
      const key = storage === 'full' ? 'server.storageFull' : 'server.storageReadOnly';
      return reply.code(storage === 'full' ? 507 : 503).send({ error: `storage_${storage === 'full' ? 'full' : 'read_only'}`, message: bothLanguages(key) });
    }
    return reply.code(503).send({ error: 'unavailable', message: bothLanguages('server.http.unavailable', { detail: e.message ?? '' }) });
  });

  registerHealthRoutes(app);
  registerSessionRoutes(app, { signInMax: options.signInMax ?? 10, signInWindowMs: options.signInWindowMs ?? 15 * 60_000 });
  registerUserRoutes(app);
  registerRecordRoutes(app, measurementsApi);
  registerRecordRoutes(app, restorationsApi);
  registerRecordRoutes(app, indicatorsApi);
  registerLayerRoutes(app);
  registerPackRoutes(app, options.packsDir);
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  if (options.staticDir) await registerAppPage(app, options.staticDir);
  return app;
}
