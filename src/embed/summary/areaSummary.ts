import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { lineLength } from '../../geo/lineLength.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { geometryTouchesArea } from './geometryTouchesArea.ts';
import { lengthInsideArea } from './lengthInsideArea.ts';

export interface SummaryItem {
  layerId: string;
  /** Line layers are summed as length (m), all others counted as features. */
  kind: 'count' | 'length';
  value: number;
  /** Some of the counted or measured features are schematic (drawn from text, not surveyed). */
  schematic: boolean;
}

/** The area's polygons as MultiPolygon coordinates, or null for anything that is not an area. */
export function areaCoordinates(geometry: Geometry | null): Position[][][] | null {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  return null;
}

function lineParts(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(lineParts);
  return [];
}

/**
 * What each layer holds in an area (one county), or in the whole pack when `area` is null:
 * lines as their length inside the area, everything else as the number of features touching it.
 */
export function areaSummary(layers: readonly LoadedLayer[], area: Feature<Polygon | MultiPolygon> | null): SummaryItem[] {
  const coordinates = area ? areaCoordinates(area.geometry) : null;
  return layers.map((layer) => {
    const isSchematic = (f: Feature) => f.properties?.precision === 'schematic';
    if (layer.geometry === 'line') {
      let value = 0;
      let schematic = false;
      for (const feature of layer.data.features) {
        let length = 0;
        for (const part of lineParts(feature.geometry)) length += coordinates ? lengthInsideArea(part, coordinates) : lineLength(part);
        value += length;
        if (length > 0 && isSchematic(feature)) schematic = true;
      }
      return { layerId: layer.id, kind: 'length', value, schematic };
    }
    const counted = coordinates ? layer.data.features.filter((f) => geometryTouchesArea(f.geometry, coordinates)) : layer.data.features;
    return { layerId: layer.id, kind: 'count', value: counted.length, schematic: counted.some(isSchematic) };
  });
}
