#!/usr/bin/env node
// Server under load, on loopback, per engine (PGlite always; PostgreSQL when BENCH_DATABASE_URL or
// TEST_DATABASE_URL names a server whose user may CREATE DATABASE):
//  1. 200 concurrent readers of a published pack + 20 concurrent writers of measurements for
//     BENCH_SECONDS (default 60): errors, p50/p99 of reads and writes, requests/s. The reference is
//     the same 200 readers against a bare node:http server sending the same bytes from memory, in
//     this process: the ratio says what the server's stack adds over the client and loopback floor.
//  2. kill -9 during a stream of writes: every acknowledged write must be there after a restart.
// The server is the real `shanshui serve` process (bin/shanshui.mjs), one per phase.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'shanshui.mjs');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const READERS = 200;
const WRITERS = 20;
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (v) => `${v.toFixed(1)} ms`;

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts `shanshui serve`; resolves with its URL and first-admin link once it listens. */
async function startServe({ dataDir, databaseUrl }) {
  const port = await freePort();
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, [BIN, 'serve', '--dev', '--port', String(port), '--data', dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const started = Date.now();
  await new Promise((done, fail) => {
    const timer = setInterval(() => {
      if (/Shanshui: /.test(out)) {
        clearInterval(timer);
        done();
      } else if (child.exitCode !== null || Date.now() - started > 180_000) {
        clearInterval(timer);
        fail(new Error(`serve did not start: ${err}`));
      }
    }, 100);
  });
  const url = `http://127.0.0.1:${port}`;
  const link = /(\/api\/session\/link\?token=\S+)/.exec(out)?.[1] ?? null;
  return { child, url, link, startMs: Date.now() - started };
}

async function stop(child, signal = 'SIGTERM') {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

async function signInWithLink(url, link) {
  const response = await fetch(url + link, { redirect: 'manual' });
  const cookie = /shanshui_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`sign-in link failed: ${response.status}`);
  return cookie;
}

const square = (i) => {
  const x = 113.0 + (i % 100) * 0.001;
  const y = 36.4 + Math.floor(i / 100) * 0.001;
  const d = 0.0005;
  return { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] };
};

async function postMeasurement(url, cookie, i) {
  const response = await fetch(`${url}/api/measurements`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'Feature', properties: { name: `bench ${i}` }, geometry: square(i), shared: true }),
  });
  if (response.status !== 201) throw new Error(`write ${response.status}: ${await response.text()}`);
  return (await response.json()).id;
}

/** 200 readers of `readUrls` and (optionally) 20 writers for `seconds`. */
async function load({ readUrls, seconds, writer }) {
  const end = Date.now() + seconds * 1000;
  const reads = [];
  const writes = [];
  let errors = 0;
  let firstError = null;
  let n = 0;
  const reader = async (k) => {
    for (let i = k; Date.now() < end; i++) {
      const t0 = performance.now();
      try {
        const response = await fetch(readUrls[i % readUrls.length]);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`read ${response.status}`);
        reads.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error.message;
      }
    }
  };
  const writeLoop = async () => {
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        await writer(n++);
        writes.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error.message;
      }
    }
  };
  await Promise.all([
    ...Array.from({ length: READERS }, (_, k) => reader(k)),
    ...(writer ? Array.from({ length: WRITERS }, () => writeLoop()) : []),
  ]);
  return { reads, writes, errors, firstError, seconds };
}

function report(label, r) {
  console.log(
    `${label}: reads ${r.reads.length} (${(r.reads.length / r.seconds).toFixed(0)}/s) p50 ${ms(percentile(r.reads, 50))} p99 ${ms(percentile(r.reads, 99))}` +
      (r.writes.length ? `; writes ${r.writes.length} (${(r.writes.length / r.seconds).toFixed(1)}/s) p50 ${ms(percentile(r.writes, 50))} p99 ${ms(percentile(r.writes, 99))}` : '') +
      `; errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ''}`,
  );
}

