/**
 * Helpers for the importer's tests (not used by the app): read fixtures, import them, and compare
 * coordinates with ogr2ogr's WGS84 output of the same file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { forEachPosition } from './geometry.ts';

export const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/import/', import.meta.url));

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + path));
}

export function fixtureInput(path: string): { name: string; bytes: Uint8Array } {
  return { name: path.split('/').pop()!, bytes: fixtureBytes(path) };
}

export function referenceLayer(name: string): FeatureCollection {
  return JSON.parse(readFileSync(`${FIXTURES}ref/${name}.wgs84.geojson`, 'utf8')) as FeatureCollection;
}

/** Number of rings/lines/points of a geometry (what a reader could get wrong besides coordinates). */
export function partCount(g: Geometry | null): number {
  if (!g) return 0;
  switch (g.type) {
    case 'Point':
      return 1;
    case 'MultiPoint':
      return g.coordinates.length;
    case 'LineString':
      return 1;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.length;
    case 'MultiPolygon':
      return g.coordinates.reduce((n, p) => n + p.length, 0);
    case 'GeometryCollection':
      return g.geometries.reduce((n, p) => n + partCount(p), 0);
  }
}

export function sortedPositions(g: Geometry | null): Position[] {
  const out: Position[] = [];
  if (g) forEachPosition(g, (p) => out.push([p[0], p[1]]));
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * Largest coordinate difference (degrees) between two features' vertex sets, or Infinity when
 * they differ in vertex or part count. Vertex order and ring orientation are ignored (readers
 * differ there legitimately): each vertex is matched to the nearest unmatched one.
 */
export function maxVertexDifference(a: Feature | undefined, b: Feature | undefined): number {
  if (!a || !b) return Infinity;
  const pa = sortedPositions(a.geometry);
  const pb = sortedPositions(b.geometry);
  if (pa.length !== pb.length || partCount(a.geometry) !== partCount(b.geometry)) return Infinity;
  const used = new Uint8Array(pb.length);
  let max = 0;
  for (const p of pa) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < pb.length; j++) {
      if (used[j]) continue;
      const d = Math.max(Math.abs(p[0] - pb[j][0]), Math.abs(p[1] - pb[j][1]));
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    used[best] = 1;
    max = Math.max(max, bestD);
  }
  return max;
}

/** Largest difference over all features, matched by order. */
export function maxLayerDifference(ours: FeatureCollection<Geometry | null>, reference: FeatureCollection): number {
  if (ours.features.length !== reference.features.length) return Infinity;
  let max = 0;
  for (let i = 0; i < ours.features.length; i++) max = Math.max(max, maxVertexDifference(ours.features[i] as Feature, reference.features[i]));
  return max;
}
