/**
 * The breakdown of measured shapes over the real Changzhi pack, against an independent overlay:
 * turf.intersect / turf.union (polyclip-ts, planar) with GeographicLib's exact areas. Shapes and
 * zones are densified along their lon/lat chords first (alongChords), so that planar clipping and
 * the geo core's geodesic edges describe the same shapes.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfIntersect from '@turf/intersect';
import turfUnion from '@turf/union';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicLength } from '../geo/geodesicLength.ts';
import { referencePolygonArea } from '../geo/testing/geographiclibReference.ts';
import { alongChords } from '../geo/testing/statsFixtures.ts';
import { wgs84 } from '../geo/geographiclib.ts';
import { measurementBreakdown, prepareBreakdownContext, type MeasurementBreakdown } from './breakdown.ts';
import { measuredFigures } from './measuredFigures.ts';
import { changzhiPack, layerOf, type TestLayer } from './testing/changzhiPack.ts';
import { RENAMED_IDS, renamedChangzhiFiles } from '../pack/testing/renamedPack.ts';
import type { PackManifest } from '../pack/types.ts';

const { layers: packLayers } = changzhiPack();

/** The pack with every polygon densified along its chords (county edges reach 3.4 km). */
const layers: TestLayer[] = packLayers.map((layer) => ({
  ...layer,
  data: {
    ...layer.data,
    features: layer.data.features.map((f) => {
      const g = f.geometry;
      if (!g) return f;
      if (g.type === 'Polygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map((r) => alongChords(r)) } };
      if (g.type === 'MultiPolygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map((p) => p.map((r) => alongChords(r))) } };
      return f;
    }),
  },
}));
const context = prepareBreakdownContext(layers);

const polygon = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [alongChords(ring)] });
const asFeature = (g: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry: g });
const fc = (features: Feature[]): FeatureCollection<Polygon | MultiPolygon> => ({ type: 'FeatureCollection', features }) as FeatureCollection<Polygon | MultiPolygon>;

/**
 * Reference: GeographicLib area of turf.intersect(a, b). The clipper drops collinear vertices, which
 * would turn densified chords back into long edges that GeographicLib reads as geodesics: the
 * result is densified along its chords again before measuring.
 */
function referenceOverlap(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): number {
  const part = turfIntersect(fc([asFeature(a), asFeature(b)]));
  if (!part) return 0;
  const g = part.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce((s, p) => s + referencePolygonArea(p.map((r) => alongChords(r))), 0);
}

function referenceUnion(geometries: (Polygon | MultiPolygon)[]): Polygon | MultiPolygon {
  if (geometries.length === 1) return geometries[0];
  return turfUnion(fc(geometries.map(asFeature)))!.geometry;
}

// A 0.2° box across 潞州区, 上党区, 屯留区, 潞城区, 壶关县 … and into 漳泽湖.
const BOX = polygon([[113.0, 36.1], [113.2, 36.1], [113.2, 36.3], [113.0, 36.3], [113.0, 36.1]]);
// Over 辛安泉域, its key protection zone and the core of the spring outcrops nested inside it.
const SPRING_BOX = polygon([[113.2, 36.3], [113.4, 36.3], [113.4, 36.5], [113.2, 36.5], [113.2, 36.3]]);

