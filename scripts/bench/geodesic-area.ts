// Area bench (issue 3): accuracy of geodesicArea against GeographicLib's exact polygon area
// (target: every case ≤ 1e-6) and its time against @turf/area on the same features (target ≤ 5×).
// "first call" includes the full validation of a geometry never seen before (self-intersection
// check); "again" is a geometry validated before and unchanged (the check is remembered).
// Runs itself again with a single-threaded garbage collector: times are CPU times of the process,
// and V8's background GC threads would otherwise bill their work to whichever pass runs next.
import turfArea from '@turf/area';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { geodesicArea } from '../../src/geo/geodesicArea.ts';
import { circumradius, geodesicStar, referencePolygonArea, referenceRingArea, seededRandom } from '../../src/geo/testing/geographiclibReference.ts';
import { makeZones } from './lib/makeZones.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

if (!process.execArgv.includes('--single-threaded-gc')) {
  const args = ['--single-threaded-gc', '--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

// --- accuracy ---
const random = seededRandom(123);
let worst = 0;
let worstCase = '';
let cases = 0;
for (const edge of [30, 300, 3_000, 30_000, 100_000, 300_000, 1_000_000]) {
  for (let k = 0; k < 60; k++) {
    const lat = random() * 60;
    const corners = 3 + (k % 4);
    const squash = edge >= 300 && k % 3 === 0 ? 0.2 : 1;
    const ring = geodesicStar(75 + random() * 60, lat, circumradius(edge, corners), corners, random() * 360, squash);
    const rel = Math.abs(geodesicArea({ type: 'Polygon', coordinates: [ring] }) / referenceRingArea(ring) - 1);
    cases++;
    if (rel > worst) {
      worst = rel;
      worstCase = `${corners} corners, ${edge} m edges${squash < 1 ? ' (star)' : ''} at ${lat.toFixed(1)}°`;
    }
  }
}
console.log(`accuracy: ${cases} polygons from 30 m to 1,000 km edges at 0–60°: worst ${worst.toExponential(2)} vs GeographicLib (${worstCase}); target ≤ 1e-6`);

// --- speed ---
type Areal = Feature<Polygon | MultiPolygon>;
const countiesFile = join(root, 'data', 'changzhi', 'counties.geojson');
const sets: Array<[string, Areal[]]> = [['3,000 zones (50–300 vertices)', (makeZones(3000, 7) as FeatureCollection).features as Areal[]]];
if (existsSync(countiesFile)) {
  sets.unshift(['Changzhi counties', (JSON.parse(readFileSync(countiesFile, 'utf8')) as FeatureCollection).features as Areal[]]);
}

// A full collection before each timed pass, so that collecting the copies made for `fresh`
// passes is not billed to the function timed.
const collectGarbage = (globalThis as unknown as { gc: () => void }).gc;

/** CPU time (ms) of one pass of fn over every input (inputs: `reps` copies of the features). */
function pass(inputs: Array<Array<Polygon | MultiPolygon>>, fn: (g: Polygon | MultiPolygon) => number): number {
  let sink = 0;
  collectGarbage();
  // CPU time of this process, not wall time: steadier on a machine shared with other jobs.
  const start = process.cpuUsage();
  for (const input of inputs) for (const g of input) sink += fn(g);
  const used = process.cpuUsage(start);
  if (!Number.isFinite(sink)) throw new Error('bad area');
  return (used.user + used.system) / 1000 / inputs.length;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [label, features] of sets) {
  const vertices = features.reduce((s, f) => s + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
  const geometries = features.map((f) => f.geometry);
  const text = geometries.map((g) => JSON.stringify(g));
  // "first call": every pass gets new geometry objects, as a first-seen geometry comes: parsed
  // from JSON (copies made outside the timing; structuredClone would box every number, which
  // JSON.parse does not). "again": the same objects, validated before.
  const fresh = (reps: number): Array<Array<Polygon | MultiPolygon>> =>
    Array.from({ length: reps }, () => text.map((t) => JSON.parse(t) as Polygon | MultiPolygon));
  const same = (reps: number): Array<Array<Polygon | MultiPolygon>> => Array.from({ length: reps }, () => geometries);
  // Warm both up, then enough passes per round for ~20 ms of turf.area.
  for (let i = 0; i < 5; i++) {
    pass(same(20), (g) => turfArea(g));
    pass(fresh(20), (g) => geodesicArea(g));
  }
  const reps = Math.max(1, Math.ceil(20 / Math.max(pass(same(50), (g) => turfArea(g)), 0.001)));
  // The three alternate within each round, and each round gives its own ratios: the machine's
  // load drifts, and it drifts for all three alike.
  const turf: number[] = [];
  const again: number[] = [];
  const first: number[] = [];
  const againRatio: number[] = [];
  const firstRatio: number[] = [];
  const geographiclibRatio: number[] = [];
  // GeographicLib's PolygonArea (exact, no validation) on the same rings: what the hand-written
  // area buys over the library it is checked against.
  const polygonArea = (g: Polygon | MultiPolygon): number =>
    (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce((sum, rings) => sum + referencePolygonArea(rings), 0);
  for (let round = 0; round < 15; round++) {
    const t = pass(same(reps), (g) => turfArea(g));
    if (round % 3 === 0) geographiclibRatio.push(pass(same(Math.max(1, Math.ceil(reps / 10))), polygonArea) / t);
    const a = pass(same(reps), (g) => geodesicArea(g));
    const f = pass(fresh(reps), (g) => geodesicArea(g));
    turf.push(t);
    again.push(a);
    first.push(f);
    againRatio.push(a / t);
    firstRatio.push(f / t);
  }
  console.log(
    `${label}, ${features.length} features, ~${vertices} vertices (medians of 15 rounds): turf.area ${median(turf).toFixed(3)} ms; ` +
      `geodesicArea again ${median(again).toFixed(3)} ms (ratio ${median(againRatio).toFixed(2)}), ` +
      `first call ${median(first).toFixed(3)} ms (ratio ${median(firstRatio).toFixed(2)}); target ≤ 5; ` +
      `GeographicLib PolygonArea ratio ${median(geographiclibRatio).toFixed(1)} (no validation)`,
  );
}
