/**
 * Fuzz test: thousands of damaged variants of the fixture files go through `importFiles`; each
 * must give a known error code (never 'internal-error', i.e. an unexpected exception) or layers
 * whose every coordinate is a finite WGS84 position. A hang fails the test by its timeout.
 * Deterministic (seeded), bounded to run in well under 30 s.
 */
import { readdirSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { forEachPosition } from './geometry.ts';
import { importFiles } from './importFiles.ts';
import { KNOWN_MESSAGE_CODES, formatImportMessage } from './messages.ts';
import { FIXTURES, fixtureBytes } from './testSupport.ts';
import type { ImportFileInput, ImportResult } from './types.ts';

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20240607);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(a: T[]): T => a[int(a.length)];

const seeds: ImportFileInput[] = ['shp', 'geojson', 'kml', 'gpx', 'csv'].flatMap((dir) =>
  readdirSync(FIXTURES + dir)
    .filter((f) => f !== 'loose')
    .map((f) => ({ name: f, bytes: fixtureBytes(`${dir}/${f}`) })),
);

const HUGE = ['1e308', '-1e309', '9'.repeat(400), 'NaN', 'Infinity', '-0', '1e-400', '0x7fffffff', '4294967296'];

function mutateBytes(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  switch (int(7)) {
    case 0: // bit flips
      for (let i = 0, n = 1 + int(8); i < n && out.length; i++) out[int(out.length)] ^= 1 << int(8);
      return out;
    case 1: // truncation
      return out.subarray(0, int(out.length));
    case 2: // random bytes
      return Uint8Array.from({ length: int(2048) }, () => int(256));
    case 3: { // huge numbers in place of a number
      const text = new TextDecoder('latin1').decode(out);
      const matches = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (!matches.length) return out;
      const m = pick(matches);
      const replaced = text.slice(0, m.index) + pick(HUGE) + text.slice(m.index + m[0].length);
      return Uint8Array.from(replaced, (c) => c.charCodeAt(0) & 0xff);
    }
    case 4: { // deep nesting
      const at = int(out.length + 1);
      const k = 100 + int(20000);
      const open = pick(['[', '{"a":', '<Folder>', '(']).repeat(k);
      const insert = new TextEncoder().encode(open);
      const res = new Uint8Array(out.length + insert.length);
      res.set(out.subarray(0, at));
      res.set(insert, at);
      res.set(out.subarray(at), at + insert.length);
      return res;
    }
    case 5: { // duplicate or drop a chunk
      const a = int(out.length + 1);
      const b = Math.min(out.length, a + int(256));
      return random() < 0.5 ? Uint8Array.from([...out.subarray(0, b), ...out.subarray(a)]) : Uint8Array.from([...out.subarray(0, a), ...out.subarray(b)]);
    }
    default: { // extreme 32-bit values at a random aligned offset (shp/dbf/zip header fields)
      if (out.length < 8) return out;
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      const at = int(out.length - 4) & ~3;
      view.setInt32(at, pick([0x7fffffff, -1, 0, -0x80000000, 65535, 1 << 24]), random() < 0.5);
      return out;
    }
  }
}

/** For archives: damage one file inside and zip again, so the inner parsers see the damage. */
function mutateInsideZip(bytes: Uint8Array): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return mutateBytes(bytes);
  }
  const names = Object.keys(files).filter((n) => !n.endsWith('/'));
  if (!names.length) return bytes;
  const name = pick(names);
  files[name] = mutateBytes(files[name]);
  return zipSync(files);
}

function checkResult(result: ImportResult): void {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(KNOWN_MESSAGE_CODES).toContain(result.error.code);
    expect(result.error.code, JSON.stringify(result.error)).not.toBe('internal-error');
    expect(formatImportMessage(result.error, 'zh').length).toBeGreaterThan(5);
    return;
  }
  for (const layer of result.layers) {
    expect(layer.featureCount).toBe(layer.data.features.length);
    let vertices = 0;
    for (const f of layer.data.features) {
      if (!f.geometry) continue;
      forEachPosition(f.geometry, (p) => {
        vertices++;
        if (!(Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
          throw new Error(`bad position ${JSON.stringify(p)} in ${layer.name}`);
        }
      });
    }
    expect(vertices).toBe(layer.vertexCount);
    for (const w of layer.warnings) expect(KNOWN_MESSAGE_CODES).toContain(w.code);
  }
}

const ROUNDS = 12; // × seeds (≈ 30) × 8 variants ≈ 3,000 imports

describe('importer fuzz', () => {
  it(
    'answers every damaged file with a known error or valid WGS84 layers',
    async () => {
      const limits = { maxFeatures: 50_000, maxVertices: 500_000, maxUnzippedBytes: 32 * 1024 * 1024 };
      let count = 0;
      const codes = new Map<string, number>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const seed of seeds) {
          for (let v = 0; v < 8; v++) {
            const isZip = /\.(zip|kmz)$/.test(seed.name);
            const bytes = isZip && v % 2 === 0 ? mutateInsideZip(seed.bytes as Uint8Array) : mutateBytes(seed.bytes as Uint8Array);
            const name = random() < 0.1 ? 'renamed.dat' : seed.name;
            let result: ImportResult;
            try {
              result = await importFiles([{ name, bytes }], { limits });
            } catch (error) {
              throw new Error(`importFiles threw for a mutation of ${seed.name}: ${String(error)}`, { cause: error });
            }
            checkResult(result);
            const code = result.ok ? 'ok' : result.error.code;
            codes.set(code, (codes.get(code) ?? 0) + 1);
            count++;
          }
        }
      }
      if (process.env.FUZZ_REPORT) console.log(count, Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])));
      expect(count).toBeGreaterThan(2500);
      // Both outcomes occur: the fuzzer neither only breaks files nor leaves them all valid.
      expect(codes.get('ok')).toBeGreaterThan(50);
      expect(codes.size).toBeGreaterThan(10);
    },
    120_000,
  );
});
