/** Regression tests for the defect classes of issue 18, each from a shape built for it. */
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from '../geodesicArea.ts';
import { geodesicReferenceArea } from '../testing/geodesicReference.ts';
import { zoneStatistics } from '../zoneStatistics.ts';

const polygon = (ring: Position[], properties: Record<string, unknown>): Feature<Polygon> => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } });
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const rectangle = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const covered = (region: Position[], zones: Position[][]): number =>
  zoneStatistics(collection([polygon(region, { name: 'R' })]), collection(zones.map((z) => polygon(z, { kind: 'A' })))).regions[0].zones.A.area_m2;
describe('issue 18 regressions', () => {
  it('a region covered by a rectangle zone plus a thin sliver of the same kind: all of it, not less', () => {
    const region = rectangle(112, 36, 112.03456729991787, 36.1126110925736);
    // The sliver runs from the west edge to the top edge (a parallel, so not on the geodesic).
    const sliver: Position[] = [[112, 36.077532899730016], [112.03152522190021, 36.1126110925736], [112.01576133340824, 36.09507035001458], [112, 36.077532899730016]];
    const share = covered(region, [region, sliver]) / geodesicArea({ type: 'Polygon', coordinates: [region] });
    expect(Math.abs(share - 1)).toBeLessThan(1e-9);
    // The same with the sliver sticking out of the region along an edge.
    const along: Position[] = [[112.01001095682383, 36.04087907303128], [112.0032967313489, 36.194152903393054], [112.00665639483478, 36.11751641671488], [112.01001095682383, 36.04087907303128]];
    const narrow = rectangle(112, 36, 112.01001095682383, 36.194152903393054);
    expect(Math.abs(covered(narrow, [narrow, along]) / geodesicArea({ type: 'Polygon', coordinates: [narrow] }) - 1)).toBeLessThan(1e-9);
  });

  it('a zone differing from the region in the last digits, with a sliver: an answer, no exception', () => {
    // polygon-clipping, the old fallback, threw "Unable to complete output ring" on these.
    const region: Position[] = [[112, 17.158398213943837], [112.00045949205598, 17.158398213943837], [112.00045949205598, 17.158857705999818], [112, 17.158857705999818], [112, 17.158398213943837]];
    const ghost: Position[] = [[112.00000000000001, 17.158398213943848], [112.000459492056, 17.158398213943833], [112.00045949205595, 17.15885770599981], [112, 17.15885770599981], [112.00000000000001, 17.158398213943848]];
    const sliver: Position[] = [[112, 17.158857705999818], [112.00045949205598, 17.158398213943837], [112.00022974652799, 17.158627960469104], [112, 17.158857705999818]];
    const area = covered(region, [ghost, sliver]);
    // ghost ∪ sliver covers the region up to slivers a few units in the last place wide.
    expect(Math.abs(area / geodesicArea({ type: 'Polygon', coordinates: [region] }) - 1)).toBeLessThan(1e-9);
  });

  it('with 30 km edges at 36° N: the same figure either way round, and the true geodesic one', () => {
    const square = rectangle(112, 36, 112.3, 36.3);
    const triangle: Position[] = [[112.05, 36.05], [112.5, 36.1], [112.1, 36.5], [112.05, 36.05]];
    const forward = covered(square, [triangle]);
    const backward = covered(triangle, [square]);
    expect(Math.abs(forward / backward - 1)).toBeLessThan(1e-9);
    const reference = geodesicReferenceArea([[square]], [[[triangle]]], 50);
    expect(Math.abs(forward - reference)).toBeLessThan(Math.max(1e-9 * reference, 1));
    // A far-away part of the region changes nothing here.
    const withFar = zoneStatistics(
      collection([{ type: 'Feature', properties: { name: 'R' }, geometry: { type: 'MultiPolygon', coordinates: [[square], [rectangle(115, 40, 115.5, 40.5)]] } }]),
      collection([polygon(triangle, { kind: 'A' })]),
    ).regions[0].zones.A.area_m2;
    expect(withFar).toBe(forward);
  });
});
