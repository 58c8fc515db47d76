import { describe, expect, it } from 'vitest';
import { wgs84 } from '../geographiclib.ts';
import { seededRandom } from '../testing/geographiclibReference.ts';
import { crossingPoint, edgeCrossing } from './crossingPoint.ts';

/** Distance (m) from point X to the geodesic through A and B, by GeographicLib. */
function offGeodesic(ax: number, ay: number, bx: number, by: number, x: number, y: number): number {
  const ab = wgs84.Inverse(ay, ax, by, bx);
  const axr = wgs84.Inverse(ay, ax, y, x);
  const angle = (((axr.azi1 as number) - (ab.azi1 as number)) * Math.PI) / 180;
  return Math.abs((axr.s12 as number) * Math.sin(angle));
}

describe('crossingPoint', () => {
  it('puts chord points of 1 km edges onto the geodesic within 1e-6 m (the chord is ~1 cm off)', () => {
    const random = seededRandom(11);
    const out = new Float64Array(2);
    let worstChord = 0;
    let worstSnapped = 0;
    for (let k = 0; k < 200; k++) {
      const lat = random() * 60;
      const end = wgs84.Direct(lat, 112, random() * 360, 1000);
      const [bx, by] = [end.lon2 as number, end.lat2 as number];
      const t = random();
      const chord = [112 + t * (bx - 112), lat + t * (by - lat)];
      crossingPoint(112, lat, bx, by, t, out);
      worstChord = Math.max(worstChord, offGeodesic(112, lat, bx, by, chord[0], chord[1]));
      worstSnapped = Math.max(worstSnapped, offGeodesic(112, lat, bx, by, out[0], out[1]));
    }
    expect(worstChord).toBeGreaterThan(0.005);
    expect(worstSnapped).toBeLessThan(1e-6);
  });

  it('places a boundary crossing on the polygon\'s geodesic edge and on the region\'s chord', () => {
    const random = seededRandom(12);
    const out = new Float64Array(2);
    for (let k = 0; k < 100; k++) {
      const lat = random() * 60;
      const end = wgs84.Direct(lat, 112, random() * 360, 2000);
      const [qx, qy] = [end.lon2 as number, end.lat2 as number];
      // A region chord through the chord point at tA, at a random angle.
      const tA = 0.1 + 0.8 * random();
      const cx = 112 + tA * (qx - 112);
      const cy = lat + tA * (qy - lat);
      const angle = random() * Math.PI;
      const [ux, uy, vx, vy] = [cx - 0.01 * Math.cos(angle), cy - 0.01 * Math.sin(angle), cx + 0.01 * Math.cos(angle), cy + 0.01 * Math.sin(angle)];
      if (Math.abs(Math.sin(angle - Math.atan2(qy - lat, qx - 112))) < 0.2) continue; // nearly parallel
      edgeCrossing(112, lat, qx, qy, ux, uy, vx, vy, tA, out);
      // The chord is up to ~5 cm off the geodesic on 2 km edges; the point is within 10 µm of it.
      expect(offGeodesic(112, lat, qx, qy, out[0], out[1])).toBeLessThan(1e-5);
      // On the chord U→V: cross product relative to its length ~ 0 (in degrees, 1e-12 ≈ 0.1 µm).
      const cross = (vx - ux) * (out[1] - uy) - (vy - uy) * (out[0] - ux);
      expect(Math.abs(cross) / Math.hypot(vx - ux, vy - uy)).toBeLessThan(1e-12);
    }
  });
});
