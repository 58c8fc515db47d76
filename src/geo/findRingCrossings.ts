import type { FlatRings } from './flatRings.ts';
import { orient } from './orient.ts';

export interface RingCrossing {
  kind: 'self-intersection' | 'ring-intersection' | 'overlapping-parts';
  part: number;
  ring: number;
  otherPart: number;
  otherRing: number;
  position: [number, number];
  /** 'cross' (edges cross), 'overlap' (edges run along each other). */
  how: 'cross' | 'overlap';
}

/** Two rings (or one ring with itself) meeting at a point without crossing: flat ring indices. */
export interface RingTouch {
  ringA: number;
  ringB: number;
  x: number;
  y: number;
}

/** Grow-only scratch buffers: validation runs on thousands of small polygons in a row. */
class SweepBuffers {
  readonly nextOf: Int32Array;
  readonly ringOf: Int32Array;
  readonly minX: Float64Array;
  readonly maxX: Float64Array;
  readonly minY: Float64Array;
  readonly maxY: Float64Array;
  readonly bucketOf: Int32Array;
  readonly order: Int32Array;
  readonly active: Int32Array;
  readonly bucketStart: Int32Array;
  /** Candidate edge pairs (e, f, e, f …) found by the sweep, tested afterwards. */
  readonly pairs: Int32Array;
  /** Grid cell column and row of each vertex. */
  readonly cellX: Int32Array;
  readonly cellY: Int32Array;
  /** Per cell: `stamp` marks cells in use by the current polygon; head of its passage list. */
  readonly cellStamp: Int32Array;
  readonly cellHead: Int32Array;
  /** Passages: runs of consecutive edges through one cell, with the directions they keep. */
  readonly passageCell: Int32Array;
  readonly passageFirst: Int32Array;
  readonly passageLast: Int32Array;
  readonly passageTurns: Int32Array;
  readonly passageNext: Int32Array;
  readonly cellEdges: Int32Array;

  constructor(readonly capacity: number) {
    this.nextOf = new Int32Array(capacity);
    this.ringOf = new Int32Array(capacity);
    this.minX = new Float64Array(capacity);
    this.maxX = new Float64Array(capacity);
    this.minY = new Float64Array(capacity);
    this.maxY = new Float64Array(capacity);
    this.bucketOf = new Int32Array(capacity);
    this.order = new Int32Array(capacity);
    this.active = new Int32Array(capacity);
    this.bucketStart = new Int32Array(capacity + 1);
    this.pairs = new Int32Array(4 * capacity);
    this.cellX = new Int32Array(capacity);
    this.cellY = new Int32Array(capacity);
    this.cellStamp = new Int32Array(GRID_CELLS_PER_EDGE * capacity + 1);
    this.cellHead = new Int32Array(GRID_CELLS_PER_EDGE * capacity + 1);
    this.passageCell = new Int32Array(GRID_ENTRIES_PER_EDGE * capacity);
    this.passageFirst = new Int32Array(GRID_ENTRIES_PER_EDGE * capacity);
    this.passageLast = new Int32Array(GRID_ENTRIES_PER_EDGE * capacity);
    this.passageTurns = new Int32Array(GRID_ENTRIES_PER_EDGE * capacity);
    this.passageNext = new Int32Array(GRID_ENTRIES_PER_EDGE * capacity);
    this.cellEdges = new Int32Array(MAX_CELL_EDGES);
  }
}

/** The grid has at most about this many cells per edge… */
const GRID_CELLS_PER_EDGE = 2;
/** …and at most this many (cell, passage) entries per edge, else the sweep takes over… */
const GRID_ENTRIES_PER_EDGE = 3;
/** …as it does when one cell holds more edges than this (a tangle no grid resolves). */
const MAX_CELL_EDGES = 512;
/** Grid cells are about this many mean edge extents wide. */
const CELL_EDGES = 3;

let buffers = new SweepBuffers(1024);
let stamp = 0;

