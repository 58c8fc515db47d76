// Measuring tool (issue 6): what a finished shape and a pointer move cost, on the default pack.
// - Breakdown (area per county + overlap with each zone layer and zone) of typical shapes, first
//   call and warmed up, against the shape's own final figure (geodesicArea) in the same run. The
//   app runs the breakdown in a worker once per finished or edited shape; this says why (a first
//   call over 30 ms would be a long task on the main thread).
// - Live figures of a 500-vertex freehand ring (what runs once per animation frame while drawing)
//   against geodesicArea of the same ring: the validation for the crossing warning is the cost.
// Env: BENCH_RUNS (default 15).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { geodesicArea } from '../../src/geo/geodesicArea.ts';
import { measurementBreakdown, prepareBreakdownContext } from '../../src/measure/breakdown.ts';
import { liveFigures } from '../../src/measure/liveFigures.ts';
import type { PackManifest } from '../../src/pack/types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const dir = join(root, 'data', 'changzhi');
const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as PackManifest;
const layers = manifest.layers.map((l) => ({ id: l.id, title: l.title, role: l.role, data: JSON.parse(readFileSync(join(dir, l.file), 'utf8')) as FeatureCollection }));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

/** A hand-drawn-like ring: r(θ) = r0·(1 + 0.3 sin 9θ) around a centre, n vertices. */
function flowerRing(lon: number, lat: number, r0: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    const r = r0 * (1 + 0.3 * Math.sin(9 * t));
    ring.push([lon + (r * Math.cos(t)) / Math.cos((lat * Math.PI) / 180), lat + r * Math.sin(t)]);
  }
  ring.push(ring[0]);
  return ring;
}

const shangdang = layers.find((l) => l.id === 'counties')!.data.features.find((f) => f.properties?.name === '上党区')!.geometry as MultiPolygon;
const shapes: Array<[string, Polygon | MultiPolygon | LineString]> = [
  ['4-vertex plot across 7 counties', { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.2, 36.1], [113.2, 36.3], [113.0, 36.3], [113.0, 36.1]]] }],
  ['500-vertex freehand over the spring zones', { type: 'Polygon', coordinates: [flowerRing(113.3, 36.4, 0.08, 500)] }],
  ['measure this: 上党区 (MultiPolygon, 340 vertices)', shangdang],
  ['3-point line, 60 km', { type: 'LineString', coordinates: [[112.75, 36.3], [113.05, 36.22], [113.3, 36.35]] }],
];

let t0 = performance.now();
const context = prepareBreakdownContext(layers);
console.log(`measure-breakdown: preparing the pack's regions ${(performance.now() - t0).toFixed(1)} ms (once per pack, in the worker)`);

for (const [label, geometry] of shapes) {
  const first = time(() => measurementBreakdown(geometry, context));
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(time(() => measurementBreakdown(geometry, context)));
  let reference = NaN;
  if (geometry.type !== 'LineString') {
    const refs: number[] = [];
    for (let i = 0; i < RUNS; i++) refs.push(time(() => geodesicArea(structuredClone(geometry))));
    reference = median(refs);
  }
  const ratio = Number.isFinite(reference) ? `, ${(median(warm) / reference).toFixed(0)}× its geodesicArea (${reference.toFixed(2)} ms)` : '';
  console.log(`measure-breakdown: ${label}: first call ${first.toFixed(1)} ms, warmed ${median(warm).toFixed(1)} ms${ratio}`);
}

// Live figures per animation frame while drawing a 500-vertex freehand shape.
const ring = flowerRing(112.2, 36.86, 0.05, 500);
const live: number[] = [];
const area: number[] = [];
for (let i = 0; i < RUNS * 20; i++) {
  // Fresh arrays each time, as terra-draw hands over a new copy of the shape every frame.
  const g: Polygon = { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] };
  live.push(time(() => liveFigures(g)));
  const h: Polygon = { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] };
  area.push(time(() => geodesicArea(h)));
}
t0 = median(live);
console.log(
  `measure-live: figures of a 500-vertex ring per frame ${(t0 * 1000).toFixed(0)} µs median, ${(t0 / median(area)).toFixed(2)}× geodesicArea of it (${(median(area) * 1000).toFixed(0)} µs); budget per frame 16,700 µs`,
);
