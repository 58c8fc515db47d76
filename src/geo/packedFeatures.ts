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
  ) {}
  push(value: number): void {
    if (this.length === this.array.length) {
      const next = this.make(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }
  done(): T {
    return this.array.slice(0, this.length) as T;
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
  const types = new Growable(new Uint8Array(Math.max(16, features.length)), (n) => new Uint8Array(n));
  const counts = new Growable(new Uint32Array(Math.max(16, features.length * 2)), (n) => new Uint32Array(n));
  const coords = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
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
    if (!f || typeof f !== 'object' || !packable(f.geometry)) {
      types.push(RAW);
      raw[i] = f;
    } else geometry(f.geometry);
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

/** The buffers to transfer with a packed collection. */
export function packedTransferables(packed: PackedFeatures): ArrayBuffer[] {
  return [packed.types.buffer, packed.counts.buffer, packed.coords.buffer] as ArrayBuffer[];
}

/** The FeatureCollection back (properties: the kept ones, where present). */
export function unpackFeatures(packed: PackedFeatures): FeatureCollection {
  const { types, counts, coords, properties, raw } = packed;
  let t = 0;
  let c = 0;
  let x = 0;
  const position = (): Position => {
    const p = [coords[x], coords[x + 1]];
    x += 2;
    return p;
  };
  const positions = (): Position[] => {
    const n = counts[c++];
    const out = new Array<Position>(n);
    for (let i = 0; i < n; i++) out[i] = position();
    return out;
  };
  const nested = (): Position[][] => {
    const n = counts[c++];
    const out = new Array<Position[]>(n);
    for (let i = 0; i < n; i++) out[i] = positions();
    return out;
  };
  const geometry = (type: number): Geometry | null => {
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
        const n = counts[c++];
        const out = new Array<Position[][]>(n);
        for (let i = 0; i < n; i++) out[i] = nested();
        return { type: 'MultiPolygon', coordinates: out };
      }
      case 7: {
        const n = counts[c++];
        const members = new Array<Geometry>(n);
        for (let i = 0; i < n; i++) members[i] = geometry(types[t++]) as Geometry;
        return { type: 'GeometryCollection', geometries: members };
      }
      default:
        return null;
    }
  };
  const keys = Object.keys(properties);
  const features = new Array<Feature>(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const type = types[t++];
    if (type === RAW) {
      features[i] = raw[i];
      continue;
    }
    // fromEntries defines own properties: a key "__proto__" stays a property, not a prototype.
    const props: Record<string, unknown> = Object.fromEntries(keys.filter((k) => properties[k][i] !== undefined).map((k) => [k, properties[k][i]]));
    features[i] = { type: 'Feature', properties: props, geometry: geometry(type) as Geometry };
  }
  return { type: 'FeatureCollection', features };
}