function reserve(n: number, pairs = 0): SweepBuffers {
  if (n > buffers.capacity || pairs > buffers.pairs.length) {
    buffers = new SweepBuffers(Math.max(n, Math.ceil(pairs / 4), buffers.capacity * 2));
  }
  return buffers;
}

/**
 * Finds places where the boundary of a polygon (all rings of all parts in `flat`) crosses itself:
 * edges that cross, edges that overlap along a line, and rings that pass through each other at a
 * vertex. Touching at a single point without crossing, and spikes (an edge folding straight back),
 * are allowed: the enclosed area stays well defined. Stops after `limit` findings.
 *
 * Candidate pairs (edges whose boxes meet) come from a grid with cells a few edges wide, walked
 * along the rings: the edges of a ring passing once through a cell can only cross each other,
 * and cannot at all when they keep going one way (strictly monotone in x or y); only where a ring
 * passes a cell twice, or turns inside it, are edges compared. On real boundaries that leaves
 * about one comparison per ten edges. Inputs the grid suits badly (a few very long edges among
 * many short ones, tangles) are bucketed by their west end and swept west to east instead.
 * Exact orientation tests decide every candidate pair. (`candidates: 'sweep'` forces the sweep,
 * for tests.)
 */
export function findRingCrossings(
  flat: FlatRings,
  limit = 5,
  candidates: 'grid' | 'sweep' = 'grid',
  touches?: RingTouch[],
): RingCrossing[] {
  let buf = reserve(flat.vertexCount);
  let pairCount = candidates === 'grid' ? passageGridPairs(flat, buf) : -1;
  if (pairCount < 0) pairCount = sweepCandidatePairs(flat, buf);
  while (pairCount < 0) {
    // More candidate pairs than the buffer holds (a pathological polygon): grow and sweep again.
    buf = reserve(flat.vertexCount, buf.pairs.length * 4);
    pairCount = sweepCandidatePairs(flat, buf);
  }
  const tester = new PairTester(flat, buf, limit, touches ?? null);
  const { pairs } = buf;
  for (let i = 0; i < pairCount && tester.found.length < limit; i += 2) tester.test(pairs[i], pairs[i + 1]);
  return tester.found;
}

/**
 * Candidate pairs through a grid of passages (see `findRingCrossings`): writes them into
 * `buf.pairs` and returns the number of entries (2 per pair), or -1 when the grid does not suit
 * the polygon. Each pair is written once, in the cell holding the low corner of its boxes' overlap.
 */
