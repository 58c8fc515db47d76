/**
 * The WGS84 ellipsoid and its authalic (equal-area) sphere.
 *
 * Chinese land statistics use CGCS2000, whose ellipsoid differs from WGS84 only in the flattening's
 * 10th significant digit; areas differ by less than 1e-9 relative, so WGS84 serves both.
 */

export const WGS84_A = 6378137;
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
export const DEG_TO_RAD = Math.PI / 180;

const E = Math.sqrt(WGS84_E2);
/** q at the pole: q_p = 1 + (1 − e²)·atanh(e)/e. */
const Q_POLE = 1 + ((1 - WGS84_E2) * Math.atanh(E)) / E;

/** Radius² of the sphere with the ellipsoid's surface area: R_q² = a²·q_p / 2. */
export const AUTHALIC_RADIUS_SQ = (WGS84_A * WGS84_A * Q_POLE) / 2;

/**
 * Coefficients of sin β = q(φ)/q_p as an odd power series in s = sin φ, where
 * q(φ) = (1 − e²)·(s/(1 − e²s²) + atanh(e·s)/e) = (1 − e²)·Σ_k (2k + 2)/(2k + 1)·e^(2k)·s^(2k+1).
 * Seven terms leave out e^14 ≈ 6e-16; the remainder is so smooth in φ that areas, which depend
 * on differences of sin β, feel less than 1e-13 of it.
 */
const [C0, C1, C2, C3, C4, C5, C6] = Array.from(
  { length: 7 },
  (_, k) => ((1 - WGS84_E2) * (2 * k + 2) * WGS84_E2 ** k) / ((2 * k + 1) * Q_POLE),
);

/**
 * sin β of the authalic latitude β for a geodetic latitude with sine `sinPhi`.
 * On the sphere of radius R_q, (λ, sin β) are equal-area coordinates of the ellipsoid.
 */
export function sinAuthalic(sinPhi: number): number {
  const s2 = sinPhi * sinPhi;
  return sinPhi * (C0 + s2 * (C1 + s2 * (C2 + s2 * (C3 + s2 * (C4 + s2 * (C5 + s2 * C6))))));
}
