import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/geographiclibReference.ts';
import { blob, gridRegions } from '../testing/statsFixtures.ts';
import { indexEdges } from './edgeIndex.ts';
import { fallbackOverlapArea } from './fallbackOverlapArea.ts';
import { overlapArea } from './overlapArea.ts';
import { preparePolygon } from './preparedPolygon.ts';

describe('overlapArea', { timeout: 60_000 }, () => {
  const regions = gridRegions(112.5, 36, 0.1, 3, 3, 4).features.map((f) => preparePolygon([f.geometry.coordinates]));
  const indexes = regions.map(indexEdges);

  it('cuts every zone into parts that add up to its own area (within 1e-12) over regions that tile it', () => {
    const random = seededRandom(21);
    let clipped = 0;
    for (let k = 0; k < 200; k++) {
      // Centres and radii keep every zone inside the regions' union.
      const zone = preparePolygon([[blob(112.55 + 0.2 * random(), 36.05 + 0.2 * random(), 0.005 + 0.03 * random(), 30 + Math.floor(80 * random()), random)]]);
      const parts = regions.map((region, r) => overlapArea(zone, region, indexes[r]));
      expect(parts).not.toContain(null);
      const sum = (parts as number[]).reduce((s, a) => s + a, 0);
      expect(Math.abs(sum / zone.area - 1)).toBeLessThan(1e-12);
      if ((parts as number[]).filter((a) => a > 0).length > 1) clipped++;
    }
    expect(clipped).toBeGreaterThan(40);
  });

  it('agrees with polygon-clipping on every pair, holes included', () => {
    const random = seededRandom(22);
    for (let k = 0; k < 40; k++) {
      const x = 112.52 + 0.26 * random();
      const y = 36.02 + 0.26 * random();
      const r = 0.005 + 0.03 * random();
      const rings: Position[][] = [blob(x, y, r, 60, random)];
      if (k % 2 === 0) rings.push(blob(x, y, r / 3, 20, random).reverse());
      const zone = preparePolygon([rings]);
      for (let i = 0; i < regions.length; i++) {
        const ours = overlapArea(zone, regions[i], indexes[i]);
        const exact = fallbackOverlapArea(zone, regions[i]);
        // polygon-clipping puts crossing points on straight lon/lat chords, we on the zone's geodesic
        // edge: for ~400 m edges that differs by ~1 m² per crossing, < 1e-7 of the zone.
        if (exact === 0) expect(ours).toBe(0);
        else expect(Math.abs((ours as number) - exact)).toBeLessThan(1e-7 * zone.area);
      }
    }
  });

  it('declines touching boundaries (null) instead of guessing', () => {
    const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
    const region = preparePolygon([[square(112, 36, 0.1)]]);
    const index = indexEdges(region);
    expect(overlapArea(preparePolygon([[square(112.1, 36.02, 0.05)]]), region, index)).toBeNull(); // shares an edge line
    expect(overlapArea(preparePolygon([[square(112.05, 36.1, 0.05)]]), region, index)).toBeNull(); // shares part of an edge
    expect(overlapArea(preparePolygon([[square(112.02, 36.02, 0.05)]]), region, index)).toBe(preparePolygon([[square(112.02, 36.02, 0.05)]]).area);
    expect(overlapArea(preparePolygon([[square(113, 36, 0.05)]]), region, index)).toBe(0);
  });
});
