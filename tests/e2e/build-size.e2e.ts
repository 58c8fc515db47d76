/**
 * Pins the gzip size of what the production build ships, so growth is a decision, not an accident
 * (as MapLibre GL JS does in test/build). After a deliberate change, update tests/build-size.json
 * with the figures this test prints.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = inject('distDir');
const pinned = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'build-size.json'), 'utf8')) as Record<string, { gzipBytes: number; margin: number }>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * Every script a page of the build can fetch: what its HTML loads, then every asset those files
 * name (static and dynamic imports, worker URLs), followed to the end. Hashed file names never
 * appear in a chunk by chance, so a name in the text is a reference.
 */
export function scriptsReachableFrom(dist: string, htmlFile: string): string[] {
  const html = readFileSync(path.join(dist, htmlFile), 'utf8');
  const scripts = files(path.join(dist, 'assets')).map((f) => path.relative(dist, f).split(path.sep).join('/')).filter((f) => /\.m?js$/.test(f));
  const pending = scripts.filter((f) => html.includes(f));
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const other of scripts) if (!seen.has(other) && text.includes(path.posix.basename(other))) pending.push(other);
  }
  return [...seen].sort();
}

/** The scripts the first paint of a page needs: those its HTML names (entry and modulepreloads). */
export function scriptsLoadedBy(dist: string, htmlFile: string): string[] {
  const html = readFileSync(path.join(dist, htmlFile), 'utf8');
  return files(path.join(dist, 'assets'))
    .map((f) => path.relative(dist, f).split(path.sep).join('/'))
    .filter((f) => /\.m?js$/.test(f) && html.includes(f));
}

export const embedScripts = (dist: string) => scriptsReachableFrom(dist, 'embed.html');

/** The data files the widget fetches for a pack: its manifest and every file the manifest lists. */
export function embedDataFiles(dist: string, pack: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'data', pack, 'pack.json'), 'utf8')) as { layers: { file: string }[]; context?: { file: string }[]; indicators?: string };
  // The widget loads the pack with the same loader, indicator table included.
  const extra = manifest.indicators ? [manifest.indicators] : [];
  return ['pack.json', ...manifest.layers.map((l) => l.file), ...(manifest.context ?? []).map((c) => c.file), ...extra].map((f) => `data/${pack}/${f}`);
}

/** Groups of shipped files, measured as the sum of their gzip sizes. */
function measure(): Record<string, number> {
  const all = files(DIST).map((f) => path.relative(DIST, f).split(path.sep).join('/'));
  const sum = (match: (f: string) => boolean) => all.filter(match).reduce((s, f) => s + gzipBytes(path.join(DIST, f)), 0);
  const gzipOf = (list: string[]) => list.reduce((s, f) => s + gzipBytes(path.join(DIST, f)), 0);
  return {
    // What the planner's first paint loads, and everything the app can load later (workers, exports, imports).
    'app-initial-js': gzipOf(scriptsLoadedBy(DIST, 'index.html')),
    'app-all-js': gzipOf(scriptsReachableFrom(DIST, 'index.html')),
    'app-css': sum((f) => f.startsWith('assets/') && f.endsWith('.css') && readFileSync(path.join(DIST, 'index.html'), 'utf8').includes(f)),
    'data-changzhi': sum((f) => f.startsWith('data/changzhi/')),
    'embed-js': embedScripts(DIST).reduce((s, f) => s + gzipBytes(path.join(DIST, f)), 0),
    'embed-css': sum((f) => f.startsWith('assets/') && f.endsWith('.css') && readFileSync(path.join(DIST, 'embed.html'), 'utf8').includes(f)),
    'embed-loader-js': sum((f) => f === 'embed.js'),
    'embed-data-changzhi': embedDataFiles(DIST, 'changzhi').reduce((s, f) => s + gzipBytes(path.join(DIST, f)), 0),
  };
}

describe('production bundle size', () => {
  const measured = measure();
  console.log('gzip bytes:', JSON.stringify(measured));
  for (const [group, { gzipBytes: limit, margin }] of Object.entries(pinned)) {
    it(`${group} stays within ${(margin * 100).toFixed(0)} % of the pinned ${limit} bytes`, () => {
      expect(measured[group], `no files measured for ${group}`).toBeGreaterThan(0);
      expect(measured[group]).toBeLessThanOrEqual(Math.round(limit * (1 + margin)));
      // Much smaller means the pin is stale: lower it so the next growth is noticed.
      expect(measured[group]).toBeGreaterThanOrEqual(Math.round(limit * (1 - 3 * margin)));
    });
  }
});

describe('the team workspace is not in the offline app’s first download (issue 17)', () => {
  it('its code (API client, sync, sign-in) is a chunk the app reaches but its HTML does not name', () => {
    // The API client's version header (src/store/serverApi.ts) is written only in the team code.
    const team = (f: string) => readFileSync(path.join(DIST, f), 'utf8').includes('if-match');
    expect(scriptsReachableFrom(DIST, 'index.html').filter(team).length, 'the check below would notice the team code').toBeGreaterThan(0);
    expect(scriptsLoadedBy(DIST, 'index.html').filter(team)).toEqual([]);
  });
});

describe('embed widget budget (issue 8)', () => {
  const measured = measure();

  it('fetches at most 480 KB of gzipped JavaScript, MapLibre and its worker included', () => {
    const scripts = embedScripts(DIST);
    expect(scripts.some((f) => /maplibre-gl-worker/.test(f)), 'the MapLibre worker is part of what the widget loads').toBe(true);
    expect(measured['embed-js']).toBeLessThanOrEqual(480_000);
  });

  it('keeps React and the workspace UI out of the widget', () => {
    // React's production build names its error decoder; the app's entry chunk holds it, the widget's graph must not.
    const texts = embedScripts(DIST).map((f) => readFileSync(path.join(DIST, f), 'utf8'));
    expect(texts.some((t) => t.includes('react.dev/errors'))).toBe(false);
    expect(texts.some((t) => t.includes('embed-dialog'))).toBe(false);
    const appChunks = files(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8'));
    expect(appChunks.some((t) => t.includes('react.dev/errors')), 'the check above would notice React').toBe(true);
  });

  it('fetches at most 250 KB of gzipped data for the default pack', () => {
    expect(measured['embed-data-changzhi']).toBeLessThanOrEqual(250_000);
  });

  it('ships a loader of a few KB', () => {
    expect(measured['embed-loader-js']).toBeLessThanOrEqual(3_000);
  });
});
