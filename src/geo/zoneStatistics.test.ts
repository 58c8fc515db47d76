import { readFileSync } from 'node:fs';
import polygonClipping, { type Geom } from 'polygon-clipping';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from './geodesicArea.ts';
import { GeometryError } from './GeometryError.ts';
import { wgs84 } from './geographiclib.ts';
import { alongChords, blob, blobZones, gridRegions } from './testing/statsFixtures.ts';
import { geodesicReferenceArea } from './testing/geodesicReference.ts';
import { seededRandom } from './testing/geographiclibReference.ts';
import { zoneStatistics } from './zoneStatistics.ts';

type Areal = Feature<Polygon | MultiPolygon>;
const collection = <T extends Feature>(features: T[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const polygonFeature = (rings: Position[][], properties: Record<string, unknown>): Areal => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: rings },
});

const ringsOf = (f: Areal): Position[][][] => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);

/**
 * Independent expectation in the overlay's edge model (geodesic edges): every edge densified along
 * its geodesic by GeographicLib, polygon-clipping's union and intersection, GeographicLib's area.
 */
function referenceArea(region: Areal, zones: Areal[]): number {
  return geodesicReferenceArea(ringsOf(region), zones.map(ringsOf));
}

function expectAgreement(regions: FeatureCollection, zones: FeatureCollection, tolerance = 1e-6): void {
  const result = zoneStatistics(regions, zones);
  const kinds = [...new Set(zones.features.map((f) => String(f.properties?.kind)))];
  result.regions.forEach((stats, r) => {
    const region = regions.features[r] as Areal;
    expect(stats.area_m2).toBe(geodesicArea(region.geometry));
    for (const kind of kinds) {
      const ofKind = zones.features.filter((f) => f.properties?.kind === kind) as Areal[];
      const expected = referenceArea(region, ofKind);
      const ours = stats.zones[kind].area_m2;
      // Within `tolerance` relative, or 1 m² (the issue's bound for the overlay against the reference).
      expect(Math.abs(ours - expected), `${stats.name}/${kind}`).toBeLessThanOrEqual(Math.max(tolerance * expected, 1));
      expect(stats.zones[kind].share).toBeCloseTo(ours / stats.area_m2, 15);
    }
  });
}

