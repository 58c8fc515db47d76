import type { Geometry, Position } from 'geojson';
import { findRingCrossings, type RingTouch } from './findRingCrossings.ts';
import { FlatRings } from './flatRings.ts';
import { isStarShapedRing } from './isStarShapedRing.ts';
import type { GeometryIssue } from './GeometryError.ts';
import { pointInRing } from './pointInRing.ts';

export type GeometryType = Geometry['type'];

export interface ValidateOptions {
  /** Geometry types the caller can use; others are reported as `unsupported-geometry`. */
  accept?: readonly GeometryType[];
  /** Label of the input (e.g. 'zones') copied into each issue. */
  layer?: string;
  /** Most issues reported for one geometry (default 5). */
  limit?: number;
  /** Receives the rings of a valid (Multi)Polygon, so area code need not copy them again. */
  into?: FlatRings;
}

const scratch = new FlatRings();

const ALL_SIMPLE_TYPES: readonly GeometryType[] = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
];

/**
 * Everything that would make an area, length or overlay of this geometry wrong: missing or
 * unsupported geometry, malformed / NaN / out-of-range coordinates, rings that are too short or not
 * closed, edges jumping across the antimeridian, self-intersecting or mutually crossing rings,
 * holes outside their shell or inside another hole, and MultiPolygon parts that overlap.
 * Returns an empty list for a valid geometry.
 */
export function validateGeometry(
  geometry: Geometry | null | undefined,
  featureIndex = 0,
  options: ValidateOptions = {},
): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const limit = options.limit ?? 5;
  const add = (issue: Omit<GeometryIssue, 'featureIndex'>): void => {
    if (issues.length < limit) {
      issues.push({ featureIndex, ...issue, ...(options.layer ? { layer: options.layer } : {}) });
    }
  };
  if (geometry == null || typeof geometry !== 'object') {
    add({ code: 'missing-geometry', detail: 'feature has no geometry' });
    return issues;
  }
  const accept = options.accept ?? ALL_SIMPLE_TYPES;
  const type = (geometry as { type?: unknown }).type;
  if (typeof type !== 'string' || !accept.includes(type as GeometryType)) {
    add({
      code: 'unsupported-geometry',
      detail: `geometry type ${String(type)} is not one of ${accept.join(', ')}`,
      geometryType: String(type),
    });
    return issues;
  }
  const coords = (geometry as { coordinates?: unknown }).coordinates;
  switch (type) {
    case 'Point':
      checkPosition(coords, add, {});
      break;
    case 'MultiPoint':
      if (checkArray(coords, 1, add, {})) {
        (coords as unknown[]).forEach((p, part) => checkPosition(p, add, { part }));
      }
      break;
    case 'LineString':
      checkLine(coords, add, {});
      break;
    case 'MultiLineString':
      if (checkArray(coords, 1, add, {})) {
        (coords as unknown[]).forEach((line, part) => checkLine(line, add, { part }));
      }
      break;
    case 'Polygon':
      checkPolygons([coords], coords, false, add, limit, options.into ?? scratch);
      break;
    case 'MultiPolygon':
      if (checkArray(coords, 1, add, {})) {
        checkPolygons(coords as unknown[], coords, true, add, limit, options.into ?? scratch);
      }
      break;
  }
  return issues;
}

type Add = (issue: Omit<GeometryIssue, 'featureIndex'>) => void;
interface Where {
  part?: number;
  ring?: number;
}

function checkArray(value: unknown, min: number, add: Add, where: Where): boolean {
  if (!Array.isArray(value)) {
    add({ code: 'invalid-coordinate', detail: 'coordinates are not an array', ...where });
    return false;
  }
  if (value.length < min) {
    add({ code: 'empty-geometry', detail: 'geometry has no coordinates', ...where });
    return false;
  }
  return true;
}

function checkPosition(p: unknown, add: Add, where: Where): boolean {
  if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
    add({ code: 'invalid-coordinate', detail: `position ${JSON.stringify(p)?.slice(0, 40)} is not [lon, lat]`, ...where });
    return false;
  }
  const [lon, lat] = p as number[];
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    add({ code: 'non-finite-coordinate', detail: `position [${lon}, ${lat}] is not finite`, ...where });
    return false;
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    add({
      code: 'out-of-range-coordinate',
      detail: `position [${lon}, ${lat}] is outside longitude ±180 / latitude ±90`,
      position: [lon, lat],
      ...where,
    });
    return false;
  }
  return true;
}