describe('measurementBreakdown over the Changzhi pack', () => {
  const b = measurementBreakdown(BOX, context);
  const total = (measuredFigures(BOX) as { area_m2: number }).area_m2;

  it('reports the shape’s own area as total, identical to the final figure', () => {
    expect(b.measure).toBe('area');
    expect(b.total).toBe(total);
  });

  it('splits it by county as an independent clipper does (within 1e-6 of the shape)', () => {
    const counties = layerOf(layers, 'counties').data.features;
    const expected = counties
      .map((c) => ({ name: c.properties!.name as string, value: referenceOverlap(BOX, c.geometry as Polygon | MultiPolygon) }))
      .filter((c) => c.value > 1e-6 * total);
    expect(b.counties.map((c) => c.name)).toEqual(expected.map((c) => c.name));
    for (const row of b.counties) {
      const ref = expected.find((e) => e.name === row.name)!.value;
      expect(Math.abs(row.value - ref)).toBeLessThan(1e-6 * total);
      expect(row.share).toBeCloseTo(row.value / total, 12);
    }
    // The counties tile the city and the box lies inside it: the parts add up to the whole.
    expect(Math.abs(b.counties.reduce((s, c) => s + c.value, 0) / total - 1)).toBeLessThan(1e-9);
    expect(b.outsideCounties).toBe(0);
  });

  it('gives each zone layer the area inside the union of its zones, and each zone its own overlap', { timeout: 60_000 }, () => {
    const unions = new Map<string, Polygon | MultiPolygon>();
    for (const shape of [BOX, SPRING_BOX]) {
      const result = measurementBreakdown(shape, context);
      const area = result.total;
      for (const id of ['springs', 'lakes', 'mountains', 'wetlands', 'subsidence']) {
        const zones = layerOf(layers, id).data.features.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
        if (!unions.has(id)) unions.set(id, referenceUnion(zones.map((z) => z.geometry as Polygon | MultiPolygon)));
        const expected = referenceOverlap(shape, unions.get(id)!);
        const row = result.layers.find((l) => l.layerId === id);
        expect(Math.abs((row?.value ?? 0) - expected), id).toBeLessThan(1e-6 * area);
        expect(row?.share ?? 0).toBeCloseTo(expected / area, 6);
        zones.forEach((z, index) => {
          const own = referenceOverlap(shape, z.geometry as Polygon | MultiPolygon);
          const got = row?.features.find((f) => f.index === layerOf(layers, id).data.features.indexOf(z))?.value ?? 0;
          expect(Math.abs(got - own), `${id} #${index}`).toBeLessThan(1e-6 * area);
        });
      }
    }
    // The spring domain and the two zones nested in it: the layer counts their overlap once.
    const springs = measurementBreakdown(SPRING_BOX, context).layers.find((l) => l.layerId === 'springs')!;
    expect(springs.features.map((f) => f.name)).toEqual(['辛安泉域', '辛安泉域重点保护区', '辛安泉域泉水集中出露带核心区']);
    // The union is measured by Clipper (crossing points rounded to ~1e-8 of its box), the domain
    // alone by the boundary integral: equal to 1e-9.
    expect(Math.abs(springs.value - springs.features[0].value)).toBeLessThan(1e-9 * springs.value);
    expect(springs.value).toBeLessThan(springs.features.reduce((s, f) => s + f.value, 0));
  });

  it('counts the point sites inside and measures the river lines inside', () => {
    const wetlandPoints = layerOf(layers, 'wetlands').data.features.filter((f) => f.geometry?.type === 'Point');
    const inside = wetlandPoints.filter((p) => booleanPointInPolygon(p.geometry as never, BOX)).length;
    expect(b.layers.find((l) => l.layerId === 'wetlands')?.count ?? 0).toBe(inside);
    // Rivers: sampled every ~20 m along each line, each sample's piece counted if inside.
    const rivers = layerOf(layers, 'rivers').data.features;
    let expectedLength = 0;
    for (const r of rivers) {
      const lines = r.geometry.type === 'LineString' ? [(r.geometry).coordinates] : (r.geometry as { coordinates: Position[][] }).coordinates;
      for (const line of lines) expectedLength += sampledLengthInside(line, (p) => booleanPointInPolygon(p, BOX));
    }
    const got = b.layers.find((l) => l.layerId === 'rivers')?.length_m ?? 0;
    expect(expectedLength).toBeGreaterThan(1000);
    expect(Math.abs(got - expectedLength) / expectedLength).toBeLessThan(2e-3);
  });

  it('gives a shape wholly inside one county all of that county’s share', () => {
    // In the north of 沁源县, inside the schematic 太岳山 zone only.
    const inner = polygon([[112.08, 36.93], [112.1, 36.78], [112.33, 36.8], [112.3, 36.95], [112.08, 36.93]]);
    const r = measurementBreakdown(inner, context);
    expect(r.counties.map((c) => [c.name, c.share])).toEqual([['沁源县', 1]]);
    expect(r.counties[0].value).toBe(r.total);
  });

  it('measures an existing feature (上党区, a MultiPolygon): all of it in its own county', () => {
    const shangdang = layerOf(layers, 'counties').data.features.find((f) => f.properties?.name === '上党区')!;
    const r = measurementBreakdown(shangdang.geometry as MultiPolygon, context);
    const own = r.counties.find((c) => c.name === '上党区')!;
    expect(own.share).toBeGreaterThan(1 - 1e-9);
    // Neighbours share only the border: at most slivers from digitising, far below a 亩.
    for (const c of r.counties) if (c.name !== '上党区') expect(c.value).toBeLessThan(1);
  });

  it('splits a line by county and zone along its geodesic, pieces adding up to its length', () => {
    // 60 km from 屯留区 across 潞州区 to 潞城区, as a planner would draw it: two long clicks.
    const line: LineString = { type: 'LineString', coordinates: [[112.75, 36.3], [113.05, 36.22], [113.3, 36.35]] };
    const r = measurementBreakdown(line, context);
    const length = geodesicLength(line);
    expect(r.measure).toBe('length');
    expect(r.total).toBe(length);
    expect(Math.abs(r.counties.reduce((s, c) => s + c.value, 0) / length - 1)).toBeLessThan(1e-9);
    // Reference: the geodesic sampled every ~20 m, each sample's piece given to the county holding it.
    const counties = layerOf(layers, 'counties').data.features;
    for (const row of r.counties) {
      const county = counties.find((c) => c.properties!.name === row.name)!;
      const expected = sampledGeodesicInside(line.coordinates, (p) => booleanPointInPolygon(p, county.geometry as Polygon | MultiPolygon));
      expect(Math.abs(row.value - expected), row.name).toBeLessThan(100);
    }
    const springs = r.layers.find((l) => l.layerId === 'springs');
    const union = referenceUnion(layerOf(layers, 'springs').data.features.map((f) => f.geometry as Polygon | MultiPolygon));
    const expectedSprings = sampledGeodesicInside(line.coordinates, (p) => booleanPointInPolygon(p, union));
    expect(Math.abs((springs?.value ?? 0) - expectedSprings)).toBeLessThan(100);
  });

  it('gives a line along a county border to one county, also where a zone layer straddles the border', () => {
    // Counties A | B meet at 113°E; wetlands Z1 | Z2 meet there too (zones are cut at county borders).
    const box = (w: number, s: number, e: number, n: number): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
    const feature = (name: string, geometry: Polygon): Feature => ({ type: 'Feature', properties: { name }, geometry });
    const ctx = prepareBreakdownContext([
      { id: 'counties', role: 'regions', title: { zh: '县', en: 'Counties' }, data: { type: 'FeatureCollection', features: [feature('A', box(112.9, 36, 113, 36.1)), feature('B', box(113, 36, 113.1, 36.1))] } },
      { id: 'wetlands', title: { zh: '湿地', en: 'Wetlands' }, data: { type: 'FeatureCollection', features: [feature('Z1', box(112.95, 36.02, 113, 36.08)), feature('Z2', box(113, 36.02, 113.05, 36.08))] } },
    ]);
    const onBorder: LineString = { type: 'LineString', coordinates: [[113, 36.03], [113, 36.07]] };
    const r = measurementBreakdown(onBorder, ctx);
    const length = geodesicLength(onBorder);
    expect(r.counties.map((c) => c.name)).toEqual(['A']);
    expect(r.counties[0].value / length).toBeCloseTo(1, 9);
    expect(r.outsideCounties).toBe(0);
    const wetlands = r.layers.find((l) => l.layerId === 'wetlands')!;
    expect(wetlands.value / length).toBeCloseTo(1, 9);
    // Along the edge of each wetland: both list it.
    expect(wetlands.features.map((f) => f.name).sort()).toEqual(['Z1', 'Z2']);
  });

  it("names an imported layer's features by the property the user chose", () => {
    const square: Polygon = { type: 'Polygon', coordinates: [[[112.95, 36.02], [113.05, 36.02], [113.05, 36.08], [112.95, 36.08], [112.95, 36.02]]] };
    const ctx = prepareBreakdownContext([
      ...layers,
      { id: 'import-1', title: { zh: '规划分区', en: '规划分区' }, nameKey: '名称', data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '北张村复垦区' }, geometry: square }] } },
    ]);
    const r = measurementBreakdown(square, ctx);
    expect(r.layers.find((l) => l.layerId === 'import-1')?.features.map((f) => f.name)).toEqual(['北张村复垦区']);
  });

  it('refuses an invalid shape with the geo core’s GeometryError', () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]]] };
    expect(() => measurementBreakdown(bowTie, context)).toThrow(/crosses itself|self/i);
  });

  it('leaves out invalid zone features and names them', () => {
    const broken: TestLayer = {
      id: 'imported',
      title: { zh: '导入', en: 'Imported' },
      data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '坏' }, geometry: { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]]] } }] },
    };
    const ctx = prepareBreakdownContext([...layers, broken]);
    expect(ctx.skipped).toEqual([{ layerId: 'imported', index: 0, name: '坏' }]);
    expect(measurementBreakdown(BOX, ctx).skipped).toHaveLength(1);
  });
});