describe('zoneStatistics areas agree with a geodesic reference (densified edges, polygon-clipping, GeographicLib)', { timeout: 60_000 }, () => {
  const regions = gridRegions(112.5, 36, 0.2, 3, 2);

  it('for 60 irregular zones over six regions with jagged shared borders', () => {
    const zones = blobZones(112.45, 35.95, 0.7, 0.5, 60);
    const result = zoneStatistics(regions, zones);
    // The fixture really exercises clipping: many zones cross a border.
    expect(result.diagnostics.clippedPairs).toBeGreaterThan(15);
    expectAgreement(regions, zones);
  });

  it('counts overlapping zones of one kind once, and different kinds separately', () => {
    const random = seededRandom(5);
    const a = blob(112.6, 36.1, 0.08, 200, random);
    const b = blob(112.65, 36.12, 0.08, 200, random);
    const zones = collection([
      polygonFeature([a], { kind: 'wetland' }),
      polygonFeature([b], { kind: 'wetland' }),
      polygonFeature([b], { kind: 'spring' }),
    ]);
    const result = zoneStatistics(regions, zones);
    expect(result.diagnostics.mergedGroups).toBe(1);
    expectAgreement(regions, zones);
    const total = (kind: string): number => result.regions.reduce((s, r) => s + r.zones[kind].area_m2, 0);
    expect(total('wetland')).toBeLessThan(geodesicArea({ type: 'Polygon', coordinates: [a] }) + geodesicArea({ type: 'Polygon', coordinates: [b] }));
  });

  it('for degenerate contacts: a zone sharing border edges, a vertex on a border, a zone equal to a region', () => {
    const r1 = (regions.features[0]).geometry.coordinates[0];
    // Left half of R1's bottom edge up to the jagged right border: shares the bottom edge.
    const sharing = alongChords([r1[0], r1[1], r1[2], [r1[2][0], 36.05], [r1[0][0], 36.05], r1[0]]);
    const vertexOnBorder = alongChords([[112.65, 36.02], [112.7, 36.03], [112.68, 36.08], [112.65, 36.02]]);
    const zones = collection([
      polygonFeature([sharing], { kind: 'A' }),
      polygonFeature([vertexOnBorder], { kind: 'B' }),
      polygonFeature([r1], { kind: 'C' }),
    ]);
    const result = zoneStatistics(regions, zones);
    // Shared edges and vertices are resolved by the boundary integral itself, without polygon-clipping.
    expect(result.diagnostics.fallbackPairs).toBe(0);
    expectAgreement(regions, zones);
    expect(result.regions[0].zones.C.share).toBeCloseTo(1, 12);
  });

  it('for zones with holes, multipolygons and a region with a hole', () => {
    const random = seededRandom(9);
    const outer = blob(112.7, 36.2, 0.12, 50, random);
    const hole = blob(112.7, 36.2, 0.04, 20, random).reverse();
    const islands: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[blob(112.55, 36.05, 0.03, 12, random)], [blob(112.95, 36.3, 0.04, 15, random)]],
    };
    const zones = collection([
      polygonFeature([outer, hole], { kind: 'A' }),
      { type: 'Feature', properties: { kind: 'B' }, geometry: islands },
    ]);
    const holed = collection([
      polygonFeature([gridRegions(112.5, 36, 0.4, 1, 1).features[0].geometry.coordinates[0], blob(112.7, 36.22, 0.06, 25, random).reverse()], {
        name: 'holed',
      }),
    ]);
    expectAgreement(regions, zones);
    expectAgreement(holed, zones);
  });
});

