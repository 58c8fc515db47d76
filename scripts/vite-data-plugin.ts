/**
 * Serves the top-level `data/` folder at `/data/` in dev and preview, and copies its JSON files into
 * `dist/data/` on build. Packs stay plain files loaded by URL, so a city can swap in its own data
 * without touching the bundle.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';

const DATA_DIR = path.resolve(import.meta.dirname, '..', 'data');
const SERVED = /\.(json|geojson)$/;

function serveData(): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (!url.startsWith('/data/')) return next();
    const file = path.resolve(DATA_DIR, '.' + url.slice('/data'.length));
    if (!file.startsWith(DATA_DIR + path.sep) || !SERVED.test(file) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', file.endsWith('.geojson') ? 'application/geo+json' : 'application/json');
    createReadStream(file).pipe(res);
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))),
  );
  return nested.flat();
}

export function dataPackPlugin(): Plugin {
  return {
    name: 'shanshui-data-packs',
    configureServer(server) {
      server.middlewares.use(serveData());
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveData());
    },
    async generateBundle() {
      if (!existsSync(DATA_DIR)) return;
      for (const file of await listFiles(DATA_DIR)) {
        if (!SERVED.test(file)) continue;
        this.emitFile({
          type: 'asset',
          fileName: 'data/' + path.relative(DATA_DIR, file).split(path.sep).join('/'),
          source: await readFile(file),
        });
      }
    },
  };
}
