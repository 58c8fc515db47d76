import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import polygonClipping, { type Geom } from 'polygon-clipping';
import { indexEdges } from './edgeIndex.ts';
import { fallbackOverlapArea } from './fallbackOverlapArea.ts';
import { overlapArea } from './overlapArea.ts';
import { preparePolygon, type PreparedPolygon } from './preparedPolygon.ts';
import { restoreCollinearVertices } from './restoreCollinearVertices.ts';

export interface ZoneShape {
  coordinates: Position[][][];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface MergedZones {
  /** Zones (by index) absorbed into a union. */
  merged: Set<number>;
  /** One union per group of overlapping zones. */
  unions: PreparedPolygon[];
}

/**
 * Finds zones whose interiors overlap and unites each such group, so that overlapping zones count
 * once. Zones that merely touch (shared edges or vertices) stay separate: their areas add up
 * exactly. Only zones whose boxes meet are examined, and only groups that really overlap go
 * through polygon-clipping's union.
 */
export function mergeOverlappingZones(zones: ZoneShape[]): MergedZones {
  const result: MergedZones = { merged: new Set(), unions: [] };
  if (zones.length < 2) return result;
  const boxes = new Flatbush(zones.length);
  for (const z of zones) boxes.add(z.minX, z.minY, z.maxX, z.maxY);
  boxes.finish();
  const parent = zones.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const prepared = new Map<number, PreparedPolygon>();
  const prepare = (i: number): PreparedPolygon => {
    let p = prepared.get(i);
    if (!p) prepared.set(i, (p = preparePolygon(zones[i].coordinates)));
    return p;
  };
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i];
    for (const j of boxes.search(z.minX, z.minY, z.maxX, z.maxY)) {
      if (j <= i || root(i) === root(j)) continue;
      if (interiorsOverlap(prepare(i), prepare(j))) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < zones.length; i++) {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(i);
    else groups.set(r, [i]);
  }
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (const m of members) result.merged.add(m);
    const [first, ...rest] = members.map((m) => zones[m].coordinates as Geom);
    const union = polygonClipping.union(first, ...rest);
    result.unions.push(preparePolygon(restoreCollinearVertices(union, members.map(prepare))));
  }
  return result;
}

function interiorsOverlap(a: PreparedPolygon, b: PreparedPolygon): boolean {
  const area = overlapArea(a, b, indexEdges(b)) ?? fallbackOverlapArea(a, b);
  // polygon-clipping leaves no area for shared edges; allow for rounding in the boundary integral.
  return area > 1e-9 * Math.min(a.area, b.area);
}
