import Flatbush from 'flatbush';
import type { Feature, FeatureCollection } from 'geojson';
import { GeometryError, type GeometryIssue } from './GeometryError.ts';
import { addLineLengths, countPoint, type IndexedRegion } from './overlay/clipLinesAndPoints.ts';
import { coveredArea, type ZoneGroup } from './overlay/coveredArea.ts';
import { indexEdges } from './overlay/edgeIndex.ts';
import { clipperCoveredArea } from './overlay/clipperArea.ts';
import { mergeOverlappingZones, type ZoneShape } from './overlay/mergeOverlappingZones.ts';
import { emptyPreparedPolygon, preparePolygon, type PreparedPolygon } from './overlay/preparedPolygon.ts';
import { polygonsOf, zoneShapeOfFeature } from './overlay/zoneShape.ts';
import { validateGeometry } from './validateGeometry.ts';

export interface KindStatistics {
  /** Area of the region covered by zones of this kind, m² (overlapping zones counted once). */
  area_m2: number;
  /** area_m2 / the region's area. */
  share: number;
  /** Length of line features of this kind inside the region, m. */
  length_m: number;
  /** Number of point features of this kind inside the region. */
  count: number;
}

export interface RegionStatistics {
  name: string;
  /** The region's geodesic area, m². */
  area_m2: number;
  /** Every kind found among the zones, in order of first appearance. */
  zones: Record<string, KindStatistics>;
}

export interface ZoneStatisticsResult {
  regions: RegionStatistics[];
  /** How the work was done, for benches and logs. */
  diagnostics: {
    zonePolygons: number;
    /** Zone–region pairs where the zone is cut (part inside), by the boundary integral. */
    clippedPairs: number;
    /**
     * Pairs the boundary integral declined (inconsistent crossings: near-coincident vertices,
     * slivers), measured by Clipper (integer, exact predicates) instead. Includes same-kind zone
     * pairs whose overlap could not be decided so.
     */
    fallbackPairs: number;
    /** Groups of overlapping same-kind zones, counted once (as their union, by Clipper) per region. */
    mergedGroups: number;
  };
}

export type ZoneStatisticsPhase = 'validate' | 'prepare' | 'merge' | 'overlay';

export interface ZoneStatisticsProgress {
  phase: ZoneStatisticsPhase;
  done: number;
  total: number;
}

export interface ZoneStatisticsOptions {
  /** Property naming a region (default 'name'). */
  regionKey?: string;
  /** Property naming a zone's kind (default 'kind'). */
  kindKey?: string;
  onProgress?: (progress: ZoneStatisticsProgress) => void;
  /** Checked between chunks of work; an aborted signal throws its reason (an AbortError). */
  signal?: AbortSignal;
}

const POLYGONAL = ['Polygon', 'MultiPolygon'] as const;
const PROGRESS_EVERY = 250;

/**
 * Per region (county) and zone kind: the area covered (overlapping zones of one kind counted once),
 * its share of the region, the length of line features and the count of point features inside.
 * Areas are ellipsoidal with geodesic edges (see `geodesicArea`).
 *
 * Zones wholly inside a region are found with an index over the region's edges and one
 * point-in-polygon test and add their own area; only zones crossing or touching a region's
 * boundary are clipped, by a boundary integral over the few region edges near them, exact for
 * shared edges and vertices (`coveredArea`). Overlapping zones of one kind are measured as one
 * union by the same integral. Throws `GeometryError` listing every invalid feature.
 */
