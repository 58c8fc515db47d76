import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../db/schema.ts';
import { addUser, createSignInToken, listUsers } from '../services/users.ts';
import { ServiceError } from '../services/ServiceError.ts';
import { actorOf } from './recordRoutes.ts';

function requireAdmin(request: FastifyRequest) {
  const actor = actorOf(request);
  if (actor.role !== 'admin') throw ServiceError.of(403, 'forbidden', 'server.users.adminOnly');
  return actor;
}

/** User administration (administrators only). */
export function registerUserRoutes(app: FastifyInstance): void {
  const db = app.database.db;
  app.get('/api/users', { schema: { tags: ['users'] } }, async (request) => {
    requireAdmin(request);
    return listUsers(db);
  });
  app.post<{ Body: { username: string; role: Role; regions?: string[]; password?: string } }>(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a user; without a password the answer carries a one-time sign-in link',
        body: {
          type: 'object',
          required: ['username', 'role'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', pattern: '^[A-Za-z0-9_.@-]{1,64}$' },
            role: { enum: ['admin', 'editor', 'county-editor', 'viewer'] },
            regions: { type: 'array', items: { type: 'string', pattern: '^[0-9]{6}$' }, maxItems: 50 },
            password: { type: 'string', minLength: 10, maxLength: 1024 },
          },
        },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      const user = await addUser(db, request.body);
      const link = request.body.password ? undefined : `/api/session/link?token=${await createSignInToken(db, user.id)}`;
      return reply.code(201).send({ ...user, ...(link ? { sign_in_link: link } : {}) });
    },
  );
}