/** Length of `line` (lon/lat chords) inside, by ~20 m samples along each chord. */
function sampledLengthInside(line: Position[], inside: (p: Position) => boolean): number {
  let sum = 0;
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1];
    const [x1, y1] = line[i];
    const length = geodesicLength({ type: 'LineString', coordinates: [line[i - 1], line[i]] });
    const n = Math.max(1, Math.ceil(length / 20));
    for (let k = 0; k < n; k++) {
      const t = (k + 0.5) / n;
      if (inside([x0 + t * (x1 - x0), y0 + t * (y1 - y0)])) sum += length / n;
    }
  }
  return sum;
}

/** Length of a line's geodesic edges inside, by ~20 m samples along each geodesic. */
function sampledGeodesicInside(line: Position[], inside: (p: Position) => boolean): number {
  let sum = 0;
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1];
    const [x1, y1] = line[i];
    const edge = wgs84.InverseLine(y0, x0, y1, x1);
    const length = edge.s13;
    const n = Math.ceil(length / 20);
    for (let k = 0; k < n; k++) {
      const at = edge.Position(((k + 0.5) / n) * length);
      if (inside([at.lon2 as number, at.lat2 as number])) sum += length / n;
    }
  }
  return sum;
}

describe('measurementBreakdown on a pack with other layer ids', () => {
  it('finds the counties by role, not by id: the same rows and figures under the renamed layers', () => {
    const files = renamedChangzhiFiles();
    const manifest = JSON.parse(files.get('pack.json')!) as PackManifest;
    const renamed = manifest.layers.map((l) => ({ id: l.id, title: l.title, role: l.role, data: JSON.parse(files.get(l.file)!) as FeatureCollection }));
    expect(renamed.some((l) => l.id === 'counties')).toBe(false);
    const line: LineString = { type: 'LineString', coordinates: [[112.75, 36.3], [113.05, 36.22], [113.3, 36.35]] };
    const withoutIds = (r: MeasurementBreakdown) => r.layers.map(({ layerId: _id, features, ...rest }) => ({ ...rest, features: features.map(({ key: _key, ...row }) => row) }));
    for (const shape of [BOX, line]) {
      const a = measurementBreakdown(shape, prepareBreakdownContext(packLayers));
      const b = measurementBreakdown(shape, prepareBreakdownContext(renamed));
      expect(a.counties.length).toBeGreaterThan(2);
      expect(b.counties).toEqual(a.counties);
      expect(b.outsideCounties).toBe(a.outsideCounties);
      expect(b.layers.map((l) => l.layerId)).toEqual(a.layers.map((l) => RENAMED_IDS[l.layerId]));
      expect(withoutIds(b)).toEqual(withoutIds(a));
    }
  });
});
