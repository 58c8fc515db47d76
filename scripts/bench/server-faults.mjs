#!/usr/bin/env node
// PostgreSQL restarted under a running `shanshui serve`: while it is down, writes must fail with a
// clear 503 (never hang, never a false 201); afterwards the same server process must recover
// without a restart, and every acknowledged write must be there. Needs the throwaway cluster of
// scripts/ci/postgres-cluster.sh (TEST_DATABASE_URL and TEST_PG_DIR); skipped otherwise.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const { TEST_DATABASE_URL: ADMIN, TEST_PG_DIR: PG_DIR } = process.env;
if (!ADMIN || !PG_DIR) {
  console.log('skipped: needs TEST_DATABASE_URL and TEST_PG_DIR (source scripts/ci/postgres-cluster.sh)');
  process.exit(0);
}
const ROOT = resolve(import.meta.dirname, '..', '..');
const pgCtl = (...args) => {
  const command = ['/usr/lib/postgresql/15/bin/pg_ctl', '-D', join(PG_DIR, 'data'), '-w', ...args];
  execFileSync(process.getuid() === 0 ? 'runuser' : command[0], process.getuid() === 0 ? ['-u', 'postgres', '--', ...command] : command.slice(1), { stdio: 'ignore' });
};
const { default: pg } = await import('pg');
const name = `shanshui_faults_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const url = Object.assign(new URL(ADMIN), { pathname: `/${name}` }).toString();

const port = await new Promise((r) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const child = spawn(process.execPath, [join(ROOT, 'bin', 'shanshui.mjs'), 'serve', '--dev', '--port', String(port), '--data', mkdtempSync(join(tmpdir(), 'ss-'))], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: url },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (c) => (out += c));
while (!/Shanshui: /.test(out)) await new Promise((r) => setTimeout(r, 100));
const base = `http://127.0.0.1:${port}`;
const link = /(\/api\/session\/link\?token=\S+)/.exec(out)[1];
const cookie = /shanshui_session=[^;]+/.exec((await fetch(base + link, { redirect: 'manual' })).headers.get('set-cookie'))[0];

const acknowledged = [];
const failures = new Map();
let slowest = 0;
let stop = false;
let i = 0;
const writer = async () => {
  while (!stop) {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/measurements`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[113, 36.5], [113.001, 36.5], [113.001, 36.501], [113, 36.5]]] }, n: i++ }),
    }).catch((e) => ({ status: 0, json: async () => ({ message: e.message }) }));
    slowest = Math.max(slowest, performance.now() - t0);
    if (r.status === 201) acknowledged.push((await r.json()).id);
    else {
      const message = (await r.json()).message;
      failures.set(`${r.status} ${message.slice(0, 90)}`, (failures.get(`${r.status} ${message.slice(0, 90)}`) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
};
const writers = Array.from({ length: 5 }, writer);
await new Promise((r) => setTimeout(r, 2000));
const before = acknowledged.length;
const t0 = Date.now();
pgCtl('-m', 'fast', 'stop');
await new Promise((r) => setTimeout(r, 3000));
// The same options as scripts/ci/postgres-cluster.sh started it with.
pgCtl('-l', join(PG_DIR, 'log'), '-o', `-c listen_addresses=127.0.0.1 -p ${new URL(ADMIN).port} -k ${PG_DIR} -c fsync=off`, 'start');
const downMs = Date.now() - t0;
const atRestart = acknowledged.length;
let recoveredMs = null;
while (recoveredMs === null && Date.now() - t0 < 60_000) {
  await new Promise((r) => setTimeout(r, 100));
  if (acknowledged.length > atRestart) recoveredMs = Date.now() - t0 - downMs;
}
await new Promise((r) => setTimeout(r, 2000));
stop = true;
await Promise.all(writers);
const listResponse = await fetch(`${base}/api/measurements`, { headers: { cookie } });
const listed = new Set(listResponse.status === 200 ? (await listResponse.json()).map((m) => m.id) : []);
const lost = acknowledged.filter((id) => !listed.has(id)).length;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const cleanup = new pg.Client({ connectionString: ADMIN });
await cleanup.connect();
await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await cleanup.end();

console.log(`PostgreSQL down ${(downMs / 1000).toFixed(1)} s under a running server: ${before} writes before, ${acknowledged.length} acknowledged in all, ${lost} missing`);
console.log(`refused meanwhile: ${[...failures].map(([k, n]) => `${n}× ${k}`).join('; ') || 'none'}`);
console.log(`recovered ${recoveredMs === null ? 'NOT within 60 s' : `${(recoveredMs / 1000).toFixed(1)} s after the restart`}, same server process; slowest request ${(slowest / 1000).toFixed(1)} s`);
process.exit(lost === 0 && recoveredMs !== null ? 0 : 1);
