/**
 * Features packed into flat typed arrays, for handing large collections to a worker. Structured
 * cloning a FeatureCollection of 67,000 polygons costs the sending thread seconds (every position is
 * an object to walk); its packed form is three buffers that are transferred, not copied, and the
 * packing itself is a plain loop that can be done in slices (`packFeaturesInSlices`).
 *
 * Geometry is kept in 2D (the statistics and the breakdown use longitude and latitude only); each
 * feature keeps the values of a few named properties. A feature whose geometry is not plain
 * GeoJSON (unknown type, a position that is not two numbers …) travels as it is in `raw`, so the
 * receiver's validation reports exactly what it would have reported on the original.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { transferBuffer } from './transferBuffer.ts';

export interface PackedFeatures {
  count: number;
  /** Geometry types, depth first (a collection's members follow it); one entry per feature at least. */
  types: Uint8Array;
  /** Part counts and lengths, in the order the geometries need them. */
  counts: Uint32Array;
  /** x, y of every position. */
  coords: Float64Array;
  /** Kept property values: `properties[key][i]` is feature i's (undefined when absent). */
  properties: Record<string, unknown[]>;
  /** Features sent as they are (index → feature). */
  raw: Record<number, Feature>;
}

const NULL = 0;
const CODES: Record<string, number> = { Point: 1, MultiPoint: 2, LineString: 3, MultiLineString: 4, Polygon: 5, MultiPolygon: 6, GeometryCollection: 7 };
/** A feature sent in `raw`: its type slot says so. */
const RAW = 8;

class Growable<T extends Uint8Array | Uint32Array | Float64Array> {
  length = 0;
  constructor(
    public array: T,
    private readonly make: (n: number) => T,
    private readonly view: (buffer: ArrayBuffer) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.array.length) {
      const moved = transferBuffer(this.array.buffer, this.array.byteLength * 2);
      if (moved) this.array = this.view(moved);
      else {
        const next = this.make(this.array.length * 2);
        next.set(this.array);
        this.array = next;
      }
    }
    this.array[this.length++] = value;
  }
  done(): T {
    const moved = transferBuffer(this.array.buffer, this.length * this.array.BYTES_PER_ELEMENT);
    return moved ? this.view(moved) : (this.array.slice(0, this.length) as T);
  }
}

const isPosition = (p: unknown): p is Position => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
const isPositions = (ps: unknown): ps is Position[] => Array.isArray(ps) && ps.every(isPosition);
const isNested = (pss: unknown): pss is Position[][] => Array.isArray(pss) && pss.every(isPositions);

/** Whether the packed form reproduces the geometry (bar any third coordinate). */
function packable(g: Geometry | null | undefined, depth = 0): boolean {
  if (g === null) return true;
  if (!g || typeof g !== 'object') return false;
  switch (g.type) {
    case 'Point':
      return isPosition(g.coordinates);
    case 'MultiPoint':
    case 'LineString':
      return isPositions(g.coordinates);
    case 'MultiLineString':
    case 'Polygon':
      return isNested(g.coordinates);
    case 'MultiPolygon':
      return Array.isArray(g.coordinates) && g.coordinates.every(isNested);
    case 'GeometryCollection':
      return depth < 8 && Array.isArray(g.geometries) && g.geometries.every((m) => m !== null && packable(m, depth + 1));
    default:
      return false;
  }
}

/**
 * Packs `features`, keeping the properties named in `keys`. A generator: it yields after every
 * `sliceSize` features so a caller can spread the work over several tasks; the packed result is
 * its return value.
 */
export function* packFeaturesInSlices(features: readonly Feature[], keys: readonly string[] = [], sliceSize = 2_000): Generator<void, PackedFeatures> {
  const types = new Growable(new Uint8Array(Math.max(16, features.length)), (n) => new Uint8Array(n), (b) => new Uint8Array(b));
  const counts = new Growable(new Uint32Array(Math.max(16, features.length * 2)), (n) => new Uint32Array(n), (b) => new Uint32Array(b));
  const coords = new Growable(new Float64Array(1024), (n) => new Float64Array(n), (b) => new Float64Array(b));
  const properties: Record<string, unknown[]> = Object.fromEntries(keys.map((k) => [k, new Array<unknown>(features.length)]));
  const raw: Record<number, Feature> = {};
  const positions = (ps: Position[]) => {
    counts.push(ps.length);
    for (const p of ps) {
      coords.push(p[0]);
      coords.push(p[1]);
    }
  };
  const geometry = (g: Geometry | null): void => {
    if (!g) {
      types.push(NULL);
      return;
    }
    types.push(CODES[g.type]);
    switch (g.type) {
      case 'Point':
        coords.push(g.coordinates[0]);
        coords.push(g.coordinates[1]);
        return;
      case 'MultiPoint':
      case 'LineString':
        positions(g.coordinates);
        return;
      case 'MultiLineString':
      case 'Polygon':
        counts.push(g.coordinates.length);
        for (const part of g.coordinates) positions(part);
        return;
      case 'MultiPolygon':
        counts.push(g.coordinates.length);
        for (const polygon of g.coordinates) {
          counts.push(polygon.length);
          for (const ring of polygon) positions(ring);
        }
        return;
      case 'GeometryCollection':
        counts.push(g.geometries.length);
        for (const member of g.geometries) geometry(member);
        return;
    }
  };
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    for (const k of keys) properties[k][i] = f?.properties?.[k];
    // Read once: a feature may build its geometry on each read (packedFeatureViews.ts).
    const g = f && typeof f === 'object' ? f.geometry : undefined;
    if (!f || typeof f !== 'object' || !packable(g)) {
      types.push(RAW);
      // Sent as data: a feature whose geometry is not its own data (a getter) goes as a plain copy.
      raw[i] = f && typeof f === 'object' && Object.getPrototypeOf(f) !== Object.prototype ? { type: 'Feature', properties: f.properties, geometry: g as Geometry } : f;
    } else geometry(g as Geometry | null);
    if ((i + 1) % sliceSize === 0) yield;
  }
  return { count: features.length, types: types.done(), counts: counts.done(), coords: coords.done(), properties, raw };
}

