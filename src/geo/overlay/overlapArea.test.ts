import type { Position } from 'geojson';
import polygonClipping, { type Geom } from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from '../geodesicArea.ts';
import { geodesicReferenceArea } from '../testing/geodesicReference.ts';
import { seededRandom } from '../testing/geographiclibReference.ts';
import { blob, gridRegions } from '../testing/statsFixtures.ts';
import { indexEdges } from './edgeIndex.ts';
import { fallbackOverlapArea } from './fallbackOverlapArea.ts';
import { overlapArea } from './overlapArea.ts';
import { preparePolygon } from './preparedPolygon.ts';

const relative = (value: number | null, reference: number): number => Math.abs((value ?? Number.NaN) / reference - 1);

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

  it('resolves touching boundaries exactly: shared edges count once, touches from outside not at all', () => {
    const square = (x: number, y: number, w: number, h = w): Position[] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
    const areaOf = (ring: Position[]): number => geodesicArea({ type: 'Polygon', coordinates: [ring] });
    const region = preparePolygon([[square(112, 36, 0.1)]]);
    const index = indexEdges(region);
    const overlap = (ring: Position[]): number | null => overlapArea(preparePolygon([[ring]]), region, index);
    // Outside, sharing part of a meridian edge, or only a corner: nothing.
    expect(overlap(square(112.1, 36.02, 0.05))).toBe(0);
    expect(overlap(square(112.1, 36.1, 0.05))).toBe(0);
    // Part of a parallel: edges are geodesics, so the region's longer top edge bulges further north
    // than the square's bottom edge, and the thin lens between them (~2,600 m²) is shared.
    const reference = (ring: Position[]): number => geodesicReferenceArea([[square(112, 36, 0.1)]], [[[ring]]], 50);
    const lens = overlap(square(112.05, 36.1, 0.05))!;
    expect(lens).toBeGreaterThan(1000);
    expect(Math.abs(lens - reference(square(112.05, 36.1, 0.05)))).toBeLessThan(1);
    // Inside, along two edges of the region, or equal to it: all of it.
    expect(relative(overlap(square(112.05, 36.05, 0.05)), areaOf(square(112.05, 36.05, 0.05)))).toBeLessThan(1e-12);
    expect(relative(overlap(square(112, 36, 0.1)), region.area)).toBeLessThan(1e-12);
    // Straddling the region's east edge and sharing its bottom and top lines: the part inside is
    // the rectangle 112.05–112.1 (its corners are vertices of one side lying on the other's edges).
    expect(Math.abs(overlap(square(112.05, 36, 0.1, 0.1))! - reference(square(112.05, 36, 0.1, 0.1)))).toBeLessThan(1);
    // A vertex on the region's edge, pointing out.
    const kite: Position[] = [[112.05, 36.02], [112.1, 36.05], [112.15, 36.03], [112.1, 36.08], [112.05, 36.02]];
    expect(relative(overlap(kite), areaOf([[112.05, 36.02], [112.1, 36.05], [112.1, 36.08], [112.05, 36.02]]))).toBeLessThan(1e-9);
  });

  describe('on lattice polygons full of shared edges, vertices on edges and touching corners', () => {
    // Unions of random cells of a 0.001° lattice (built on integers, exactly): boundaries run along
    // the same lattice lines, edges overlap in part, in the same or the opposite direction.
    const step = 0.001;
    const latticeRings = (random: () => number, count: number): Position[][][] => {
      const cells = Array.from({ length: count }, () => {
        const i = Math.floor(random() * 12);
        const j = Math.floor(random() * 12);
        const w = 1 + Math.floor(random() * 5);
        const h = 1 + Math.floor(random() * 5);
        return [[[i, j], [i + w, j], [i + w, j + h], [i, j + h], [i, j]]];
      });
      return polygonClipping.union(cells[0] as Geom, ...(cells.slice(1) as Geom[]));
    };
    /** Integer rings to degrees, with a vertex at every lattice point along the edges if `dense`. */
    const toDegrees = (polygons: Position[][][], dense: boolean): Position[][][] =>
      polygons.map((polygon) =>
        polygon.map((ring) => {
          const out: Position[] = [];
          for (let k = 0; k + 1 < ring.length; k++) {
            const [i1, j1] = ring[k];
            const [i2, j2] = ring[k + 1];
            const n = dense ? Math.max(Math.abs(i2 - i1), Math.abs(j2 - j1)) : 1;
            for (let m = 0; m < n; m++) out.push([112 + step * (i1 + ((i2 - i1) * m) / n), 36 + step * (j1 + ((j2 - j1) * m) / n)]);
          }
          out.push(out[0]);
          return out;
        }),
      );

    it('with a vertex at every lattice point (every contact a shared vertex or edge): as polygon-clipping to 1e-12', () => {
      const random = seededRandom(23);
      let touching = 0;
      for (let k = 0; k < 60; k++) {
        const region = preparePolygon(toDegrees(latticeRings(random, 3 + (k % 4)), true));
        const zone = preparePolygon(toDegrees(latticeRings(random, 2 + (k % 3)), true));
        const ours = overlapArea(zone, region, indexEdges(region));
        const exact = fallbackOverlapArea(zone, region);
        expect(ours).not.toBeNull();
        expect(Math.abs((ours as number) - exact)).toBeLessThan(1e-12 * zone.area);
        if (exact === 0 && zone.minX <= region.maxX && zone.maxX >= region.minX && zone.minY <= region.maxY && zone.maxY >= region.minY) touching++;
      }
      expect(touching).toBeGreaterThan(0);
    });

    it('with edges crossing between vertices: as polygon-clipping up to the geodesic bend of the zone’s edges', () => {
      const random = seededRandom(24);
      for (let k = 0; k < 60; k++) {
        const region = preparePolygon(toDegrees(latticeRings(random, 3 + (k % 4)), false));
        const zone = preparePolygon(toDegrees(latticeRings(random, 2 + (k % 3)), false));
        const ours = overlapArea(zone, region, indexEdges(region));
        const exact = fallbackOverlapArea(zone, region);
        expect(ours).not.toBeNull();
        // polygon-clipping puts crossings on straight lon/lat chords, we on the zone's geodesic
        // edge: up to ~1 mm off on these edges of up to 1.5 km, a few 0.01 m² per crossing.
        if (exact === 0) expect(ours).toBeLessThan(1e-9 * zone.area);
        else expect(Math.abs((ours as number) - exact)).toBeLessThan(1e-5 * zone.area);
      }
    });
  });
});
