import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { coveredArea, zoneGroup, type ZoneGroup } from './coveredArea.ts';
import { fallbackOverlapArea } from './fallbackOverlapArea.ts';
import { preparePolygon, type PreparedPolygon } from './preparedPolygon.ts';

export interface ZoneShape {
  coordinates: Position[][][];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface MergedZones {
  /** Zones (by index) that belong to a group. */
  merged: Set<number>;
  /** One group per set of zones whose interiors overlap (directly or through others). */
  groups: ZoneGroup[];
  /** Pairs whose overlap the boundary integral could not decide (measured by Clipper). */
  fallbackPairs: number;
}

/**
 * Finds zones whose interiors overlap and gathers each connected set into a `zoneGroup` (its
 * union is measured by Clipper), so that overlapping zones count once. Zones
 * that merely touch (shared edges or vertices) stay apart: their areas add up exactly. Only zones
 * whose boxes meet are compared.
 */
export function mergeOverlappingZones(zones: ZoneShape[]): MergedZones {
  const result: MergedZones = { merged: new Set(), groups: [], fallbackPairs: 0 };
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
      const a = prepare(i);
      const b = prepare(j);
      let area = coveredArea(b, null, a);
      if (area === null) {
        area = fallbackOverlapArea(a, b);
        result.fallbackPairs++;
      }
      // Touching zones leave only rounding; overlapping ones a real area.
      if (area > 1e-9 * Math.min(a.area, b.area)) parent[root(j)] = root(i);
    }
    // Zone i is never compared again (later zones only meet higher indexes): its prepared form
    // goes (a zone that ends up in a group is prepared again below), rather than every zone's
    // staying in memory until the end.
    prepared.delete(i);
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < zones.length; i++) {
    const r = root(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  for (const list of members.values()) {
    if (list.length < 2) continue;
    for (const m of list) result.merged.add(m);
    result.groups.push(zoneGroup(list.map(prepare)));
  }
  return result;
}