async function withPgDatabase(fn) {
  const { default: pg } = await import('pg');
  const name = `shanshui_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function engineRun(engine, databaseUrl) {
  const dataDir = mkdtempSync(join(tmpdir(), 'shanshui-bench-'));
  try {
    // Load.
    let server = await startServe({ dataDir, databaseUrl });
    console.log(`${engine}: server up in ${(server.startMs / 1000).toFixed(1)} s`);
    const cookie = await signInWithLink(server.url, server.link);
    const published = await fetch(`${server.url}/api/packs/changzhi/publish`, { method: 'POST', headers: { cookie } });
    if (published.status !== 201) throw new Error(`publish ${published.status}`);
    const manifestUrl = `${server.url}/packs/changzhi@1/pack.json`;
    const manifest = await (await fetch(manifestUrl)).json();
    // The manifest and its smaller layer files (what a widget loads first), not the 1 MB+ outlines.
    const readUrls = [manifestUrl, ...manifest.layers.map((l) => `${server.url}/packs/changzhi@1/${l.file}`).filter((_, i) => i > 0).slice(0, 4)];
    const result = await load({ readUrls, seconds: SECONDS, writer: (i) => postMeasurement(server.url, cookie, i) });
    report(`${engine} (${READERS} readers + ${WRITERS} writers, ${SECONDS} s)`, result);

    // kill -9 during a stream of writes.
    const acknowledged = [];
    let stopWriting = false;
    const writers = Array.from({ length: 5 }, async (_, k) => {
      for (let i = 0; !stopWriting; i++) {
        try {
          acknowledged.push(await postMeasurement(server.url, cookie, 100_000 + k * 10_000 + i));
        } catch {
          return; // the server is gone: unacknowledged writes may or may not be there
        }
      }
    });
    await new Promise((r) => setTimeout(r, 3000));
    server.child.kill('SIGKILL');
    stopWriting = true;
    await Promise.all(writers);
    await new Promise((r) => server.child.exitCode !== null ? r() : server.child.once('exit', r));
    server = await startServe({ dataDir, databaseUrl });
    const list = await (await fetch(`${server.url}/api/measurements`, { headers: { cookie } })).json();
    const present = new Set(list.map((m) => m.id));
    const lost = acknowledged.filter((id) => !present.has(id));
    console.log(`${engine} kill -9: ${acknowledged.length} acknowledged writes in 3 s, ${lost.length} missing after restart (restart ${(server.startMs / 1000).toFixed(1)} s)`);
    await stop(server.child);
    return { result, lost: lost.length };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Reference: the same readers against a bare node:http server sending the manifest from memory.
const body = readFileSync(join(ROOT, 'data', 'changzhi', 'pack.json'));
const bare = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
await new Promise((r) => bare.listen(0, '127.0.0.1', r));
const reference = await load({ readUrls: [`http://127.0.0.1:${bare.address().port}/pack.json`], seconds: Math.min(SECONDS, 10) });
bare.close();
report(`reference: bare node:http, ${READERS} readers, ${Math.min(SECONDS, 10)} s`, reference);

let failed = false;
const runs = [['pglite', undefined]];
for (const [engine] of runs) {
  const { result, lost } = await engineRun(engine);
  console.log(`${engine}: read p50 ratio to reference ${(percentile(result.reads, 50) / percentile(reference.reads, 50)).toFixed(1)}×`);
  failed ||= result.errors > 0 || lost > 0;
}
if (PG_ADMIN) {
  const { result, lost } = await withPgDatabase((url) => engineRun('postgresql', url));
  console.log(`postgresql: read p50 ratio to reference ${(percentile(result.reads, 50) / percentile(reference.reads, 50)).toFixed(1)}×`);
  failed ||= result.errors > 0 || lost > 0;
} else {
  console.log('postgresql: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
}
process.exit(failed ? 1 : 0);
