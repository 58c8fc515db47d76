#!/usr/bin/env node
// The `shanshui` command. Runs a bundle of src/cli (esbuild) kept in node_modules/.cache: built on
// first use and rebuilt whenever a source file it came from changes, so `npx shanshui` always
// runs the current sources and starts in ~0.1 s. Without esbuild it falls back to tsx.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src', 'cli', 'main.ts');
const cacheDir = join(root, 'node_modules', '.cache', 'shanshui-cli');
const manifestFile = join(cacheDir, 'manifest.json');

/** The bundle's entry file if every source it was built from is unchanged, else null. */
function freshBundle() {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const [file, mtime] of Object.entries(manifest.inputs)) {
      if (statSync(join(root, file)).mtimeMs !== mtime) return null;
    }
    return join(cacheDir, manifest.entry);
  } catch {
    return null;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  const outdir = join(cacheDir, `build-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    entryPoints: { shanshui: entry },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'silent',
    // The server's packages load files next to themselves (PGlite's WASM, Vite): not bundled.
    external: ['@electric-sql/*', 'vite', 'fastify', '@fastify/*', 'pg', 'kysely'],
    // CommonJS dependencies may require() Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), 'package-lock.json']) {
    if (file.includes('node_modules/')) continue;
    const path = relative(root, resolve(root, file));
    try {
      inputs[path] = statSync(join(root, path)).mtimeMs;
    } catch {
      // e.g. no lock file
    }
  }
  const name = relative(cacheDir, outdir);
  // Publish atomically: concurrent runs may build at the same time; the last one wins.
  const tmp = `${manifestFile}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ entry: join(name, 'shanshui.mjs'), inputs }));
  renameSync(tmp, manifestFile);
  return join(outdir, 'shanshui.mjs');
}

/** Removes old builds (not the current one; not recent ones another run may still be using). */
function removeOldBuilds(current) {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (!name.startsWith('build-') || path === current) continue;
    if (Date.now() - statSync(path).mtimeMs > 10 * 60 * 1000) rmSync(path, { recursive: true, force: true });
  }
}

async function load() {
  const fresh = freshBundle();
  if (fresh) return import(pathToFileURL(fresh).href);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const built = await build();
    removeOldBuilds(dirname(built));
    return import(pathToFileURL(built).href);
  } catch (error) {
    if (process.env.SHANSHUI_DEBUG) process.stderr.write(`shanshui: bundle failed, using tsx: ${error}\n`);
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(pathToFileURL(entry).href, import.meta.url);
  }
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
