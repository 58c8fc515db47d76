import type { LineString, Polygon } from 'geojson';

/**
 * The part of a click-drawn sketch the user has actually placed. While drawing, terra-draw's ring
 * (or line) also holds the point under the pointer; a saved sketch must not keep where the mouse
 * happened to be.
 */
export function placedGeometry<G extends Polygon | LineString>(geometry: G, placedCount: number): G {
  if (geometry.type === 'LineString') {
    return { type: 'LineString', coordinates: geometry.coordinates.slice(0, placedCount) } as G;
  }
  const placed = geometry.coordinates[0].slice(0, placedCount);
  const ring = placed.length > 0 ? [...placed, placed[0]] : [];
  return { type: 'Polygon', coordinates: [ring] } as G;
}
