/**
 * Turns a pack's layers into the geo core's statistics input: the counties as regions and every
 * zone feature tagged with its layer id as kind (an imported layer with a kind property: one kind per
 * value, see `splitByKind`). Also describes each kind for the table: which
 * figures it has (area, length, count) and whether they are estimates (schematic shapes).
 */
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { LoadedLayer, LocalText } from '../../pack/types.ts';
import { labelPoints } from '../../map/labelPoints.ts';
import { splitByKind } from '../import/importedLayer.ts';
import { simpleGeometries } from '../import/usableGeometry.ts';

export const REGION_LAYER = 'counties';
export const KIND_KEY = 'kind';

export interface ZoneKindInfo {
  id: string;
  title: LocalText;
  colour: string;
  hasArea: boolean;
  hasLength: boolean;
  /** Counted per county: layers holding points count all their features (polygons by an anchor). */
  hasCount: boolean;
  /** Some features are schematic: their figures are estimates. */
  estimate: boolean;
}

export interface StatisticsInput {
  regions: FeatureCollection;
  zones: FeatureCollection;
  kinds: ZoneKindInfo[];
}

export function statisticsInput(layers: LoadedLayer[]): StatisticsInput | null {
  const regionLayer = layers.find((l) => l.id === REGION_LAYER);
  if (!regionLayer) return null;
  const zones: Feature[] = [];
  const kinds: ZoneKindInfo[] = [];
  for (const layer of layers) {
    if (layer === regionLayer || layer.role === 'reference') continue; // context (county seats) is drawn, not counted
    // A pack layer is one kind; an imported one is split by its kind property, if it has one.
    const parts = layer.imported ? splitByKind(layer).kinds : [{ key: layer.id, title: layer.title, features: layer.data.features as Feature[] }];
    for (const part of parts) {
      const kind = { [KIND_KEY]: part.key };
      // One pass (an imported layer may hold 100,000 features). Members of an imported
      // GeometryCollection (a KML MultiGeometry) count one by one.
      const geometries: Geometry[] = [];
      for (const f of part.features) {
        const g = f.geometry;
        if (!g) continue;
        if (g.type === 'GeometryCollection' && layer.imported) geometries.push(...simpleGeometries(g));
        else geometries.push(g);
      }
      const types = new Set<string>();
      for (const geometry of geometries) {
        types.add(geometry.type.replace(/^Multi/, ''));
        zones.push({ type: 'Feature', properties: kind, geometry });
      }
      const info: ZoneKindInfo = {
        id: part.key,
        title: part.title,
        colour: layer.style.color,
        hasArea: types.has('Polygon'),
        hasLength: types.has('LineString'),
        hasCount: types.has('Point'),
        estimate: part.features.some((f) => f.properties?.precision === 'schematic'),
      };
      kinds.push(info);
      if (info.hasCount && info.hasArea) {
        // Polygons are counted where their label anchor lies, so a wetland park counts once.
        const polygons: Feature[] = geometries.filter((g) => g.type === 'Polygon' || g.type === 'MultiPolygon').map((geometry) => ({ type: 'Feature', properties: {}, geometry }));
        for (const anchor of labelPoints({ type: 'FeatureCollection', features: polygons }).features as Feature<Point>[]) {
          zones.push({ type: 'Feature', properties: kind, geometry: anchor.geometry });
        }
      }
    }
  }
  return { regions: regionLayer.data, zones: { type: 'FeatureCollection', features: zones }, kinds };
}