/** Checks every position of a sequence; false (after reporting the first problem) if any is bad. */
function checkPositions(seq: unknown[], add: Add, where: Where): boolean {
  let px = 0;
  for (let i = 0; i < seq.length; i++) {
    const p = seq[i] as number[];
    // Fast path for the common valid case; anything unusual goes through checkPosition.
    if (!Array.isArray(p) || p.length < 2) return checkPosition(p, add, where);
    const x = p[0];
    const y = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
      return checkPosition(p, add, where);
    }
    if (i > 0 && (x - px > 180 || px - x > 180)) {
      const a = seq[i - 1] as number[];
      add({
        code: 'crosses-antimeridian',
        detail: `edge from [${a[0]}, ${a[1]}] to [${x}, ${y}] jumps across the antimeridian`,
        position: [x, y],
        ...where,
      });
      return false;
    }
    px = x;
  }
  return true;
}

function checkLine(line: unknown, add: Add, where: Where): void {
  if (!Array.isArray(line)) {
    add({ code: 'invalid-coordinate', detail: 'line coordinates are not an array', ...where });
    return;
  }
  if (line.length < 2) {
    add({ code: 'too-few-points', detail: `line has ${line.length} position(s), needs 2`, ...where });
    return;
  }
  checkPositions(line, add, where);
}

/** Shape checks of every ring while copying the rings into `flat`; then topology if all is well. */
function checkPolygons(
  polygons: unknown[],
  coordinates: unknown,
  multi: boolean,
  add: Add,
  limit: number,
  flat: FlatRings,
): void {
  flat.clear();
  let ok = true;
  for (let part = 0; part < polygons.length; part++) {
    const where: Where = multi ? { part } : {};
    const polygon = polygons[part];
    if (!checkArray(polygon, 1, add, where)) {
      ok = false;
      continue;
    }
    const rings = polygon as unknown[];
    for (let r = 0; r < rings.length; r++) {
      const at: Where = { ...where, ring: r };
      const ring = rings[r];
      if (!Array.isArray(ring)) {
        add({ code: 'invalid-coordinate', detail: `ring ${r} is not an array`, ...at });
        ok = false;
        continue;
      }
      const before = flat.vertexCount;
      if (flat.addRing(ring as Position[], part, r) !== -1) {
        checkPositions(ring, add, at); // reports the bad position
        ok = false;
        continue;
      }
      if (ring.length < 4) {
        add({ code: 'too-few-points', detail: `ring ${r} has ${ring.length} positions, needs 4 (closed)`, ...at });
        ok = false;
        continue;
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        add({
          code: 'unclosed-ring',
          detail: `ring ${r} ends at [${last[0]}, ${last[1]}], not at its start [${first[0]}, ${first[1]}]`,
          position: [last[0], last[1]],
          ...at,
        });
        ok = false;
        continue;
      }
      if (flat.vertexCount - before < 3) {
        add({ code: 'too-few-points', detail: `ring ${r} has fewer than 3 distinct positions`, ...at });
        ok = false;
      }
    }
  }
  if (!ok) return;
  // The crossing sweep costs several times the area itself. Geometries are checked again and again
  // (every redraw, every statistic), so remember coordinates found clean with a full copy of their
  // vertices and ring structure: the check is skipped only when every vertex is exactly the same
  // (any change, even in place, means a new check; no hash that could collide).
  const key = typeof coordinates === 'object' && coordinates !== null ? coordinates : null;
  if (key && sameVertices(checkedClean.get(key), flat)) return;
  let added = 0;
  const count: Add = (issue) => {
    added++;
    add(issue);
  };
  checkPolygonTopology(polygons as Position[][][], multi, count, limit, flat);
  if (added === 0 && key) checkedClean.set(key, snapshot(flat));
}

/** The vertices and ring layout of a FlatRings, as found clean. */
interface CleanSnapshot {
  xs: Float64Array;
  ys: Float64Array;
  rings: Int32Array;
}

