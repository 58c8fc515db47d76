import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { GeometryError, type GeometryIssue } from './GeometryError.ts';
import { clipperCoveredArea } from './overlay/clipperArea.ts';
import type { ZoneGroup } from './overlay/coveredArea.ts';
import { indexEdges } from './overlay/edgeIndex.ts';
import { fallbackOverlapArea } from './overlay/fallbackOverlapArea.ts';
import { mergeOverlappingZones, type ZoneShape } from './overlay/mergeOverlappingZones.ts';
import { overlapArea } from './overlay/overlapArea.ts';
import { preparePolygon, type PreparedPolygon } from './overlay/preparedPolygon.ts';
import { validateGeometry } from './validateGeometry.ts';
import { polygonsOf, zoneShapeOf } from './overlay/zoneShape.ts';

export interface ShapeBreakdown {
  /** The shape's geodesic area, m² (identical to `geodesicArea`). */
  area_m2: number;
  /** Regions the shape overlaps, in input order: area inside each and its share of the shape. */
  regions: Array<{ name: string; area_m2: number; share: number }>;
  /** Every polygon zone kind: area of the shape covered by that kind (overlaps counted once). */
  zones: Array<{ kind: string; area_m2: number; share: number }>;
}

export interface ShapeBreakdownOptions {
  regionKey?: string;
  kindKey?: string;
}

const POLYGONAL = ['Polygon', 'MultiPolygon'] as const;

/**
 * Where a measured shape lies: its area per region (county) and its overlap with each zone kind.
 * Same overlay as `zoneStatistics`, with the shape's edges as geodesics: the regional parts of a
 * shape inside the regions add up to its `geodesicArea` (to 1e-9 and better).
 * Throws `GeometryError` for invalid input.
 */
export function shapeBreakdown(
  shape: Feature<Polygon | MultiPolygon>,
  regions: FeatureCollection,
  zoneLayers: FeatureCollection | FeatureCollection[],
  options: ShapeBreakdownOptions = {},
): ShapeBreakdown {
  const regionKey = options.regionKey ?? 'name';
  const kindKey = options.kindKey ?? 'kind';
  const layers = Array.isArray(zoneLayers) ? zoneLayers : [zoneLayers];
  const issues: GeometryIssue[] = [...validateGeometry(shape?.geometry, 0, { accept: POLYGONAL, layer: 'shape' })];
  regions.features.forEach((f, i) => issues.push(...validateGeometry(f?.geometry, i, { accept: POLYGONAL, layer: 'regions' })));
  layers.forEach((layer, l) =>
    layer.features.forEach((f, i) => issues.push(...validateGeometry(f?.geometry, i, { layer: `zones ${l + 1}` }))),
  );
  if (issues.length > 0) throw new GeometryError(issues);

  const measured = preparePolygon(polygonsOf(shape.geometry));
  const overlap = (b: PreparedPolygon): number => overlapArea(measured, b, indexEdges(b)) ?? fallbackOverlapArea(measured, b);
  // A union of overlapping zones against the shape, by Clipper (as in zoneStatistics: the
  // boundary integral over several polygons can be misled by slivers).
  const overlapUnion = (group: ZoneGroup): number => clipperCoveredArea(group.zones, measured);
  const meets = (b: { minX: number; minY: number; maxX: number; maxY: number }): boolean =>
    b.minX <= measured.maxX && b.maxX >= measured.minX && b.minY <= measured.maxY && b.maxY >= measured.minY;
  const share = (area: number): number => (measured.area > 0 ? area / measured.area : 0);

  const byRegion: ShapeBreakdown['regions'] = [];
  regions.features.forEach((f) => {
    const region = preparePolygon(polygonsOf(f.geometry));
    const area = meets(region) ? overlap(region) : 0;
    if (area > 0) byRegion.push({ name: String(f.properties?.[regionKey] ?? ''), area_m2: area, share: share(area) });
  });

  const kinds = new Map<string, ZoneShape[]>();
  for (const layer of layers) {
    for (const f of layer.features) {
      const kind = String(f.properties?.[kindKey] ?? '');
      if (!kinds.has(kind)) kinds.set(kind, []);
      const g = f.geometry;
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
      const zone = zoneShapeOf(polygonsOf(g));
      if (meets(zone)) kinds.get(kind)?.push(zone);
    }
  }
  const byKind: ShapeBreakdown['zones'] = [];
  for (const [kind, zones] of kinds) {
    const { merged, groups } = mergeOverlappingZones(zones);
    let area = 0;
    zones.forEach((z, i) => {
      if (!merged.has(i)) area += overlap(preparePolygon(z.coordinates));
    });
    for (const group of groups) area += overlapUnion(group);
    byKind.push({ kind, area_m2: area, share: share(area) });
  }
  return { area_m2: measured.area, regions: byRegion, zones: byKind };
}
