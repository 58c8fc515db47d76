import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import { devContentSecurityPolicy } from './contentSecurityPolicy.ts';
import { openDatabase, type ServerDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedRegions } from './db/seedRegions.ts';
import { addUser, countUsers, createSignInToken } from './services/users.ts';
import { markServerPage } from './routes/appPage.ts';
import { bothLanguages } from '../i18n/bothLanguages.ts';

interface ServeOptions {
  port: number;
  host: string;
  /** PostgreSQL URL (DATABASE_URL); else the embedded engine in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Project root: data/ (packs) and dist/ (built app) are found here. */
  root: string;
  /** Serve the app through Vite's dev middleware instead of the built dist/. */
  dev: boolean;
  /** Pack whose regions county editors are given. */
  regionsPack: string;
}

interface RunningServer {
  url: string;
  /** One-time sign-in path for the first administrator, on the first start only. */
  firstAdminLink: string | null;
  database: ServerDatabase;
  close(): Promise<void>;
}

const API = /^\/(api|packs)(\/|$)/;

/** Opens (and migrates) the database, then serves the API and the app on one port. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const database = await openDatabase(options.databaseUrl ? { url: options.databaseUrl } : { dataDir: options.dataDir });
  let app: FastifyInstance | undefined;
  let vite: { close(): Promise<void>; middlewares: (req: IncomingMessage, res: ServerResponse) => void } | undefined;
  try {
    const packsDir = join(options.root, 'data');
    await migrateToLatest(database.db);
    await seedRegions(database.db, packsDir, options.regionsPack);

    let firstAdminLink: string | null = null;
    if ((await countUsers(database.db)) === 0) {
      const admin = await addUser(database.db, { username: 'admin', role: 'admin' });
      firstAdminLink = `/api/session/link?token=${await createSignInToken(database.db, admin.id)}`;
    }

    if (options.dev) {
      const { createServer: createVite } = await import('vite');
      // Vite's HMR preamble and React Refresh are inline scripts: they carry this nonce, nothing else may run inline.
      const nonce = randomBytes(18).toString('base64');
      const csp = devContentSecurityPolicy(nonce, { frameable: false });
      const widgetCsp = devContentSecurityPolicy(nonce, { frameable: true });
      vite = await createVite({
        root: options.root,
        server: { middlewareMode: true },
        appType: 'mpa',
        logLevel: 'warn',
        html: { cspNonce: nonce },
        plugins: [{ name: 'shanshui-server-page', transformIndexHtml: (html, context) => (context.path === '/index.html' ? markServerPage(html) : html) }],
      });
      const middlewares = vite.middlewares;
      app = await buildServer({
        database,
        packsDir,
        // The API through Fastify; the app's modules through Vite (HMR, no build step).
        serverFactory: (handler) =>
          createServer((req, res) => {
            if (API.test(req.url ?? '')) return handler(req, res);
            res.setHeader('content-security-policy', (req.url ?? '').split('?')[0].endsWith('/embed.html') ? widgetCsp : csp);
            keepContentSecurityPolicy(res);
            res.setHeader('x-content-type-options', 'nosniff');
            res.setHeader('referrer-policy', 'no-referrer');
            middlewares(req, res);
          }),
      });
    } else {
      const staticDir = resolve(options.root, 'dist');
      if (!existsSync(join(staticDir, 'index.html'))) {
        throw new Error(bothLanguages('server.startup.noBuild', { dir: staticDir }));
      }
      app = await buildServer({ database, packsDir, staticDir });
    }
    const address = await app.listen({ port: options.port, host: options.host });
    const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
    const running = app;
    const runningVite = vite;
    return {
      url,
      firstAdminLink,
      database,
      async close() {
        await runningVite?.close();
        await running.close();
        await database.close();
      },
    };
  } catch (error) {
    await vite?.close();
    await app?.close();
    await database.close();
    throw error;
  }
}

/**
 * The dev middlewares (scripts/vite-frame-headers.ts) set a CSP of `frame-ancestors` only, which
 * would replace the whole policy; ours already says the same about framing, so it stays.
 */
function keepContentSecurityPolicy(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => (name.toLowerCase() === 'content-security-policy' ? res : setHeader(name, value));
}