/** Coordinates arrays whose rings were found valid, with a copy of what was checked. */
const checkedClean = new WeakMap<object, CleanSnapshot>();

function snapshot(flat: FlatRings): CleanSnapshot {
  const rings = new Int32Array(2 * flat.ringCount);
  for (let r = 0; r < flat.ringCount; r++) {
    rings[2 * r] = flat.ringEnd[r];
    rings[2 * r + 1] = flat.ringIndex[r] + (flat.ringPart[r] << 16);
  }
  return { xs: flat.xs.slice(0, flat.vertexCount), ys: flat.ys.slice(0, flat.vertexCount), rings };
}

function sameVertices(clean: CleanSnapshot | undefined, flat: FlatRings): boolean {
  if (!clean || clean.xs.length !== flat.vertexCount || clean.rings.length !== 2 * flat.ringCount) return false;
  for (let r = 0; r < flat.ringCount; r++) {
    if (clean.rings[2 * r] !== flat.ringEnd[r] || clean.rings[2 * r + 1] !== flat.ringIndex[r] + (flat.ringPart[r] << 16)) return false;
  }
  const { xs, ys } = flat;
  for (let i = 0; i < clean.xs.length; i++) if (clean.xs[i] !== xs[i] || clean.ys[i] !== ys[i]) return false;
  return true;
}

function checkPolygonTopology(
  polygons: Position[][][],
  multi: boolean,
  add: Add,
  limit: number,
  flat: FlatRings,
): void {
  // One star-shaped ring cannot cross itself; no sweep needed.
  if (polygons.length === 1 && polygons[0].length === 1 && isStarShapedRing(flat, 0)) return;
  let found = false;
  const touches: RingTouch[] = [];
  for (const c of findRingCrossings(flat, limit, 'grid', touches)) {
    found = true;
    const partOf = (p: number): Where => (multi ? { part: p } : {});
    const what = c.how === 'overlap' ? 'run along each other' : 'cross';
    const detail =
      c.kind === 'self-intersection'
        ? `ring ${c.ring} intersects itself: edges ${what} at [${c.position[0]}, ${c.position[1]}]`
        : c.kind === 'ring-intersection'
          ? `rings ${c.ring} and ${c.otherRing} cross at [${c.position[0]}, ${c.position[1]}]`
          : `parts ${c.part} and ${c.otherPart} overlap at [${c.position[0]}, ${c.position[1]}]`;
    add({ code: c.kind, detail, position: c.position, ring: c.ring, ...partOf(c.part), ...(c.how === 'overlap' ? { along: true } : {}) });
  }
  if (found) return;
  let placed = 0;
  const addPlace: Add = (issue) => {
    placed++;
    add(issue);
  };
  checkNesting(polygons, multi, addPlace);
  // Touches matter only once every ring is where it belongs.
  if (placed === 0 && touches.length > 0) checkTouches(touches, multi, add, flat);
}

/** Holes inside their shell and not inside each other; no part inside another. */
function checkNesting(polygons: Position[][][], multi: boolean, add: Add): void {
  polygons.forEach((polygon, part) => {
    const where: Where = multi ? { part } : {};
    const shell = polygon[0];
    for (let h = 1; h < polygon.length; h++) {
      if (placeOf(polygon[h], shell) === -1) {
        add({ code: 'hole-outside-shell', detail: `hole ${h} lies outside the outer ring`, ring: h, ...where });
      }
    }
    if (polygon.length < 3) return;
    const boxes = polygon.map(ringBox);
    for (let h = 1; h < polygon.length; h++) {
      for (let k = 1; k < polygon.length; k++) {
        if (h === k || !boxInside(boxes[h], boxes[k])) continue;
        if (placeOf(polygon[h], polygon[k]) === 1) {
          add({ code: 'nested-holes', detail: `hole ${h} lies inside hole ${k}`, ring: h, ...where });
        }
      }
    }
  });
  if (!multi) return;
  const shellBoxes = polygons.map((p) => ringBox(p[0]));
  for (let i = 0; i < polygons.length; i++) {
    for (let j = 0; j < polygons.length; j++) {
      if (i === j || !boxesMeet(shellBoxes[i], shellBoxes[j])) continue;
      if (insidePolygon(polygons[i][0], polygons[j])) {
        add({ code: 'overlapping-parts', detail: `part ${i} lies inside part ${j}`, part: i, ring: 0 });
      }
    }
  }
}

