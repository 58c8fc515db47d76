// Statistics bench (issue 3): the whole `shanshui stats` process against a reference process —
// GEOS via Debian's python3-shapely (STRtree, union per kind) with GeographicLib areas via
// python3-pyproj (/work/shared/bench/ref_stats.py) — on 3,000 and 10,000 irregular zones over the
// counties. Runs alternate, the ratio of medians is printed (target ≤ 0.5), with peak memory
// (target < 1 GB) and the accuracy against a true-geodesic reference: the same GEOS process on
// copies whose every edge is densified along its geodesic (target ≤ 1e-6 relative or 1 m²), and,
// for comparison, the difference from GEOS on the raw lon/lat chords (another edge model).
// Without Python/shapely or /work/shared the reference is skipped and only our figures print.
// Env: BENCH_RUNS (default 3), BENCH_SIZES (default "3000,10000"), BENCH_REGIONS (file or
// "echarts13"), BENCH_NO_REFERENCE (time ours only).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRegions } from './lib/benchRegions.mjs';
import { densifyCollection } from './lib/densifyGeodesic.mjs';
import { makeZones } from './lib/makeZones.mjs';
import { median, timeProcess } from './lib/measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'shanshui.mjs');
const referenceDir = '/work/shared/bench';
const python = '/usr/bin/python3';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const sizes = (process.env.BENCH_SIZES ?? '3000,10000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'shanshui-bench-'));

function referenceAvailable() {
  if (process.env.BENCH_NO_REFERENCE) return 'BENCH_NO_REFERENCE is set';
  if (!existsSync(join(referenceDir, 'ref_stats.py')) || !existsSync(join(referenceDir, 'make_zones.py'))) {
    return `${referenceDir} is missing`;
  }
  try {
    execFileSync(python, ['-c', 'import shapely, pyproj'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'python3-shapely / python3-pyproj are not installed (apt-get install -y python3-shapely python3-pyproj)';
  }
}

const mb = (bytes) => (bytes === null ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);

/**
 * Largest relative difference between our per-county areas and the reference's; with `floor`
 * (m²), a pair counts only when it differs by more than that too (the "1e-6 or 1 m²").
 */
function compareAreas(ours, reference, floor = 0) {
  let worst = 0;
  let worstAbsolute = 0;
  let where = '';
  let missing = 0;
  const seen = new Set();
  for (const row of reference) {
    const region = ours.regions.find((r) => r.name === row.region);
    const area = region?.zones[row.kind]?.area_m2 ?? 0;
    seen.add(`${row.region}\u0000${row.kind}`);
    const absolute = Math.abs(area - row.area_m2);
    worstAbsolute = Math.max(worstAbsolute, absolute);
    const rel = absolute <= floor ? 0 : Math.abs(area / row.area_m2 - 1);
    if (rel > worst) {
      worst = rel;
      where = `${row.region}/${row.kind}`;
    }
  }
  for (const region of ours.regions) {
    for (const [kind, s] of Object.entries(region.zones)) {
      if (s.area_m2 > 0 && !seen.has(`${region.name}\u0000${kind}`)) missing++;
    }
  }
  return { worst, worstAbsolute, where, missing };
}

const skipped = referenceAvailable();
const regions = benchRegions(root, work);
const regionCount = JSON.parse(readFileSync(regions.file, 'utf8')).features.length;
console.log(`regions: ${regionCount} from ${regions.label}`);
if (skipped) console.log(`reference skipped: ${skipped}`);

// Warm the CLI bundle cache so the first timed run does not include the build.
await timeProcess(process.execPath, [bin, '--help']);
const startup = [];
const bare = [];
for (let i = 0; i < 5; i++) {
  bare.push((await timeProcess(process.execPath, ['-e', '0'])).seconds);
  startup.push((await timeProcess(process.execPath, [bin, '--help'])).seconds);
}
console.log(`startup: shanshui --help ${median(startup).toFixed(3)} s, bare node ${median(bare).toFixed(3)} s`);

try {
  for (const n of sizes) {
    const zonesFile = join(work, `zones-${n}.geojson`);
    if (skipped) writeFileSync(zonesFile, JSON.stringify(makeZones(n, 1)));
    else execFileSync(python, [join(referenceDir, 'make_zones.py'), String(n), '1', zonesFile]);
    const ours = [];
    const theirs = [];
    let oursPeak = 0;
    let theirsPeak = 0;
    let result = null;
    let reference = null;
    for (let i = 0; i < runs; i++) {
      const run = await timeProcess(process.execPath, [bin, 'stats', '--regions', regions.file, '--zones', zonesFile, '--json']);
      if (run.code !== 0) throw new Error(`shanshui stats failed: ${run.stderr}`);
      ours.push(run.seconds);
      oursPeak = Math.max(oursPeak, run.peak ?? 0);
      result ??= JSON.parse(run.stdout);
      if (skipped) continue;
      const ref = await timeProcess(python, ['-W', 'ignore', join(referenceDir, 'ref_stats.py'), regions.file, zonesFile]);
      if (ref.code !== 0) throw new Error(`reference failed: ${ref.stderr}`);
      theirs.push(ref.seconds);
      theirsPeak = Math.max(theirsPeak, ref.peak ?? 0);
      reference ??= JSON.parse(ref.stdout);
    }
    const line = [`${regionCount} counties × ${n} zones: shanshui stats ${median(ours).toFixed(2)} s, peak ${mb(oursPeak || null)}`];
    if (!skipped) {
      // Accuracy against the true-geodesic reference (issue 18): the same GEOS + GeographicLib
      // process on copies whose every edge is densified along its geodesic (≤ 100 m pieces).
      const denseRegions = join(work, 'regions-dense.geojson');
      const denseZones = join(work, `zones-${n}-dense.geojson`);
      writeFileSync(denseRegions, JSON.stringify(densifyCollection(JSON.parse(readFileSync(regions.file, 'utf8')))));
      writeFileSync(denseZones, JSON.stringify(densifyCollection(JSON.parse(readFileSync(zonesFile, 'utf8')))));
      const geodesic = JSON.parse(
        execFileSync(python, ['-W', 'ignore', join(referenceDir, 'ref_stats.py'), denseRegions, denseZones], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
      );
      const g = compareAreas(result, geodesic);
      const beyond = compareAreas(result, geodesic, 1);
      line.push(
        `vs true-geodesic reference (GEOS on edges densified along the geodesic + GeographicLib): worst ${g.worst.toExponential(2)} relative at ${g.where}, ` +
          `worst ${g.worstAbsolute.toFixed(3)} m²; beyond 1 m²: worst ${beyond.worst.toExponential(2)} (target ≤ 1e-6 or 1 m²)`,
      );
      const { worst, where, missing } = compareAreas(result, reference);
      line.push(
        `reference ${median(theirs).toFixed(2)} s, peak ${mb(theirsPeak || null)}`,
        `ratio ${(median(ours) / median(theirs)).toFixed(2)} (target ≤ 0.5)`,
        `vs the same process on the raw chords (GEOS's straight lon/lat edges, a different edge model): worst ${worst.toExponential(2)} at ${where}` +
          (missing ? `, ${missing} region/kind pairs the reference does not list` : ''),
      );
    }
    console.log(line.join('\n  '));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
