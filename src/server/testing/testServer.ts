import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../app.ts';
import { openDatabase, type Engine, type ServerDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedRegions } from '../db/seedRegions.ts';
import type { Role } from '../db/schema.ts';
import { addUser } from '../services/users.ts';

/** The engines the server tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it). */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

export const PACKS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'data');

export interface TestServer {
  app: FastifyInstance;
  database: ServerDatabase;
  /** Adds a user with a password and returns the session cookie header after a real sign-in. */
  userSession(username: string, role: Role, regions?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database of the engine (PGlite in memory; a new PostgreSQL database), migrated and seeded. */
async function freshDatabase(engine: Engine): Promise<{ database: ServerDatabase; drop: () => Promise<void> }> {
  if (engine === 'pglite') return { database: await openDatabase({}), drop: async () => {} };
  const { default: pg } = await import('pg');
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `shanshui_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ url: url.toString() }),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestServer(engine: Engine, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const { database, drop } = await freshDatabase(engine);
  try {
    await migrateToLatest(database.db);
    await seedRegions(database.db, PACKS_DIR, 'changzhi');
    const app = await buildServer({ database, packsDir: PACKS_DIR, ...options });
    await app.ready();
    return {
      app,
      database,
      async userSession(username, role, regions) {
        const password = `pw-${username}-0123456789`;
        await addUser(database.db, { username, role, regions, password });
        const response = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
        if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
        const cookie = response.cookies.find((c) => c.name === 'shanshui_session');
        return `shanshui_session=${cookie!.value}`;
      },
      async close() {
        await app.close();
        await database.close();
        await drop();
      },
    };
  } catch (error) {
    await database.close();
    await drop();
    throw error;
  }
}

/**
 * A test server with these users (and their passwords), listening on a loopback port, for app-side
 * code that talks HTTP to it (src/store/serverApi.ts through `cookieFetch`). `base` is its origin.
 */
export async function openListeningTestServer(
  engine: Engine,
  users: { username: string; role: Role; regions?: string[]; password: string }[],
): Promise<TestServer & { base: string }> {
  const server = await openTestServer(engine);
  for (const user of users) await addUser(server.database.db, user);
  return { ...server, base: await server.app.listen({ port: 0, host: '127.0.0.1' }) };
}
