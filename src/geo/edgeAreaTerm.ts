import { AUTHALIC_RADIUS_SQ, DEG_TO_RAD, WGS84_A, WGS84_E2 } from './ellipsoid.ts';
import { Geodesic, wgs84 } from './geographiclib.ts';

/**
 * Squared angular length (in authalic radians²) above which an edge is integrated exactly by
 * GeographicLib: 0.004 rad ≈ 25 km. Below it the series is within 4e-8 of GeographicLib even for
 * thin slivers (see the tests); polygons of real data almost never reach it.
 */
const MAX_SERIES_ANGLE_SQ = 0.004 * 0.004;
/** Beyond ~84° latitude (sin² φ > 0.99) the series' expansions lose accuracy; go exact. */
const MAX_SERIES_SIN2 = 0.99;

const E2 = WGS84_E2;
/** (a / R_q)²: the parallel radius N·cos φ in authalic-radius units is √(K_P·(1 − s²)/(1 − e²s²)). */
const K_P = (WGS84_A * WGS84_A) / AUTHALIC_RADIUS_SQ;
/** (a·(1 − e²) / R_q)²: the meridian radius M in authalic-radius units is √K_M / (1 − e²s²)^1.5. */
const K_M = (WGS84_A * (1 - E2)) ** 2 / AUTHALIC_RADIUS_SQ;

/**
 * One edge's share of a ring's area: ∫ sin β dλ along the geodesic from vertex 1 to vertex 2, in
 * units of the authalic radius² (R_q²), minus `yRef`·Δλ.
 *
 * On the authalic sphere (λ, y = sin β) are equal-area coordinates, so the sum over a closed ring
 * is its area / R_q² (clockwise positive). The trapezoid (y1 + y2)/2·Δλ treats the edge as straight
 * in (λ, y); the geodesic bends away from that line by a third-order amount, integrated here in
 * closed form from the geodesic's curvature in those coordinates:
 *   Δλ·sin φ·(E + 3·N)/12, E = (Δλ·N cos φ / R_q)², N = (M·Δφ / R_q)² (east and north extents),
 * with M, N the ellipsoid's radii of curvature at the edge's middle (series in e², no division).
 * Subtracting `yRef`·Δλ (Σ Δλ = 0 on a ring) keeps small rings free of cancellation error.
 *
 * Arguments: longitude and latitude in degrees, `sinPhi` = sin φ, `y` = sinAuthalic(sin φ).
 */
export function edgeAreaTerm(
  lon1: number,
  lat1: number,
  sinPhi1: number,
  y1: number,
  lon2: number,
  lat2: number,
  sinPhi2: number,
  y2: number,
  yRef: number,
): number {
  let dLonDeg = lon2 - lon1;
  if (dLonDeg > 180) dLonDeg -= 360;
  else if (dLonDeg < -180) dLonDeg += 360;
  const dLon = dLonDeg * DEG_TO_RAD;
  const dLat = (lat2 - lat1) * DEG_TO_RAD;
  const m = (sinPhi1 + sinPhi2) * 0.5;
  const m2 = m * m;
  const em = E2 * m2;
  const east = dLon * dLon * K_P * (1 - m2) * (1 + em + em * em);
  const north = dLat * dLat * K_M * (1 + 3 * em + 6 * em * em);
  if (east + north > MAX_SERIES_ANGLE_SQ || m2 > MAX_SERIES_SIN2) {
    return exactEdgeAreaTerm(lon1, lat1, lat2, lon1 + dLonDeg, dLon, yRef);
  }
  return dLon * ((y1 + y2) * 0.5 - yRef + (m * (east + 3 * north)) / 12);
}

/** GeographicLib's S12 is the area between the geodesic and the equator: the same integral, exact. */
function exactEdgeAreaTerm(lon1: number, lat1: number, lat2: number, lon2: number, dLon: number, yRef: number): number {
  const { S12 } = wgs84.Inverse(lat1, lon1, lat2, lon2, Geodesic.AREA);
  return (S12 ?? Number.NaN) / AUTHALIC_RADIUS_SQ - yRef * dLon;
}