function passageGridPairs(flat: FlatRings, buf: SweepBuffers): number {
  const { nextOf, ringOf, cellX, cellY, cellStamp, cellHead, pairs, minX, maxX, minY, maxY } = buf;
  const { passageCell, passageFirst, passageLast, passageTurns, passageNext } = buf;
  const { xs, ys, ringStart, ringEnd, ringCount } = flat;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  let extent = 0;
  let edges = 0;
  for (let r = 0; r < ringCount; r++) {
    const start = ringStart[r];
    const end = ringEnd[r];
    if (end - start < 3) continue;
    edges += end - start;
    let px = xs[end - 1];
    let py = ys[end - 1];
    for (let v = start; v < end; v++) {
      const x = xs[v];
      const y = ys[v];
      nextOf[v] = v + 1 < end ? v + 1 : start;
      ringOf[v] = r;
      extent += (x > px ? x - px : px - x) + (y > py ? y - py : py - y);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      px = x;
      py = y;
    }
  }
  if (edges === 0) return 0;
  const width = x1 - x0;
  const height = y1 - y0;
  let size = (CELL_EDGES * extent) / edges;
  const smallest = Math.sqrt((width * height) / edges);
  if (!(size >= smallest)) size = smallest;
  if (!(size > 0)) return -1;
  const scale = 1 / size;
  const columns = Math.floor(width * scale) + 1;
  const rows = Math.floor(height * scale) + 1;
  if (!(columns * rows < cellHead.length)) return -1;
  if (++stamp > 0x3fffffff) {
    cellStamp.fill(0);
    stamp = 1;
  }
  const now = stamp;
  const capacity = passageCell.length;
  let passages = 0;
  let lastCell = -1;
  let lastPassage = 0;
  for (let r = 0; r < ringCount; r++) {
    const start = ringStart[r];
    const end = ringEnd[r];
    if (end - start < 3) continue;
    for (let v = start; v < end; v++) {
      cellX[v] = Math.floor((xs[v] - x0) * scale);
      cellY[v] = Math.floor((ys[v] - y0) * scale);
    }
    for (let e = start; e < end; e++) {
      const w = nextOf[e];
      const ex = xs[e];
      const ey = ys[e];
      const wx = xs[w];
      const wy = ys[w];
      const dx = wx - ex;
      const dy = wy - ey;
      minX[e] = dx > 0 ? ex : wx;
      maxX[e] = dx > 0 ? wx : ex;
      minY[e] = dy > 0 ? ey : wy;
      maxY[e] = dy > 0 ? wy : ey;
      // Directions this edge keeps strictly: bit 1 east, 2 west, 4 north, 8 south.
      const keeps = (dx > 0 ? 1 : dx < 0 ? 2 : 0) | (dy > 0 ? 4 : dy < 0 ? 8 : 0);
      const ax = cellX[e];
      const bx = cellX[w];
      const ay = cellY[e];
      const by = cellY[w];
      // The common case first: the edge stays in the cell its predecessor ran through.
      if (ax === bx && ay === by && ay * columns + ax === lastCell && passageLast[lastPassage] === e - 1 && e > start) {
        passageLast[lastPassage] = e;
        passageTurns[lastPassage] &= keeps;
        continue;
      }
      const cx0 = ax < bx ? ax : bx;
      const cx1 = ax < bx ? bx : ax;
      const cy0 = ay < by ? ay : by;
      const cy1 = ay < by ? by : ay;
      lastCell = cx0 === cx1 && cy0 === cy1 ? cy0 * columns + cx0 : -1;
      for (let cy = cy0; cy <= cy1; cy++) {
        for (let cx = cx0; cx <= cx1; cx++) {
          const cell = cy * columns + cx;
          if (cellStamp[cell] !== now) {
            cellStamp[cell] = now;
            cellHead[cell] = -1;
          }
          const head = cellHead[cell];
          if (head !== -1 && passageLast[head] === e - 1 && e > start) {
            passageLast[head] = e;
            passageTurns[head] &= keeps;
            lastPassage = head;
            continue;
          }
          if (passages === capacity) return -1;
          passageCell[passages] = cell;
          passageFirst[passages] = e;
          passageLast[passages] = e;
          passageTurns[passages] = keeps;
          passageNext[passages] = head;
          lastPassage = passages;
          cellHead[cell] = passages++;
        }
      }
    }
  }
  // Cells passed once by a run that keeps a direction hold no candidate. Others: every pair of
  // their edges (each cell once: its first passage in creation order stands for it).
  const cellEdges = buf.cellEdges;
  const pairCapacity = pairs.length;
  let pairCount = 0;
  for (let p = 0; p < passages; p++) {
    const cell = passageCell[p];
    if (cellHead[cell] === -2) continue;
    const head = cellHead[cell];
    if (passageNext[head] === -1 && (passageTurns[head] !== 0 || passageLast[head] - passageFirst[head] < 2)) continue;
    cellHead[cell] = -2;
    let count = 0;
    for (let q = head; q !== -1; q = passageNext[q]) {
      for (let e = passageFirst[q]; e <= passageLast[q]; e++) {
        if (count === MAX_CELL_EDGES) return -1;
        cellEdges[count++] = e;
      }
    }
    const column = cell % columns;
    const row = (cell - column) / columns;
    for (let i = 1; i < count; i++) {
      const e = cellEdges[i];
      const w = nextOf[e];
      const eMinX = minX[e];
      const eMaxX = maxX[e];
      const eMinY = minY[e];
      const eMaxY = maxY[e];
      for (let j = 0; j < i; j++) {
        const f = cellEdges[j];
        const fMinX = minX[f];
        const fMinY = minY[f];
        if (maxX[f] < eMinX || fMinX > eMaxX || maxY[f] < eMinY || fMinY > eMaxY) continue;
        if (w === f || nextOf[f] === e) continue;
        // Count the pair in one cell only: the one holding the low corner of the boxes' overlap.
        const cornerX = fMinX > eMinX ? fMinX : eMinX;
        const cornerY = fMinY > eMinY ? fMinY : eMinY;
        if (Math.floor((cornerX - x0) * scale) !== column || Math.floor((cornerY - y0) * scale) !== row) continue;
        if (pairCount + 2 > pairCapacity) return -1;
        pairs[pairCount++] = e;
        pairs[pairCount++] = f;
      }
    }
  }
  return pairCount;
}

