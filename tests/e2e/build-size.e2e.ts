/**
 * Pins the gzip size of what the production build ships, so growth is a decision, not an accident
 * (as MapLibre GL JS does in test/build). After a deliberate change, update tests/build-size.json
 * with the figures this test prints.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const pinned = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'build-size.json'), 'utf8')) as Record<string, { gzipBytes: number; margin: number }>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Groups of shipped files, measured as the sum of their gzip sizes. */
function measure(): Record<string, number> {
  const all = files(DIST).map((f) => path.relative(DIST, f).split(path.sep).join('/'));
  const sum = (match: (f: string) => boolean) => all.filter(match).reduce((s, f) => s + gzipBytes(path.join(DIST, f)), 0);
  return {
    'app-js': sum((f) => f.startsWith('assets/') && f.endsWith('.js')),
    'app-css': sum((f) => f.startsWith('assets/') && f.endsWith('.css')),
    'data-changzhi': sum((f) => f.startsWith('data/changzhi/')),
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
