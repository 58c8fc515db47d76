import type { FastifyInstance } from 'fastify';
import { postgisVersion } from '../db/database.ts';

export function registerHealthRoutes(app: FastifyInstance): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['server'],
        summary: 'Server and database status (public)',
        response: {
          200: {
            type: 'object',
            properties: { ok: { type: 'boolean' }, database: { enum: ['pglite', 'postgresql'] }, postgis: { type: 'string' } },
          },
        },
      },
    },
    async () => ({ ok: true, database: app.database.engine, postgis: await postgisVersion(app.database.db) }),
  );
}
