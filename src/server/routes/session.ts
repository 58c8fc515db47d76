import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkPassword, endSession, redeemSignInToken, setPassword, startSession } from '../services/users.ts';
import { ServiceError } from '../services/ServiceError.ts';
import type { Actor } from '../services/actor.ts';
import { actorOf } from './recordRoutes.ts';

export const SESSION_COOKIE = 'shanshui_session';

const me = (actor: Actor) => ({ id: actor.id, username: actor.username, role: actor.role, regions: actor.regions });

interface SessionRouteOptions {
  /** Sign-in attempts allowed per client address and username within `signInWindowMs`. */
  signInMax: number;
  signInWindowMs: number;
}

export function registerSessionRoutes(app: FastifyInstance, options: SessionRouteOptions): void {
  const db = app.database.db;

  // A new session id on every sign-in; the session a request came with (if any) ends: no fixation.
  async function signIn(reply: FastifyReply, actor: Actor, previous: string | undefined) {
    if (previous) await endSession(db, previous);
    const token = await startSession(db, actor.id);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', maxAge: 14 * 86_400 });
  }

  app.post<{ Body: { username: string; password: string } }>(
    '/api/session',
    {
      config: {
        rateLimit: {
          max: options.signInMax,
          timeWindow: options.signInWindowMs,
          // Runs as a preHandler, after validation: the username is a string when there is one.
          keyGenerator: (request) => {
            const username = (request.body as { username?: unknown } | undefined)?.username;
            return `${request.ip}|${typeof username === 'string' ? username.toLowerCase() : ''}`;
          },
        },
      },
      schema: {
        tags: ['session'],
        summary: 'Sign in: sets an HttpOnly, SameSite=Strict session cookie',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 1024 } },
        },
      },
    },
    async (request, reply) => {
      const actor = await checkPassword(db, request.body.username, request.body.password);
      if (!actor) throw ServiceError.of(401, 'bad_credentials', 'server.session.badCredentials');
      await signIn(reply, actor, request.cookies[SESSION_COOKIE]);
      return me(actor);
    },
  );

  // Signed out is an answer, not an error: the app asks on every load (a 401 would be a console error).
  app.get('/api/session', { schema: { tags: ['session'], summary: 'The signed-in user, or null when signed out' } }, (request, reply) =>
    request.actor ? me(request.actor) : reply.type('application/json').send('null'),
  );

  app.delete('/api/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  // The one-time link printed for the first administrator (and by `shanshui user add` without a password).
  app.get<{ Querystring: { token: string } }>(
    '/api/session/link',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with a one-time link, then go to the app',
        querystring: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 100 } } },
      },
    },
    async (request, reply) => {
      const actor = await redeemSignInToken(db, request.query.token);
      if (!actor) throw ServiceError.of(401, 'bad_link', 'server.session.badLink');
      await signIn(reply, actor, request.cookies[SESSION_COOKIE]);
      return reply.redirect('/');
    },
  );

  app.put<{ Body: { password: string } }>(
    '/api/session/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Set the signed-in user’s password',
        body: { type: 'object', required: ['password'], additionalProperties: false, properties: { password: { type: 'string', minLength: 10, maxLength: 1024 } } },
      },
    },
    async (request) => {
      await setPassword(db, actorOf(request).id, request.body.password);
      return { ok: true };
    },
  );
}