/**
 * Points to judge a ring's place by: its vertices, then (when every vertex lies on the other
 * boundary, e.g. a hole spanning a notch of its shell) the midpoints of its edges. The rings do
 * not cross, so any point of the ring off the other boundary tells on which side the ring lies.
 */
function* probePoints(ring: Position[]): Generator<[number, number]> {
  for (const p of ring) yield [p[0], p[1]];
  for (let i = 0; i + 1 < ring.length; i++) yield [(ring[i][0] + ring[i + 1][0]) / 2, (ring[i][1] + ring[i + 1][1]) / 2];
}

/** Place of a ring relative to another ring, judged by its first probe point not on the other's boundary. */
function placeOf(ring: Position[], other: Position[]): 1 | 0 | -1 {
  for (const [x, y] of probePoints(ring)) {
    const where = pointInRing(x, y, other);
    if (where !== 0) return where;
  }
  return 0;
}

function insidePolygon(ring: Position[], polygon: Position[][]): boolean {
  for (const [x, y] of probePoints(ring)) {
    const inShell = pointInRing(x, y, polygon[0]);
    if (inShell === 0) continue;
    if (inShell === -1) return false;
    for (let h = 1; h < polygon.length; h++) if (pointInRing(x, y, polygon[h]) !== -1) return false;
    return true;
  }
  // Every probe on the other's boundary: the same ring traced again, which overlaps it.
  return true;
}

/**
 * OGC rules on rings that meet without crossing: a ring may not touch itself (rings are simple),
 * and the rings of one polygon may touch only so that its interior stays connected — in the graph
 * of rings and touch points, no cycle (a hole touching the shell twice, or holes touching in a
 * chain from shell to shell, cut the interior in pieces). Touches between parts are allowed.
 * Returns true when something was reported.
 */
function checkTouches(touches: RingTouch[], multi: boolean, add: Add, flat: FlatRings): boolean {
  const { ringPart, ringIndex } = flat;
  const where = (r: number): Where => (multi ? { part: ringPart[r] } : {});
  let reported = false;
  // Union-find over ring nodes (0 … ringCount − 1) and touch-point nodes (after them).
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let r = 0; r < flat.ringCount; r++) parent.push(r);
  const pointNode = new Map<string, number>();
  const linked = new Set<string>();
  const link = (ring: number, point: number, x: number, y: number): void => {
    const key = `${ring}:${point}`;
    if (linked.has(key)) return;
    linked.add(key);
    const a = find(ring);
    const b = find(point);
    if (a === b) {
      if (!reported) {
        add({
          code: 'disconnected-interior',
          detail: `the rings of the polygon touch so that its interior falls apart (ring ${ringIndex[ring]} at [${x}, ${y}])`,
          position: [x, y],
          ring: ringIndex[ring],
          ...where(ring),
        });
      }
      reported = true;
      return;
    }
    parent[a] = b;
  };
  for (const t of touches) {
    if (t.ringA === t.ringB) {
      add({
        code: 'self-intersection',
        detail: `ring ${ringIndex[t.ringA]} touches itself at [${t.x}, ${t.y}]`,
        position: [t.x, t.y],
        touches: true,
        ring: ringIndex[t.ringA],
        ...where(t.ringA),
      });
      reported = true;
      continue;
    }
    if (ringPart[t.ringA] !== ringPart[t.ringB]) continue;
    const key = `${t.x},${t.y}`;
    let node = pointNode.get(key);
    if (node === undefined) {
      node = parent.length;
      parent.push(node);
      pointNode.set(key, node);
    }
    link(t.ringA, node, t.x, t.y);
    link(t.ringB, node, t.x, t.y);
  }
  return reported;
}

type Box = [number, number, number, number];

function ringBox(ring: Position[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  return [minX, minY, maxX, maxY];
}

function boxInside(inner: Box, outer: Box): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

function boxesMeet(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