describe('zoneStatistics on zones cut exactly at the real Changzhi county borders', { timeout: 60_000 }, () => {
  // The data pipeline cuts schematic zones at county borders, so zones share edges and vertices
  // with the counties. Built here the same way from the pack's own counties.
  const counties = JSON.parse(readFileSync(new URL('../../data/changzhi/counties.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const rings = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  const shape = blob(112.95, 36.35, 0.45, 600, seededRandom(8));
  const pieces = counties.features
    .map((c) => polygonClipping.intersection([shape] as Geom, rings(c.geometry) as Geom) as Position[][][])
    .filter((p) => p.length > 0);
  const multi = (coordinates: Position[][][], kind: string): Feature<MultiPolygon> => ({
    type: 'Feature',
    properties: { kind },
    geometry: { type: 'MultiPolygon', coordinates },
  });
  /** The shape's part in a county in the geodesic edge model (`geodesicReferenceArea`). */
  const expectedIn = (county: Feature<Polygon | MultiPolygon>): number => geodesicReferenceArea(rings(county.geometry), [[[shape]]]);
  const piecesIn = (county: Feature<Polygon | MultiPolygon>): number => geodesicReferenceArea(rings(county.geometry), pieces);
  /** Relative difference (to at least 1 km²): the overlay cuts chords within 1 mm of the geodesic. */
  const close = (ours: number, expected: number): number => Math.abs(ours - expected) / Math.max(expected, 1e6);

  it('gives each county the area of its own piece (1e-8), touching pieces next to nothing', () => {
    const result = zoneStatistics(counties, collection(pieces.map((p) => multi(p, 'cut'))));
    expect(pieces.length).toBeGreaterThan(5);
    // Adjacent parcels of one kind share edges but do not overlap: none is merged.
    expect(result.diagnostics.mergedGroups).toBe(0);
    // Every piece touches the neighbouring counties along their common border.
    expect(result.diagnostics.clippedPairs).toBeGreaterThan(pieces.length);
    let meeting = 0;
    result.regions.forEach((stats, i) => {
      const expected = piecesIn(counties.features[i]);
      if (expected < 1) {
        expect(stats.zones.cut.area_m2).toBeLessThan(1);
        return;
      }
      meeting++;
      expect(close(stats.zones.cut.area_m2, expected), stats.name).toBeLessThan(1e-8);
    });
    expect(meeting).toBe(pieces.length);
    const sum = result.regions.reduce((s, r) => s + r.zones.cut.area_m2, 0);
    const sumOfPieces = pieces.reduce((s, p) => s + geodesicArea({ type: 'MultiPolygon', coordinates: p }), 0);
    expect(Math.abs(sum / sumOfPieces - 1)).toBeLessThan(1e-9);
  });

  it('counts a piece drawn twice (an overlap along every edge) once', () => {
    const twice = [...pieces, ...pieces].map((p) => multi(p, 'twice'));
    const result = zoneStatistics(counties, collection(twice));
    expect(result.diagnostics.mergedGroups).toBe(pieces.length);
    result.regions.forEach((stats, i) => {
      const expected = piecesIn(counties.features[i]);
      expect(close(stats.zones.twice.area_m2, expected), stats.name).toBeLessThan(1e-8);
    });
  });

  it('gives a zone equal to a county share 1 there and 0 in its neighbours', () => {
    const k = 3;
    const result = zoneStatistics(counties, collection([{ ...counties.features[k], properties: { kind: 'same' } }]));
    expect(result.diagnostics.fallbackPairs).toBe(0);
    result.regions.forEach((stats, i) => {
      if (i === k) expect(stats.zones.same.share).toBeCloseTo(1, 12);
      else expect(stats.zones.same.share).toBeLessThan(1e-12);
    });
  });

  it('cuts the uncut shape at the borders so that its parts add up to its geodesicArea', () => {
    const result = zoneStatistics(counties, collection([polygonFeature([shape], { kind: 'whole' })]));
    expect(result.diagnostics.fallbackPairs).toBe(0);
    const sum = result.regions.reduce((s, r) => s + r.zones.whole.area_m2, 0);
    expect(Math.abs(sum / geodesicArea({ type: 'Polygon', coordinates: [shape] }) - 1)).toBeLessThan(1e-9);
    // The shape's edges (up to 3 km, bent by ~0.1 m) are cut where their geodesics cross the borders.
    result.regions.forEach((stats, i) => {
      const expected = expectedIn(counties.features[i]);
      expect(close(stats.zones.whole.area_m2, expected), stats.name).toBeLessThan(1e-8);
    });
  });
});

describe('zoneStatistics lines and points', { timeout: 60_000 }, () => {
  const regions = gridRegions(112.5, 36, 0.2, 2, 1);
  const line = (coordinates: Position[], kind: string): Feature => ({ type: 'Feature', properties: { kind }, geometry: { type: 'LineString', coordinates } });
  const point = (coordinates: Position, kind: string): Feature => ({ type: 'Feature', properties: { kind }, geometry: { type: 'Point', coordinates } });
  const distance = (a: Position, b: Position): number => wgs84.Inverse(a[1], a[0], b[1], b[0]).s12 as number;

  it('splits line length at region borders and counts points inside', () => {
    // R1 and R2 meet at the corner (112.7, 36); their bottom edges lie on the parallel 36°.
    const west: Position = [112.55, 36];
    const corner: Position = [112.7, 36];
    const east: Position = [112.85, 36];
    const zones = collection([
      line([west, east], 'river'),
      line([[112.6, 36.1], [112.62, 36.12]], 'river'),
      point([112.6, 36.1], 'well'),
      point([112.8, 36.1], 'well'),
      point([112.8, 36.15], 'well'),
      point([113.5, 36.1], 'well'),
      point(corner, 'well'),
    ]);
    const result = zoneStatistics(regions, zones);
    const [r1, r2] = result.regions;
    // The first line runs along the regions' outer boundary: each piece goes to the region it
    // borders, cut at the corner; the pieces add up to the whole geodesic length.
    const inner = distance([112.6, 36.1], [112.62, 36.12]);
    const total = distance(west, east) + inner;
    expect(Math.abs(r1.zones.river.length_m + r2.zones.river.length_m - total)).toBeLessThan(1e-5);
    expect(r1.zones.river.length_m).toBeCloseTo(distance(west, corner) + inner, 2);
    expect(r2.zones.river.length_m).toBeCloseTo(distance(corner, east), 2);
    // A point on the shared corner counts once, for the first region.
    expect(r1.zones.well.count).toBe(2);
    expect(r2.zones.well.count).toBe(2);
    expect(r1.zones.river.area_m2).toBe(0);
  });

  it('cuts a line where its geodesic crosses a border', () => {
    const regionsStraight = collection([
      polygonFeature([[[112, 36], [113, 36], [113, 37], [112, 37], [112, 36]]], { name: 'W' }),
      polygonFeature([[[113, 36], [114, 36], [114, 37], [113, 37], [113, 36]]], { name: 'E' }),
    ]);
    const a: Position = [112.9, 36.5];
    const b: Position = [113.3, 36.5];
    // Where the geodesic a→b meets the meridian 113 (the border), found by bisection.
    const geodesic = wgs84.InverseLine(a[1], a[0], b[1], b[0]);
    let lo = 0;
    let hi = geodesic.s13;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if ((geodesic.Position(mid).lon2 as number) < 113) lo = mid;
      else hi = mid;
    }
    const result = zoneStatistics(regionsStraight, collection([line([a, b], 'river')]));
    expect(result.regions[0].zones.river.length_m).toBeCloseTo(lo, 4);
    expect(result.regions[1].zones.river.length_m).toBeCloseTo(geodesic.s13 - lo, 4);
  });
});

describe('zoneStatistics input handling', { timeout: 60_000 }, () => {
  const regions = gridRegions(112.5, 36, 0.2, 2, 1);

  it('refuses invalid geometry and missing properties, naming layer and feature', () => {
    const bowTie: Position[] = [[112.6, 36.05], [112.65, 36.1], [112.65, 36.05], [112.6, 36.1], [112.6, 36.05]];
    const zones = collection([polygonFeature([bowTie], { kind: 'A' }), polygonFeature([blob(112.6, 36.1, 0.01, 10, Math.random)], {})]);
    try {
      zoneStatistics(regions, zones);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GeometryError);
      const issues = (error as GeometryError).issues;
      expect(issues.map((i) => [i.layer, i.featureIndex, i.code])).toEqual([
        ['zones', 0, 'self-intersection'],
        ['zones', 1, 'missing-property'],
      ]);
    }
  });

  it('reports progress and stops when the signal is aborted', () => {
    const zones = blobZones(112.45, 35.95, 0.5, 0.3, 600);
    const seen: string[] = [];
    const controller = new AbortController();
    expect(() =>
      zoneStatistics(regions, zones, {
        onProgress: (p) => {
          seen.push(p.phase);
          if (p.phase === 'overlay' && p.done >= 250) controller.abort();
        },
        signal: controller.signal,
      }),
    ).toThrow(/abort/i);
    expect(seen).toContain('validate');
    expect(seen).toContain('overlay');
  });

  it('uses custom region and kind keys', () => {
    const renamed = collection(regions.features.map((f, i) => ({ ...f, properties: { county: `C${i}` } })));
    const zones = collection([polygonFeature([blob(112.6, 36.1, 0.02, 12, seededRandom(1))], { type: 'X' })]);
    const result = zoneStatistics(renamed, zones, { regionKey: 'county', kindKey: 'type' });
    expect(result.regions.map((r) => r.name)).toEqual(['C0', 'C1']);
    expect(result.regions[0].zones.X.area_m2).toBeGreaterThan(0);
  });
});
