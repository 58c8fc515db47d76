/**
 * Which features of an imported layer the county statistics can use. A planner's file may hold a
 * self-intersecting polygon or a GeometryCollection (a KML MultiGeometry); the geo core rightly
 * refuses those, and one such feature must not take the whole statistics table down. Each member
 * of a collection is checked on its own; a feature with any unusable member is left out, and the
 * layer's settings say how many and why (never a silently smaller figure).
 */
import type { Feature, Geometry } from 'geojson';
import type { GeometryIssue } from './GeometryError.ts';
import { validateGeometry } from './validateGeometry.ts';

/** Issues described per layer, at most (every left-out index is still listed). */
const DESCRIBED = 20;

export interface UnusableFeatures {
  /** Indexes (into the layer's features) left out of the statistics. */
  indexes: number[];
  /** The first issues, for the message. */
  issues: GeometryIssue[];
}

/** The simple geometries a feature contributes (a collection's members, flattened). */
export function simpleGeometries(geometry: Geometry | null | undefined): Geometry[] {
  if (!geometry) return [];
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(simpleGeometries);
  return [geometry];
}

export function findUnusableFeatures(features: readonly Feature<Geometry | null>[]): UnusableFeatures {
  const indexes: number[] = [];
  const issues: GeometryIssue[] = [];
  features.forEach((feature, index) => {
    const parts = simpleGeometries(feature?.geometry);
    for (const part of parts) {
      const found = validateGeometry(part, index, { limit: 1 });
      if (found.length === 0) continue;
      indexes.push(index);
      if (issues.length < DESCRIBED) issues.push(found[0]);
      return;
    }
  });
  return { indexes, issues };
}
