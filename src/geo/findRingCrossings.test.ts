import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { findRingCrossings, type RingCrossing } from './findRingCrossings.ts';
import { FlatRings } from './flatRings.ts';
import { seededRandom } from './testing/geographiclibReference.ts';

const key = (c: RingCrossing): string => `${c.kind} ${c.part}/${c.ring}-${c.otherPart}/${c.otherRing} ${c.how} ${c.position[0]},${c.position[1]}`;
const found = (flat: FlatRings, candidates: 'grid' | 'sweep'): string[] => findRingCrossings(flat, 1_000_000, candidates).map(key).sort();

/** A closed random walk of `n` steps around (x, y); self-intersecting more often than not. */
function walk(random: () => number, x: number, y: number, n: number, step: number, lattice: boolean): Position[] {
  const ring: Position[] = [];
  let px = x;
  let py = y;
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    // Drift round a circle, with jitter; on a lattice every coordinate is a multiple of `step`.
    px += Math.cos(a + Math.PI / 2) * step * 2 + (random() - 0.5) * step * 4;
    py += Math.sin(a + Math.PI / 2) * step * 2 + (random() - 0.5) * step * 4;
    ring.push(lattice ? [Math.round(px / step) * step, Math.round(py / step) * step] : [px, py]);
  }
  ring.push(ring[0]);
  return ring;
}

describe('findRingCrossings', () => {
  it('finds through its grid exactly what the plane sweep finds: crossings, overlaps, touches', () => {
    const random = seededRandom(41);
    let withCrossings = 0;
    let clean = 0;
    for (let k = 0; k < 300; k++) {
      const lattice = k % 3 === 0;
      const n = 20 + Math.floor(random() * 400);
      const step = lattice ? 1 : 0.001 + random() * 0.01;
      const flat = new FlatRings();
      const parts = 1 + (k % 4 === 0 ? Math.floor(random() * 3) : 0);
      for (let part = 0; part < parts; part++) {
        flat.addRing(walk(random, 100 * random(), 100 * random(), n, step, lattice), part, 0);
        // Sometimes a second ring near the first (a hole that may cross its shell).
        if (k % 5 === 0) flat.addRing(walk(random, 100 * random(), 100 * random(), 10 + (n >> 2), step, lattice), part, 1);
      }
      const grid = found(flat, 'grid');
      expect(grid).toEqual(found(flat, 'sweep'));
      if (grid.length > 0) withCrossings++;
      else clean++;
    }
    // Both outcomes are well represented.
    expect(withCrossings).toBeGreaterThan(50);
    expect(clean).toBeGreaterThan(10);
  });

  it('finds nothing on a simple ring of 5,000 wiggly vertices, and the one crossing put into it', () => {
    const ring: Position[] = [];
    for (let k = 0; k < 5000; k++) {
      const a = (2 * Math.PI * k) / 5000;
      const r = 0.3 * (1 + 0.25 * Math.sin(7 * a) + 0.02 * Math.sin(331 * a));
      ring.push([113 + r * Math.cos(a), 36 + r * Math.sin(a)]);
    }
    ring.push(ring[0]);
    expect(findRingCrossings(new FlatRings().addPolygons([[ring]]))).toEqual([]);
    // Swap two vertices far apart along the ring: their edges now cross the ring.
    const twisted = ring.slice(0, -1);
    [twisted[1000], twisted[1001]] = [twisted[1001], twisted[1000]];
    twisted.push(twisted[0]);
    const crossings = findRingCrossings(new FlatRings().addPolygons([[twisted]]));
    expect(crossings.length).toBeGreaterThan(0);
    expect(crossings[0].kind).toBe('self-intersection');
  });
});
