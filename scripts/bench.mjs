#!/usr/bin/env node
// `npm run bench [-- NAME…]`: runs every bench in scripts/bench/ (*.mjs, *.ts; helpers live in
// scripts/bench/lib/), one process each, in name order. NAME filters by substring. Each bench
// prints its figures as ratios against a reference measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const filters = process.argv.slice(2);
const benches = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isFile() && /\.(mjs|ts)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
  .map((e) => e.name)
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
if (benches.length === 0) {
  console.error(`no bench matches ${filters.join(' ')} in ${dir}`);
  process.exit(2);
}
let failed = 0;
for (const name of benches) {
  console.log(`\n=== ${name} ===`);
  const args = name.endsWith('.ts') ? ['--import', 'tsx', join(dir, name)] : [join(dir, name)];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.log(`!!! ${name} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
