// Area bench (issue 3): accuracy of geodesicArea against GeographicLib's exact polygon area
// (target: every case ≤ 1e-6) and its time against @turf/area on the same features (target ≤ 5×).
// "first call" includes the full validation of a geometry never seen before (self-intersection
// sweep); "again" is a geometry validated before and unchanged (the check is remembered).
import turfArea from '@turf/area';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geodesicArea } from '../../src/geo/geodesicArea.ts';
import { circumradius, geodesicStar, referenceRingArea, seededRandom } from '../../src/geo/testing/geographiclibReference.ts';
import { makeZones } from './lib/makeZones.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

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

/**
 * Median over `rounds` of the CPU time (ms) for one pass of fn over all features; each round repeats
 * the pass `reps` times so that small sets are not lost in timer noise. `fresh` gives every pass
 * new geometry objects (deep copies made outside the timing).
 */
function time(features: Areal[], fn: (g: Polygon | MultiPolygon) => number, rounds: number, reps: number, fresh: boolean): number {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const inputs = Array.from({ length: reps }, () => (fresh ? features.map((f) => structuredClone(f.geometry)) : features.map((f) => f.geometry)));
    // CPU time of this process, not wall time: steadier on a machine shared with other jobs.
    const start = process.cpuUsage();
    for (const input of inputs) for (const g of input) sink += fn(g);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000 / reps);
  }
  if (!Number.isFinite(sink)) throw new Error('bad area');
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

for (const [label, features] of sets) {
  const vertices = features.reduce((s, f) => s + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
  // Enough passes per round for ~20 ms of turf.area; warm up both, then alternate.
  const probe = time(features, (g) => turfArea(g), 3, 1, false);
  const reps = Math.max(1, Math.ceil(20 / Math.max(probe, 0.01)));
  time(features, (g) => geodesicArea(g), 3, reps, false);
  const rounds = 11;
  const turf = time(features, (g) => turfArea(g), rounds, reps, false);
  const again = time(features, (g) => geodesicArea(g), rounds, reps, false);
  const first = time(features, (g) => geodesicArea(g), rounds, reps, true);
  const turf2 = time(features, (g) => turfArea(g), rounds, reps, false);
  const t = Math.min(turf, turf2);
  console.log(
    `${label}, ${features.length} features, ~${vertices} vertices: turf.area ${t.toFixed(2)} ms; ` +
      `geodesicArea again ${again.toFixed(2)} ms (ratio ${(again / t).toFixed(2)}), ` +
      `first call ${first.toFixed(2)} ms (ratio ${(first / t).toFixed(2)}); target ≤ 5`,
  );
}
