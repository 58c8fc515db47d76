/**
 * Turns a pack's layers into the geo core's statistics input: the `regions` layer (the counties)
 * as regions and every feature of a `zones` layer (`reference` layers are not counted) tagged with
 * its layer id as kind (an imported layer with a kind property: one kind per
 * value, see `splitByKind`). Also describes each kind for the table: which
 * figures it has (area, length, count) and whether they are estimates (schematic shapes).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { findRegionLayer, isCountedLayer } from '../../pack/roles.ts';
import type { LoadedLayer, LocalText } from '../../pack/types.ts';
import { splitByKind } from '../../store/importedLayer.ts';
import { simpleGeometries } from '../../geo/usableGeometry.ts';

export const KIND_KEY = 'kind';

/**
 * A zone of the statistics: the feature's geometry under its kind, read from the feature when
 * asked. A large imported layer keeps its features packed (geometry built on each read): a copy
 * of every geometry here would be the whole object tree again, held as long as the input is.
 */
class ZoneFeature implements Feature {
  readonly type = 'Feature' as const;
  readonly #feature: Feature;

  constructor(
    readonly properties: Record<string, string>,
    feature: Feature,
  ) {
    this.#feature = feature;
  }

  get geometry(): Geometry {
    return this.#feature.geometry;
  }
}

export interface ZoneKindInfo {
  id: string;
  title: LocalText;
  colour: string;
  hasArea: boolean;
  hasLength: boolean;
  /** Counted per county: layers holding points count all their features (see `countyMembers`). */
  hasCount: boolean;
  /** Some features are schematic: their figures are estimates. */
  estimate: boolean;
}

export interface StatisticsInput {
  /** The pack layer the regions come from (it says which properties hold their code and name). */
  regionLayer: LoadedLayer;
  regions: FeatureCollection;
  zones: FeatureCollection;
  kinds: ZoneKindInfo[];
}

export function statisticsInput(layers: LoadedLayer[]): StatisticsInput | null {
  const regionLayer = findRegionLayer(layers);
  if (!regionLayer) return null;
  const zones: Feature[] = [];
  const kinds: ZoneKindInfo[] = [];
  for (const layer of layers) {
    if (!isCountedLayer(layer)) continue;
    // A pack layer is one kind; an imported one is split by its kind property, if it has one.
    const parts = layer.imported ? splitByKind(layer).kinds : [{ key: layer.id, title: layer.title, features: layer.data.features as Feature[] }];
    for (const part of parts) {
      const kind = { [KIND_KEY]: part.key };
      // One pass (an imported layer may hold 100,000 features). Members of an imported
      // GeometryCollection (a KML MultiGeometry) count one by one.
      const types = new Set<string>();
      for (const f of part.features) {
        const g = f.geometry as Geometry | null;
        if (!g) continue;
        if (g.type === 'GeometryCollection' && layer.imported) {
          for (const member of simpleGeometries(g)) {
            types.add(member.type.replace(/^Multi/, ''));
            zones.push({ type: 'Feature', properties: kind, geometry: member });
          }
        } else {
          types.add(g.type.replace(/^Multi/, ''));
          zones.push(new ZoneFeature(kind, f));
        }
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
    }
  }
  return { regionLayer, regions: regionLayer.data, zones: { type: 'FeatureCollection', features: zones }, kinds };
}
