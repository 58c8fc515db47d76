import { DEG_TO_RAD, WGS84_A, WGS84_E2 } from './ellipsoid.ts';
import { Geodesic, wgs84 } from './geographiclib.ts';

/** Below this length (m) the mid-latitude formula is within 2e-8 of the geodesic; above, exact. */
const FAST_MAX_LENGTH = 2000;

/**
 * Geodesic distance in m on WGS84 between two [lon, lat] points (degrees). Short segments use the
 * ellipsoid's radii of curvature at the middle latitude (relative error ≈ (s/R)², < 2e-8 below
 * 2 km); longer ones GeographicLib's exact inverse solution.
 */
export function segmentLength(lon1: number, lat1: number, lon2: number, lat2: number): number {
  let dLon = lon2 - lon1;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  const mid = (lat1 + lat2) * 0.5 * DEG_TO_RAD;
  const s = Math.sin(mid);
  const w2 = 1 - WGS84_E2 * s * s;
  const n = WGS84_A / Math.sqrt(w2);
  const m = (n * (1 - WGS84_E2)) / w2;
  const north = m * (lat2 - lat1) * DEG_TO_RAD;
  const east = n * Math.cos(mid) * dLon * DEG_TO_RAD;
  const approx = Math.sqrt(north * north + east * east);
  if (approx < FAST_MAX_LENGTH) return approx;
  return wgs84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12 ?? Number.NaN;
}
