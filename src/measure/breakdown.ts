/**
 * Where a measured shape lies: its area (or, for a line, its length) per county and inside each
 * zone layer — the union of the layer's zones, so nested zones (a spring domain and its key
 * protection zone) count once — and inside each zone feature on its own. Polygons also get the
 * length of river lines and the number of point sites inside them.
 *
 * All overlay work is the geo core's (the same ellipsoidal areas and clipping as the county
 * statistics table): `shapeBreakdown` for polygons, `zoneStatistics` for lines (with the counties,
 * the zone features and each layer's polygon-clipping union as regions) and for the lines and
 * points inside a polygon.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import turfBbox from '@turf/bbox';
import polygonClipping, { type Geom } from 'polygon-clipping';
import { shapeBreakdown } from '../geo/shapeBreakdown.ts';
import { validateGeometry } from '../geo/validateGeometry.ts';
import { zoneStatistics, type KindStatistics } from '../geo/zoneStatistics.ts';
import { findRegionLayer, isCountedLayer } from '../pack/roles.ts';
import type { LayerRole, LocalText } from '../pack/types.ts';
import { densifyLine } from './densifyLine.ts';
import { measuredFigures } from './measuredFigures.ts';
import type { MeasuredGeometry } from './types.ts';

/** A layer as the breakdown needs it (a pack layer or an imported one). */
export interface BreakdownSourceLayer {
  id: string;
  title: LocalText;
  data: FeatureCollection;
  /** The pack layer's role: the one `regions` layer gives the counties; `reference` layers are left out. */
  role?: LayerRole;
  /** Property naming the features (an imported layer's chosen one); default `name`. */
  nameKey?: string;
}

export interface BreakdownRow {
  /** `county:<index>` or `feature:<layer>:<index>`. */
  key: string;
  name: string;
  name_en?: string;
  /** Feature index in its layer. */
  index: number;
  /** Area in m² (polygon shapes) or length in m (lines) inside this county / feature. */
  value: number;
  /** value / the shape's own area or length. */
  share: number;
}

export interface LayerBreakdown {
  layerId: string;
  title: LocalText;
  /** Inside the union of the layer's polygons: m² or m. 0 when the layer has no polygons. */
  value: number;
  share: number;
  /** Whether the layer has polygons at all (value is meaningful). */
  hasPolygons: boolean;
  /** Zone features the shape overlaps, largest first. */
  features: BreakdownRow[];
  /** Polygon shapes only: metres of the layer's line features inside the shape. */
  length_m: number;
  /** Polygon shapes only: the layer's point features inside the shape. */
  count: number;
}

export interface MeasurementBreakdown {
  measure: 'area' | 'length';
  /** The shape's own area (m²) or length (m), = measuredFigures. */
  total: number;
  /** Counties the shape overlaps, in the pack's order. */
  counties: BreakdownRow[];
  /** Part of the shape outside every county (m² or m); 0 within rounding. */
  outsideCounties: number;
  /** One entry per zone layer the shape touches in any way, in panel order. */
  layers: LayerBreakdown[];
  /** Features left out because their geometry is invalid (named so the UI can say so). */
  skipped: { layerId: string; index: number; name: string }[];
  /** Milliseconds the overlay took (for the diagnostics line and the bench). */
  elapsedMs: number;
}

/** The counties and zone layers, validated once per pack (and whenever imported layers change). */
export interface BreakdownContext {
  counties: FeatureCollection<Polygon | MultiPolygon, { key: string }>;
  countyRows: RowName[];
  zoneLayers: ZoneLayerContext[];
  skipped: MeasurementBreakdown['skipped'];
}

interface RowName {
  key: string;
  name: string;
  name_en?: string;
  index: number;
}

interface ZoneLayerContext {
  layerId: string;
  title: LocalText;
  /** Valid polygon features with their row names (same order). */
  polygons: Feature<Polygon | MultiPolygon>[];
  featureRows: RowName[];
  /** Valid line and point features. */
  others: Feature[];
  /** polygon-clipping union of the polygons, made on first use (line shapes need it). */
  union?: Feature<MultiPolygon, { key: string }> | null;
}

/**
 * Prepares the regions once per pack. The layer whose role is `regions` gives the counties; every
 * `zones` layer (the default role) is a zone layer.
 */
