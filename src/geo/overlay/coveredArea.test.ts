import type { Position } from 'geojson';
import polygonClipping, { type Geom } from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/geographiclibReference.ts';
import { blob } from '../testing/statsFixtures.ts';
import { coveredArea, zoneGroup } from './coveredArea.ts';
import { indexEdges } from './edgeIndex.ts';
import { clipperCoveredArea } from './clipperArea.ts';
import { preparePolygon } from './preparedPolygon.ts';

/**
 * Unions of random cells of a 0.001° lattice, built on integers (exactly) and given a vertex at
 * every lattice point along their edges: every contact between two of them is a shared vertex or
 * a shared edge, in the same or the opposite direction — the hardest input for an overlay.
 */
function latticePolygon(random: () => number, cells: number): Position[][][] {
  const boxes = Array.from({ length: cells }, () => {
    const i = Math.floor(random() * 12);
    const j = Math.floor(random() * 12);
    const w = 1 + Math.floor(random() * 5);
    const h = 1 + Math.floor(random() * 5);
    return [[[i, j], [i + w, j], [i + w, j + h], [i, j + h], [i, j]]];
  });
  const union = polygonClipping.union(boxes[0] as Geom, ...(boxes.slice(1) as Geom[])) as Position[][][];
  return union.map((polygon) =>
    polygon.map((ring) => {
      const out: Position[] = [];
      for (let k = 0; k + 1 < ring.length; k++) {
        const [i1, j1] = ring[k];
        const [i2, j2] = ring[k + 1];
        const n = Math.max(Math.abs(i2 - i1), Math.abs(j2 - j1));
        for (let m = 0; m < n; m++) out.push([112 + 0.001 * (i1 + ((i2 - i1) * m) / n), 36 + 0.001 * (j1 + ((j2 - j1) * m) / n)]);
      }
      out.push(out[0]);
      return out;
    }),
  );
}

describe('coveredArea of a union of zones', { timeout: 60_000 }, () => {
  it('measures unions of overlapping, touching and nested lattice zones as Clipper does, to 1e-12', () => {
    const random = seededRandom(31);
    for (let k = 0; k < 40; k++) {
      const zones = Array.from({ length: 2 + (k % 3) }, () => preparePolygon(latticePolygon(random, 1 + Math.floor(random() * 3))));
      const group = zoneGroup(zones);
      const union = clipperCoveredArea(zones, null);
      expect(Math.abs((group.area as number) - union)).toBeLessThan(1e-12 * union);
      const region = preparePolygon(latticePolygon(random, 3));
      const ours = coveredArea(region, indexEdges(region), group);
      const exact = clipperCoveredArea(zones, region);
      expect(ours).not.toBeNull();
      expect(Math.abs((ours as number) - exact)).toBeLessThan(1e-12 * union);
    }
  });

  it('counts a zone nested in another once, and equals the sum of the parts for zones that only touch', () => {
    const random = seededRandom(32);
    const outer = preparePolygon([[blob(112.6, 36.1, 0.05, 120, random)]]);
    const inner = preparePolygon([[blob(112.6, 36.1, 0.01, 40, random)]]);
    expect(zoneGroup([outer, inner]).area).toBeCloseTo(outer.area, 3);
    expect(zoneGroup([inner, outer]).area).toBeCloseTo(outer.area, 3);
    // Two halves of a square sharing the middle edge, in opposite directions.
    const west = preparePolygon([[[[112, 36], [112.05, 36], [112.05, 36.1], [112, 36.1], [112, 36]]]]);
    const east = preparePolygon([[[[112.05, 36], [112.1, 36], [112.1, 36.1], [112.05, 36.1], [112.05, 36]]]]);
    const whole = clipperCoveredArea([west, east], null);
    expect(Math.abs((zoneGroup([west, east]).area as number) / whole - 1)).toBeLessThan(1e-12);
    expect(Math.abs((west.area + east.area) / whole - 1)).toBeLessThan(1e-12);
  });
});