/**
 * Writes into `buf.pairs` every pair of non-adjacent edges whose boxes meet; returns the number of
 * entries (2 per pair), or -1 if the buffer is too small. No calls inside the loops: that keeps
 * V8 from reloading every typed array on each iteration.
 */
function sweepCandidatePairs(flat: FlatRings, buf: SweepBuffers): number {
  const { nextOf, ringOf, minX, maxX, minY, maxY, bucketOf, order, active, bucketStart, pairs } = buf;
  const pairCapacity = pairs.length;
  const { xs, ys } = flat;
  let edges = 0;
  let x0 = Infinity;
  let x1 = -Infinity;
  for (let r = 0; r < flat.ringCount; r++) {
    const start = flat.ringStart[r];
    const end = flat.ringEnd[r];
    for (let v = start; v < end; v++) {
      const w = v + 1 < end ? v + 1 : start;
      nextOf[v] = w;
      ringOf[v] = r;
      const ax = xs[v];
      const bx = xs[w];
      const ay = ys[v];
      const by = ys[w];
      minX[v] = ax < bx ? ax : bx;
      maxX[v] = ax < bx ? bx : ax;
      minY[v] = ay < by ? ay : by;
      maxY[v] = ay < by ? by : ay;
      if (ax < x0) x0 = ax;
      if (ax > x1) x1 = ax;
    }
    if (end - start >= 3) edges += end - start;
  }
  if (edges === 0) return 0;
  // Counting sort of edges into as many buckets as edges, by west end.
  const buckets = edges;
  const scale = x1 > x0 ? buckets / (x1 - x0) : 0;
  bucketStart.fill(0, 0, buckets + 1);
  for (let r = 0; r < flat.ringCount; r++) {
    const start = flat.ringStart[r];
    const end = flat.ringEnd[r];
    if (end - start < 3) continue;
    for (let v = start; v < end; v++) {
      let b = Math.floor((minX[v] - x0) * scale);
      if (b >= buckets) b = buckets - 1;
      bucketOf[v] = b;
      bucketStart[b + 1]++;
    }
  }
  for (let b = 0; b < buckets; b++) bucketStart[b + 1] += bucketStart[b];
  for (let r = 0; r < flat.ringCount; r++) {
    const start = flat.ringStart[r];
    const end = flat.ringEnd[r];
    if (end - start < 3) continue;
    for (let v = start; v < end; v++) order[bucketStart[bucketOf[v]]++] = v;
  }
  // bucketStart[b] now holds the end of bucket b; walk buckets in order.
  let activeCount = 0;
  let pairCount = 0;
  let k = 0;
  for (let b = 0; b < buckets; b++) {
    const bucketEnd = bucketStart[b];
    if (k === bucketEnd) continue;
    // Edges ending west of this bucket can meet no later edge.
    const west = scale > 0 ? x0 + b / scale : x0;
    let kept = 0;
    for (let i = 0; i < activeCount; i++) {
      const f = active[i];
      if (maxX[f] >= west) active[kept++] = f;
    }
    activeCount = kept;
    for (; k < bucketEnd; k++) {
      const e = order[k];
      const eMinX = minX[e];
      const eMaxX = maxX[e];
      const eMinY = minY[e];
      const eMaxY = maxY[e];
      const eNext = nextOf[e];
      for (let i = 0; i < activeCount; i++) {
        const f = active[i];
        if (maxX[f] < eMinX || minX[f] > eMaxX || maxY[f] < eMinY || minY[f] > eMaxY) continue;
        // Adjacent edges share a vertex; if they fold back (a spike) the area is unchanged.
        if (eNext === f || nextOf[f] === e) continue;
        if (pairCount + 2 > pairCapacity) return -1;
        pairs[pairCount++] = e;
        pairs[pairCount++] = f;
      }
      active[activeCount++] = e;
    }
  }
  return pairCount;
}

