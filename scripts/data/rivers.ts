/**
 * River base lines from GSHHG/WDBII (Debian gmt-gshhg-full, `gmt coast -Ia -Df -M`), joined across
 * GSHHG's 1° bins, clipped to the city and named. WDBII carries no names: each reach is named by
 * the chain that passes closest to the anchor places the written sources give (county seats,
 * reservoirs on the river), see meta/river-names.ts.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { LineClipper, pointInPolygons, type Rings } from './lib/clip-line.ts';
import { debianPackageVersion, gmt, parseGmtSegments } from './lib/gmt.ts';
import { simplifyLine } from './lib/simplify.ts';
import { GSHHG_REACHES, JUNCTION_SPLIT, type ReachMeta } from './meta/river-names.ts';

interface Chain {
  level: number;
  points: Position[];
}

/** GSHHG/WDBII river levels (GMT documentation of `coast -I`). */
const LEVEL_DESCRIPTION: Record<number, string> = {
  1: 'double-lined river',
  2: 'permanent major river',
  3: 'additional major river',
  4: 'additional river',
};

/** Two chain ends closer than this (degrees) are the same point split by GSHHG's bins. */
const JOIN_TOLERANCE_DEG = 0.005;
/** Douglas–Peucker tolerance; GSHHG full resolution is far denser than a city map needs. */
const SIMPLIFY_METRES = 25;

function distDeg(a: Position, b: Position): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]);
}

function joinChains(chains: Chain[]): Chain[] {
  const list = chains.map((c) => ({ level: c.level, points: c.points.slice() }));
  for (let merged = true; merged; ) {
    merged = false;
    search: for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < list.length; j++) {
        if (i === j || list[i].level !== list[j].level) continue;
        const a = list[i].points;
        const b = list[j].points;
        const aEnd = a[a.length - 1];
        let joined: Position[] | null = null;
        if (distDeg(aEnd, b[0]) < JOIN_TOLERANCE_DEG) joined = a.concat(b.slice(1));
        else if (distDeg(aEnd, b[b.length - 1]) < JOIN_TOLERANCE_DEG) joined = a.concat(b.slice(0, -1).reverse());
        if (joined) {
          list[i].points = joined;
          list.splice(j, 1);
          merged = true;
          break search;
        }
      }
    }
  }
  return list;
}

function nearestIndex(line: Position[], p: Position): { index: number; dist: number } {
  let best = { index: 0, dist: Infinity };
  line.forEach((q, i) => {
    const d = distDeg(p, q);
    if (d < best.dist) best = { index: i, dist: d };
  });
  return best;
}

export interface RiverBase {
  features: Feature[];
  /** Named base lines (before simplification) so schematic tributaries can end exactly on them. */
  lines: Map<string, Position[]>;
}

/**
 * `junctionCounty`: the county the sources put the 南源 junction in (合河口, 襄垣县). GSHHG's own
 * junction vertex can fall a few hundred metres across a county border (its lines are offset by
 * that much); the split then moves upstream to the nearest vertex inside the named county.
 */
export function gshhgRivers(city: Polygon | MultiPolygon, bbox: [number, number, number, number], junctionCounty?: Polygon | MultiPolygon): RiverBase {
  const [w, s, e, n] = bbox;
  const region = `-R${w}/${e}/${s}/${n}`;
  const segments = parseGmtSegments(gmt(['coast', region, '-Ia', '-Df', '-M']));
  const chains = joinChains(
    segments.map((seg) => {
      const m = /Level (\d+)/.exec(seg.header);
      if (!m) throw new Error(`unexpected GSHHG segment header "${seg.header}"`);
      return { level: Number(m[1]), points: seg.points };
    }),
  );
  const clipper = new LineClipper(city.type === 'Polygon' ? [city.coordinates] : city.coordinates);
  const pieces = chains.flatMap((c) => clipper.clip(c.points).map((points) => ({ level: c.level, points })));

  const version = debianPackageVersion('gmt-gshhg-full');
  const lines = new Map<string, { reach: ReachMeta; level: number; points: Position[] }>();
  for (const reach of GSHHG_REACHES) {
    let best: { piece: (typeof pieces)[number]; dist: number } | null = null;
    for (const piece of pieces) {
      if (piece.level !== reach.level) continue;
      const d = Math.max(...reach.anchors.map((a) => nearestIndex(piece.points, a.at).dist));
      if (!best || d < best.dist) best = { piece, dist: d };
    }
    if (!best || best.dist > reach.maxAnchorDistanceDeg) {
      throw new Error(`GSHHG: no level-${reach.level} river passes near the anchors of ${reach.name}`);
    }
    lines.set(reach.name, { reach, level: best.piece.level, points: best.piece.points });
  }

  // Split the level-2 Zhuozhang chain where the south source (level 3) joins it.
  const split = lines.get(JUNCTION_SPLIT.chain);
  const tributary = lines.get(JUNCTION_SPLIT.tributary);
  if (!split || !tributary) throw new Error('river junction split: reaches missing');
  const mouth = tributary.points[tributary.points.length - 1];
  const at = nearestIndex(split.points, mouth);
  if (at.dist > 0.01) throw new Error(`${JUNCTION_SPLIT.tributary} does not end on ${JUNCTION_SPLIT.chain} (${at.dist}°)`);
  if (junctionCounty) {
    const rings = (junctionCounty.type === 'Polygon' ? [junctionCounty.coordinates] : junctionCounty.coordinates) as Rings[];
    while (at.index > 0 && !pointInPolygons(split.points[at.index], rings)) at.index--;
    if (!pointInPolygons(split.points[at.index], rings)) throw new Error(`${JUNCTION_SPLIT.chain}: no vertex upstream of the junction lies in ${JUNCTION_SPLIT.county}`);
  }
  const upstream = split.points.slice(0, at.index + 1);
  const downstream = split.points.slice(at.index);
  lines.delete(JUNCTION_SPLIT.chain);
  lines.set(JUNCTION_SPLIT.upstream.name, { reach: JUNCTION_SPLIT.upstream, level: split.level, points: upstream });
  lines.set(JUNCTION_SPLIT.downstream.name, { reach: JUNCTION_SPLIT.downstream, level: split.level, points: downstream });
  // The tributary ends where it meets the main river.
  tributary.points = tributary.points.slice(0, -1).concat([split.points[at.index]]);

  const features: Feature[] = [];
  const named = new Map<string, Position[]>();
  for (const { reach, level, points } of [...lines.values()].sort((a, b) => a.reach.order - b.reach.order)) {
    named.set(reach.name, points);
    const simplified = simplifyLine(points, SIMPLIFY_METRES);
    features.push({
      type: 'Feature',
      properties: {
        name: reach.name,
        name_en: reach.name_en,
        basin: reach.basin,
        source:
          `Debian gmt-gshhg-full ${version ?? '(version unknown)'} (GSHHG 2.3.7 WDBII rivers, LGPL-3+), ` +
          `gmt coast ${region} -Ia -Df -M, level ${level} (${LEVEL_DESCRIPTION[level] ?? 'river'}), clipped to the city`,
        name_basis: reach.nameSource,
        precision: 'published',
        plan_ref: reach.plan_ref,
      },
      geometry: { type: 'LineString', coordinates: simplified },
    });
  }
  return { features, lines: named };
}