export function prepareBreakdownContext(layers: readonly BreakdownSourceLayer[]): BreakdownContext {
  const skipped: MeasurementBreakdown['skipped'] = [];
  const usable = (layer: BreakdownSourceLayer, feature: Feature, index: number): boolean => {
    if (feature?.geometry && validateGeometry(feature.geometry, index, { limit: 1 }).length === 0) return true;
    skipped.push({ layerId: layer.id, index, name: nameOf(feature, index, layer.nameKey) });
    return false;
  };

  const counties: Feature<Polygon | MultiPolygon, { key: string }>[] = [];
  const countyRows: RowName[] = [];
  const countyLayer = findRegionLayer(layers);
  countyLayer?.data.features.forEach((feature, index) => {
    if (!isPolygonal(feature?.geometry) || !usable(countyLayer, feature, index)) return;
    const key = `county:${index}`;
    counties.push({ type: 'Feature', geometry: feature.geometry, properties: { key } });
    countyRows.push({ key, index, ...names(feature, index, countyLayer.nameKey) });
  });

  const zoneLayers: ZoneLayerContext[] = [];
  for (const layer of layers) {
    if (!isCountedLayer(layer)) continue;
    const zone: ZoneLayerContext = { layerId: layer.id, title: layer.title, polygons: [], featureRows: [], others: [] };
    layer.data.features.forEach((feature, index) => {
      if (!usable(layer, feature, index)) return;
      if (isPolygonal(feature.geometry)) {
        zone.polygons.push(feature as Feature<Polygon | MultiPolygon>);
        zone.featureRows.push({ key: `feature:${layer.id}:${index}`, index, ...names(feature, index, layer.nameKey) });
      } else zone.others.push(feature);
    });
    zoneLayers.push(zone);
  }
  return { counties: { type: 'FeatureCollection', features: counties }, countyRows, zoneLayers, skipped };
}

/**
 * The breakdown of one valid shape. Throws `GeometryError` if the shape is invalid (the caller
 * shows the reason and keeps the shape editable).
 */