/** Packs `features` in one go. */
export function packFeatures(features: readonly Feature[], keys: readonly string[] = []): PackedFeatures {
  const run = packFeaturesInSlices(features, keys, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/** Frees a packed collection's arrays now (see `transferBuffer`), where the browser can; they are unusable afterwards. */
export function releasePacked(packed: PackedFeatures): void {
  for (const buffer of packedTransferables(packed)) transferBuffer(buffer, 0);
}

/** The buffers to transfer with a packed collection. */
export function packedTransferables(packed: PackedFeatures): ArrayBuffer[] {
  return [packed.types.buffer, packed.counts.buffer, packed.coords.buffer] as ArrayBuffer[];
}

/** Where reading stands in a packed collection's arrays: next type, next count, next coordinate. */
export interface PackedCursor {
  t: number;
  c: number;
  x: number;
}

/** Reads the geometry of type `type` (already read from `types`) at `at`, advancing it. */
export function readPackedGeometry(packed: PackedFeatures, type: number, at: PackedCursor): Geometry | null {
  const { types, counts, coords } = packed;
  const position = (): Position => {
    const p = [coords[at.x], coords[at.x + 1]];
    at.x += 2;
    return p;
  };
  const positions = (): Position[] => {
    const n = counts[at.c++];
    const out = new Array<Position>(n);
    for (let i = 0; i < n; i++) out[i] = position();
    return out;
  };
  const nested = (): Position[][] => {
    const n = counts[at.c++];
    const out = new Array<Position[]>(n);
    for (let i = 0; i < n; i++) out[i] = positions();
    return out;
  };
  switch (type) {
    case 1:
      return { type: 'Point', coordinates: position() };
    case 2:
      return { type: 'MultiPoint', coordinates: positions() };
    case 3:
      return { type: 'LineString', coordinates: positions() };
    case 4:
      return { type: 'MultiLineString', coordinates: nested() };
    case 5:
      return { type: 'Polygon', coordinates: nested() };
    case 6: {
      const n = counts[at.c++];
      const out = new Array<Position[][]>(n);
      for (let i = 0; i < n; i++) out[i] = nested();
      return { type: 'MultiPolygon', coordinates: out };
    }
    case 7: {
      const n = counts[at.c++];
      const members = new Array<Geometry>(n);
      for (let i = 0; i < n; i++) members[i] = readPackedGeometry(packed, types[at.t++], at) as Geometry;
      return { type: 'GeometryCollection', geometries: members };
    }
    default:
      return null;
  }
}

/** Advances `at` past a geometry of type `type` without building it. */
export function skipPackedGeometry(packed: PackedFeatures, type: number, at: PackedCursor): void {
  const { types, counts } = packed;
  const positions = () => {
    at.x += 2 * counts[at.c++];
  };
  const nested = () => {
    const n = counts[at.c++];
    for (let i = 0; i < n; i++) positions();
  };
  switch (type) {
    case 1:
      at.x += 2;
      return;
    case 2:
    case 3:
      positions();
      return;
    case 4:
    case 5:
      nested();
      return;
    case 6: {
      const n = counts[at.c++];
      for (let i = 0; i < n; i++) nested();
      return;
    }
    case 7: {
      const n = counts[at.c++];
      for (let i = 0; i < n; i++) skipPackedGeometry(packed, types[at.t++], at);
      return;
    }
  }
}

/** The type slot of a feature sent as it is (see `raw`). */
export const RAW_FEATURE = RAW;

/** The FeatureCollection back (properties: the kept ones, where present). */
export function unpackFeatures(packed: PackedFeatures): FeatureCollection {
  const { types, properties, raw } = packed;
  const at: PackedCursor = { t: 0, c: 0, x: 0 };
  const keys = Object.keys(properties);
  const features = new Array<Feature>(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const type = types[at.t++];
    if (type === RAW) {
      features[i] = raw[i];
      continue;
    }
    // fromEntries defines own properties: a key "__proto__" stays a property, not a prototype.
    const props: Record<string, unknown> = Object.fromEntries(keys.filter((k) => properties[k][i] !== undefined).map((k) => [k, properties[k][i]]));
    features[i] = { type: 'Feature', properties: props, geometry: readPackedGeometry(packed, type, at) as Geometry };
  }
  return { type: 'FeatureCollection', features };
}