class PairTester {
  readonly found: RingCrossing[] = [];
  private seen: Set<string> | null = null;

  private readonly nextOf: Int32Array;
  private readonly ringOf: Int32Array;

  constructor(
    private readonly flat: FlatRings,
    buf: SweepBuffers,
    private readonly limit: number,
    private readonly touches: RingTouch[] | null,
  ) {
    this.nextOf = buf.nextOf;
    this.ringOf = buf.ringOf;
  }

  private prevOf(v: number): number {
    const r = this.ringOf[v];
    return v > this.flat.ringStart[r] ? v - 1 : this.flat.ringEnd[r] - 1;
  }

  test(e: number, f: number): void {
    const { xs, ys } = this.flat;
    const a = e;
    const b = this.nextOf[e];
    const c = f;
    const d = this.nextOf[f];
    const o1 = orient(xs[a], ys[a], xs[b], ys[b], xs[c], ys[c]);
    const o2 = orient(xs[a], ys[a], xs[b], ys[b], xs[d], ys[d]);
    if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0)) return;
    const o3 = orient(xs[c], ys[c], xs[d], ys[d], xs[a], ys[a]);
    const o4 = orient(xs[c], ys[c], xs[d], ys[d], xs[b], ys[b]);
    if ((o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) return;
    if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
      const t = o3 / (o3 - o4);
      this.report(e, f, [xs[a] + t * (xs[b] - xs[a]), ys[a] + t * (ys[b] - ys[a])], 'cross');
      return;
    }
    if (o1 === 0 && o2 === 0) {
      this.collinear(a, b, c, d);
      return;
    }
    // An endpoint lies on the other edge: a touch, or a crossing through a vertex.
    if (o1 === 0) this.vertexOnEdge(c, a, b);
    if (o2 === 0) this.vertexOnEdge(d, a, b);
    if (o3 === 0) this.vertexOnEdge(a, c, d);
    if (o4 === 0) this.vertexOnEdge(b, c, d);
  }

  private firstSeen(key: string): boolean {
    this.seen ??= new Set();
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  private collinear(a: number, b: number, c: number, d: number): void {
    const { xs, ys } = this.flat;
    // Project on the longer axis of a→b; overlapping with positive length is invalid.
    const useX = Math.abs(xs[b] - xs[a]) >= Math.abs(ys[b] - ys[a]);
    const pa = useX ? xs[a] : ys[a];
    const pb = useX ? xs[b] : ys[b];
    const pc = useX ? xs[c] : ys[c];
    const pd = useX ? xs[d] : ys[d];
    const lo = Math.max(Math.min(pa, pb), Math.min(pc, pd));
    const hi = Math.min(Math.max(pa, pb), Math.max(pc, pd));
    if (hi > lo) {
      const at = pc > Math.min(pa, pb) && pc < Math.max(pa, pb) ? c : a;
      this.report(a, c, [xs[at], ys[at]], 'overlap');
    } else if (hi === lo) {
      // Collinear edges meeting end to end: a vertex-vertex contact.
      for (const v of [a, b]) {
        for (const w of [c, d]) if (xs[v] === xs[w] && ys[v] === ys[w]) this.vertexOnVertex(v, w);
      }
    }
  }

  /** Vertex v lies exactly on the line of edge p→q. */
  private vertexOnEdge(v: number, p: number, q: number): void {
    const { xs, ys } = this.flat;
    const x = xs[v];
    const y = ys[v];
    if (x === xs[p] && y === ys[p]) return this.vertexOnVertex(v, p);
    if (x === xs[q] && y === ys[q]) return this.vertexOnVertex(v, q);
    const within =
      Math.min(xs[p], xs[q]) <= x && x <= Math.max(xs[p], xs[q]) && Math.min(ys[p], ys[q]) <= y && y <= Math.max(ys[p], ys[q]);
    if (!within || !this.firstSeen(`e${v}:${p}`)) return;
    const before = this.prevOf(v);
    const after = this.nextOf[v];
    const s1 = orient(xs[p], ys[p], xs[q], ys[q], xs[before], ys[before]);
    const s2 = orient(xs[p], ys[p], xs[q], ys[q], xs[after], ys[after]);
    // Neighbours on opposite sides: the ring passes through the edge. (Running along the edge is
    // reported by the collinear test.)
    if ((s1 > 0 && s2 < 0) || (s1 < 0 && s2 > 0)) this.report(v, p, [x, y], 'cross');
    else this.touch(v, p, x, y);
  }

  private touch(v: number, w: number, x: number, y: number): void {
    this.touches?.push({ ringA: this.ringOf[v], ringB: this.ringOf[w], x, y });
  }

  /** Two distinct vertices at one place: a crossing if their edge pairs interleave around it. */
  private vertexOnVertex(v: number, w: number): void {
    if (v === w || !this.firstSeen(v < w ? `v${v}:${w}` : `v${w}:${v}`)) return;
    const { xs, ys } = this.flat;
    const x = xs[v];
    const y = ys[v];
    const u1 = this.prevOf(v);
    const u2 = this.nextOf[v];
    const convex = orient(x, y, xs[u1], ys[u1], xs[u2], ys[u2]) > 0;
    // 1 strictly inside the counter-clockwise sector from u1 to u2, -1 outside, 0 along its rays.
    const side = (t: number): number => {
      const s = orient(x, y, xs[u1], ys[u1], xs[t], ys[t]);
      const e = orient(x, y, xs[t], ys[t], xs[u2], ys[u2]);
      if ((s === 0 && sameWay(x, y, xs[u1], ys[u1], xs[t], ys[t])) || (e === 0 && sameWay(x, y, xs[u2], ys[u2], xs[t], ys[t]))) {
        return 0;
      }
      return (convex ? s > 0 && e > 0 : s > 0 || e > 0) ? 1 : -1;
    };
    const s1 = side(this.prevOf(w));
    const s2 = side(this.nextOf[w]);
    if (s1 !== 0 && s2 !== 0 && s1 !== s2) this.report(v, w, [x, y], 'cross');
    else this.touch(v, w, x, y);
  }

  private report(v: number, w: number, position: [number, number], how: RingCrossing['how']): void {
    if (this.found.length >= this.limit) return;
    const { ringPart, ringIndex } = this.flat;
    const r1 = this.ringOf[v];
    const r2 = this.ringOf[w];
    const kind =
      ringPart[r1] !== ringPart[r2] ? 'overlapping-parts' : r1 !== r2 ? 'ring-intersection' : 'self-intersection';
    this.found.push({
      kind,
      part: ringPart[r1],
      ring: ringIndex[r1],
      otherPart: ringPart[r2],
      otherRing: ringIndex[r2],
      position,
      how,
    });
  }
}

function sameWay(x: number, y: number, ax: number, ay: number, bx: number, by: number): boolean {
  return (ax - x) * (bx - x) + (ay - y) * (by - y) > 0;
}