export function measurementBreakdown(geometry: MeasuredGeometry, context: BreakdownContext): MeasurementBreakdown {
  const started = now();
  const figures = measuredFigures(geometry);
  const measure = figures.type === 'area' ? 'area' : 'length';
  const total = figures.type === 'area' ? figures.area_m2 : figures.length_m;
  const valueOf = (s: KindStatistics | undefined) => (s ? s.length_m : 0);
  const shapeCollection = (properties: Record<string, string>): FeatureCollection => ({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry, properties }],
  });

  const inside = new Map<string, number>();
  const layerValue = new Map<string, number>();
  const lengthIn = new Map<string, number>();
  const countIn = new Map<string, number>();
  if (geometry.type !== 'LineString') {
    // The geo core's shapeBreakdown: area per county and per zone kind (overlapping zones of a
    // kind merged). Each zone feature is passed twice: under its layer's id (the layer's union)
    // and under its own key (the feature on its own).
    const byLayer: Feature[] = [];
    const byFeature: Feature[] = [];
    for (const layer of context.zoneLayers) {
      layer.polygons.forEach((f, i) => {
        byLayer.push({ type: 'Feature', geometry: f.geometry, properties: { kind: layer.layerId } });
        byFeature.push({ type: 'Feature', geometry: f.geometry, properties: { kind: layer.featureRows[i].key } });
      });
    }
    const result = shapeBreakdown({ type: 'Feature', geometry, properties: {} }, context.counties, [collectionOf(byLayer), collectionOf(byFeature)], {
      regionKey: 'key',
      kindKey: 'kind',
    });
    for (const r of result.regions) inside.set(r.name, r.area_m2);
    for (const z of result.zones) {
      if (z.kind.startsWith('feature:')) inside.set(z.kind, z.area_m2);
      else layerValue.set(z.kind, z.area_m2);
    }
    // Lines and points of the zone layers inside the shape (rivers through a plot, wetland sites in it).
    const others: Feature[] = [];
    for (const layer of context.zoneLayers) {
      for (const f of layer.others) others.push({ type: 'Feature', geometry: f.geometry, properties: { kind: layer.layerId } });
    }
    if (others.length > 0) {
      const stats = zoneStatistics(shapeCollection({ key: 'shape' }), collectionOf(others), { regionKey: 'key', kindKey: 'kind' });
      for (const [kind, s] of Object.entries(stats.regions[0].zones)) {
        lengthIn.set(kind, s.length_m);
        countIn.set(kind, s.count);
      }
    }
  } else {
    // A line cannot be a region or a shape of shapeBreakdown: it is the one zone of zoneStatistics.
    // The counties tile the city and go in one call, so a piece along a shared border counts once.
    // Zone features and layer unions overlap the counties and each other: each is a call of its
    // own, so a piece along its boundary is its own even where another region surrounds it.
    const line: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: densifyLine(geometry.coordinates) }, properties: { kind: 'shape' } }],
    };
    const [west, south, east, north] = turfBbox(line);
    const lengthsIn = (regions: Feature[]) => {
      for (const r of zoneStatistics(collectionOf(regions), line, { regionKey: 'key', kindKey: 'kind' }).regions) {
        if (r.name.startsWith('layer:')) layerValue.set(r.name.slice('layer:'.length), valueOf(r.zones.shape));
        else inside.set(r.name, valueOf(r.zones.shape));
      }
    };
    if (context.counties.features.length > 0) lengthsIn(context.counties.features);
    const nearLine = (f: Feature) => {
      const [w, s, e, n] = turfBbox(f);
      return w <= east && e >= west && s <= north && n >= south;
    };
    for (const layer of context.zoneLayers) {
      layer.polygons.forEach((f, i) => {
        if (nearLine(f)) lengthsIn([{ type: 'Feature', geometry: f.geometry, properties: { key: layer.featureRows[i].key } }]);
      });
      const union = layerUnion(layer);
      if (union && nearLine(union)) lengthsIn([union]);
    }
  }

  const share = (value: number) => (total > 0 ? value / total : 0);
  const rowsOf = (rows: RowName[]): BreakdownRow[] =>
    rows
      .map((row) => {
        const value = inside.get(row.key) ?? 0;
        return { ...row, value, share: share(value) };
      })
      .filter((row) => row.value > 0);

  const counties = rowsOf(context.countyRows);
  const inCounties = counties.reduce((sum, row) => sum + row.value, 0);
  // Clipped pieces add up to the whole up to rounding (~1e-12 relative); report only real gaps.
  const gap = total - inCounties;
  const outsideCounties = context.countyRows.length > 0 && gap > 1e-9 * total ? gap : 0;

  const layers: LayerBreakdown[] = [];
  for (const layer of context.zoneLayers) {
    const value = layerValue.get(layer.layerId) ?? 0;
    const features = rowsOf(layer.featureRows).sort((a, b) => b.value - a.value);
    const length_m = lengthIn.get(layer.layerId) ?? 0;
    const count = countIn.get(layer.layerId) ?? 0;
    if (value <= 0 && features.length === 0 && length_m <= 0 && count === 0) continue;
    layers.push({
      layerId: layer.layerId,
      title: layer.title,
      value,
      share: share(value),
      hasPolygons: layer.polygons.length > 0,
      features,
      length_m,
      count,
    });
  }

  return { measure, total, counties, outsideCounties, layers, skipped: context.skipped, elapsedMs: now() - started };
}

/** The union of a layer's polygons as one region (for line shapes), or null if it has none. */
function layerUnion(layer: ZoneLayerContext): Feature<MultiPolygon, { key: string }> | null {
  if (layer.union !== undefined) return layer.union;
  let union: Feature<MultiPolygon, { key: string }> | null = null;
  if (layer.polygons.length > 0) {
    const [first, ...rest] = layer.polygons.map((f) => polygonsOf(f.geometry) as Geom);
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: polygonClipping.union(first, ...rest) };
    // polygon-clipping's output is valid in practice; if it ever is not, report features only.
    if (validateGeometry(geometry, 0, { limit: 1 }).length === 0) {
      union = { type: 'Feature', geometry, properties: { key: `layer:${layer.layerId}` } };
    }
  }
  layer.union = union;
  return union;
}

function collectionOf(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function isPolygonal(geometry: Geometry | null | undefined): geometry is Polygon | MultiPolygon {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

function nameOf(feature: Feature, index: number, nameKey = 'name'): string {
  const name: unknown = feature.properties?.[nameKey];
  if ((typeof name === 'string' && name) || typeof name === 'number') return String(name);
  return `#${index + 1}`;
}

function names(feature: Feature, index: number, nameKey?: string): { name: string; name_en?: string } {
  const en: unknown = feature.properties?.name_en;
  return { name: nameOf(feature, index, nameKey), ...(typeof en === 'string' && en ? { name_en: en } : {}) };
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