export function zoneStatistics(
  regions: FeatureCollection,
  zones: FeatureCollection,
  options: ZoneStatisticsOptions = {},
): ZoneStatisticsResult {
  const regionKey = options.regionKey ?? 'name';
  const kindKey = options.kindKey ?? 'kind';
  const progress = makeProgress(options);
  const regionFeatures = featuresOf(regions, 'regions');
  const zoneFeatures = featuresOf(zones, 'zones');

  // Validate everything first: a statistic over partly invalid input would be silently wrong.
  const issues: GeometryIssue[] = [];
  const names = regionFeatures.map((f, i) => {
    issues.push(...validateGeometry(f?.geometry, i, { accept: POLYGONAL, layer: 'regions' }));
    return propertyOf(f, regionKey, i, 'regions', issues);
  });
  const kindOfZone: string[] = [];
  zoneFeatures.forEach((f, i) => {
    issues.push(...validateGeometry(f?.geometry, i, { layer: 'zones' }));
    kindOfZone.push(propertyOf(f, kindKey, i, 'zones', issues));
    if (i % PROGRESS_EVERY === 0) progress('validate', i, zoneFeatures.length);
  });
  if (issues.length > 0) throw new GeometryError(issues);

  const indexed: IndexedRegion[] = regionFeatures.map((f) => {
    const polygon = preparePolygon(polygonsOf(f.geometry));
    return { polygon, edges: indexEdges(polygon) };
  });
  // Lines and points are placed against the regions' own vertices (a line drawn along a border
  // stays on it); areas use the overlay's edge model above (long edges split along the geodesic).
  const indexedForLines: IndexedRegion[] = regionFeatures.map((f, r) => {
    const polygon = preparePolygon(polygonsOf(f.geometry), undefined, Infinity);
    return polygon.vertexCount === indexed[r].polygon.vertexCount ? indexed[r] : { polygon, edges: indexEdges(polygon) };
  });
  const regionBoxes = new Flatbush(Math.max(1, indexed.length));
  for (const { polygon: p } of indexed) regionBoxes.add(p.minX, p.minY, p.maxX, p.maxY);
  // Flatbush needs at least one item; a box nothing can meet stands in for "no regions".
  if (indexed.length === 0) regionBoxes.add(-1e9, -1e9, -1e9, -1e9);
  regionBoxes.finish();

  // Kinds in order of first appearance; lines and points are measured right away, polygons later.
  const kinds: string[] = [];
  const shapesByKind: ZoneShape[][] = [];
  const kindIndex = new Map<string, number>();
  const regionCount = indexed.length;
  const areas: Float64Array[] = [];
  const lengths: Float64Array[] = [];
  const counts: Float64Array[] = [];
  const cell = (table: Float64Array[], k: number): Float64Array => (table[k] ??= new Float64Array(regionCount));
  let zonePolygons = 0;
  zoneFeatures.forEach((f, i) => {
    const kind = kindOfZone[i];
    let k = kindIndex.get(kind);
    if (k === undefined) {
      k = kinds.push(kind) - 1;
      kindIndex.set(kind, k);
      shapesByKind.push([]);
    }
    const g = f.geometry;
    switch (g.type) {
      case 'Polygon':
      case 'MultiPolygon':
        shapesByKind[k].push(zoneShapeOfFeature(f));
        zonePolygons++;
        break;
      case 'LineString':
        addLineLengths(g.coordinates, indexedForLines, regionBoxes, cell(lengths, k));
        break;
      case 'MultiLineString':
        for (const line of g.coordinates) addLineLengths(line, indexedForLines, regionBoxes, cell(lengths, k));
        break;
      case 'Point':
        countPoint(g.coordinates[0], g.coordinates[1], indexedForLines, regionBoxes, cell(counts, k));
        break;
      case 'MultiPoint':
        for (const p of g.coordinates) countPoint(p[0], p[1], indexedForLines, regionBoxes, cell(counts, k));
        break;
    }
    if (i % PROGRESS_EVERY === 0) progress('prepare', i, zoneFeatures.length);
  });

  // Polygons one at a time through one reused buffer: no garbage however many zones there are.
  const scratch = emptyPreparedPolygon();
  let mergedGroups = 0;
  let clippedPairs = 0;
  let fallbackPairs = 0;
  let done = 0;
  const overlay = (zone: PreparedPolygon, sums: Float64Array): void => {
    for (const r of regionBoxes.search(zone.minX, zone.minY, zone.maxX, zone.maxY)) {
      const region = indexed[r];
      let area = coveredArea(region.polygon, region.edges, zone);
      if (area === null) {
        area = clipperCoveredArea([zone], region.polygon);
        fallbackPairs++;
      } else if (area > 0 && area < zone.area) clippedPairs++;
      sums[r] += area;
    }
  };
  // A union of overlapping zones is measured by Clipper: the boundary integral over several
  // polygons can be misled by slivers (a thin triangle inside a zone once cancelled the zone).
  const overlayGroup = (group: ZoneGroup, sums: Float64Array): void => {
    for (const r of regionBoxes.search(group.minX, group.minY, group.maxX, group.maxY)) {
      sums[r] += clipperCoveredArea(group.zones, indexed[r].polygon);
    }
  };
  shapesByKind.forEach((shapes, k) => {
    if (shapes.length === 0) return;
    progress('merge', done, zonePolygons);
    const { merged, groups, fallbackPairs: undecided } = mergeOverlappingZones(shapes);
    mergedGroups += groups.length;
    fallbackPairs += undecided;
    const sums = cell(areas, k);
    shapes.forEach((shape, i) => {
      if (!merged.has(i)) overlay(preparePolygon(shape.coordinates, scratch), sums);
      if (++done % PROGRESS_EVERY === 0) progress('overlay', done, zonePolygons);
    });
    for (const group of groups) overlayGroup(group, sums);
  });
  progress('overlay', zonePolygons, zonePolygons);

  return {
    regions: indexed.map(({ polygon }, r) => {
      // No prototype: a kind named "__proto__" or "constructor" is a key like any other.
      const stats = Object.create(null) as Record<string, KindStatistics>;
      kinds.forEach((kind, k) => {
        const area = areas[k]?.[r] ?? 0;
        stats[kind] = {
          area_m2: area,
          share: polygon.area > 0 ? area / polygon.area : 0,
          length_m: lengths[k]?.[r] ?? 0,
          count: counts[k]?.[r] ?? 0,
        };
      });
      return { name: names[r], area_m2: polygon.area, zones: stats };
    }),
    diagnostics: { zonePolygons, clippedPairs, fallbackPairs, mergedGroups },
  };
}

function featuresOf(collection: FeatureCollection, layer: string): Feature[] {
  if (!collection || !Array.isArray(collection.features)) {
    throw new GeometryError([{ featureIndex: 0, code: 'empty-geometry', detail: `${layer} is not a FeatureCollection`, layer }]);
  }
  return collection.features;
}

function propertyOf(feature: Feature, key: string, index: number, layer: string, issues: GeometryIssue[]): string {
  const value: unknown = feature?.properties?.[key];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  issues.push({ featureIndex: index, code: 'missing-property', detail: `feature has no "${key}" property`, property: key, layer });
  return '';
}

function makeProgress(options: ZoneStatisticsOptions): (phase: ZoneStatisticsPhase, done: number, total: number) => void {
  const { onProgress, signal } = options;
  return (phase, done, total) => {
    if (signal?.aborted) throw signal.reason ?? new DOMException('The statistics were cancelled.', 'AbortError');
    onProgress?.({ phase, done, total });
  };
}
