/**
 * GCJ-02 ↔ WGS84.
 *
 * GCJ-02 is the obfuscated datum Chinese consumer web maps (Gaode/AMap, Tencent, the echarts and
 * DataV map data) publish coordinates in: a smooth, deterministic shift of a few hundred metres
 * (about 600 m east at Changzhi). The forward transform below is the widely published
 * reconstruction (Krasovsky-ellipsoid constants a = 6378245 m, e² = 0.00669342162296594323); the
 * inverse has no closed form, so it is solved iteratively to well below 1e-7°.
 *
 * Outside China the shift is not applied (GCJ-02 equals WGS84 there). "China" is the usual
 * rectangle test (lon 72.004–137.8347, lat 0.8293–55.8271) used by the reference
 * implementations: it is coarse at the borders (it includes e.g. parts of Mongolia and Korea),
 * which is harmless for a map of Shanxi and keeps the function pure and fast.
 */
import type { Geometry, Position } from 'geojson';

const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.006693421622965943;

/** Largest error of the iterative inverse, in degrees; the loop stops below this. */
const INVERSE_TOLERANCE_DEG = 1e-10;
const INVERSE_MAX_ITERATIONS = 30;

/** True where the GCJ-02 shift applies (the reference rectangle around China). */
export function isInsideChinaGcj02Box(lon: number, lat: number): boolean {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function shiftLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function shiftLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** The GCJ-02 offset (Δlon, Δlat in degrees) at a WGS84 position inside China. */
function gcj02Offset(lon: number, lat: number): [number, number] {
  const dLat0 = shiftLat(lon - 105.0, lat - 35.0);
  const dLon0 = shiftLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - KRASOVSKY_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (dLon0 * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

function assertFinitePosition(p: Position, fn: string): void {
  if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    throw new TypeError(`${fn}: position must be [lon, lat] with finite numbers, got ${JSON.stringify(p)}`);
  }
}

/** WGS84 [lon, lat] → GCJ-02 [lon, lat]. Extra ordinates (elevation) pass through unchanged. */
export function wgs84ToGcj02(p: Position): Position {
  assertFinitePosition(p, 'wgs84ToGcj02');
  const [lon, lat] = p;
  if (!isInsideChinaGcj02Box(lon, lat)) return p.slice();
  const [dLon, dLat] = gcj02Offset(lon, lat);
  return [lon + dLon, lat + dLat, ...p.slice(2)];
}

/**
 * GCJ-02 [lon, lat] → WGS84 [lon, lat]. Fixed-point iteration on the forward transform: the shift
 * varies by < 1e-4 per degree, so each step gains about four decimal digits and two or three
 * steps reach 1e-10°.
 */
export function gcj02ToWgs84(p: Position): Position {
  assertFinitePosition(p, 'gcj02ToWgs84');
  const [gLon, gLat] = p;
  if (!isInsideChinaGcj02Box(gLon, gLat)) return p.slice();
  let lon = gLon;
  let lat = gLat;
  for (let i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
    const [fLon, fLat] = isInsideChinaGcj02Box(lon, lat) ? addOffset(lon, lat) : [lon, lat];
    const errLon = fLon - gLon;
    const errLat = fLat - gLat;
    lon -= errLon;
    lat -= errLat;
    if (Math.abs(errLon) < INVERSE_TOLERANCE_DEG && Math.abs(errLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return [lon, lat, ...p.slice(2)];
}

function addOffset(lon: number, lat: number): [number, number] {
  const [dLon, dLat] = gcj02Offset(lon, lat);
  return [lon + dLon, lat + dLat];
}

/** Applies a position transform to every position of a GeoJSON geometry (returns a new geometry). */
export function mapGeometryPositions<G extends Geometry>(geometry: G, fn: (p: Position) => Position): G {
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: fn(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(fn) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
    case 'MultiPolygon':
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(fn))),
      };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => mapGeometryPositions(g, fn)) };
    default:
      throw new TypeError(`unknown geometry type ${(geometry as Geometry).type}`);
  }
}

/** GCJ-02 → WGS84 for a whole geometry. Identical input vertices map to identical output vertices. */
export function gcj02ToWgs84Geometry<G extends Geometry>(geometry: G): G {
  return mapGeometryPositions(geometry, gcj02ToWgs84);
}

/** WGS84 → GCJ-02 for a whole geometry. */
export function wgs84ToGcj02Geometry<G extends Geometry>(geometry: G): G {
  return mapGeometryPositions(geometry, wgs84ToGcj02);
}
