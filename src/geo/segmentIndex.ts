import Flatbush from 'flatbush';
import type { Feature, Geometry, Position } from 'geojson';

/** Every edge of some features' lines and rings, with a Flatbush index of their lon/lat boxes. */
export interface SegmentIndex {
  index: Flatbush;
  /** Segment i runs from (s[4i], s[4i+1]) to (s[4i+2], s[4i+3]). */
  segments: Float64Array;
}

/**
 * The edges of the lines and polygon rings of `features` (points are ignored; zero-length edges
 * dropped), indexed for "which edges are near here". Undefined when there are none.
 */
export function segmentIndex(features: readonly Feature<Geometry | null>[]): SegmentIndex | undefined {
  const coords: number[] = [];
  const addLine = (line: Position[]) => {
    for (let i = 1; i < line.length; i++) {
      const [x1, y1] = line[i - 1];
      const [x2, y2] = line[i];
      if (x1 !== x2 || y1 !== y2) coords.push(x1, y1, x2, y2);
    }
  };
  const walk = (g: Geometry) => {
    switch (g.type) {
      case 'LineString':
        addLine(g.coordinates);
        break;
      case 'MultiLineString':
      case 'Polygon':
        g.coordinates.forEach(addLine);
        break;
      case 'MultiPolygon':
        g.coordinates.forEach((p) => p.forEach(addLine));
        break;
      case 'GeometryCollection':
        g.geometries.forEach(walk);
        break;
      default:
        break;
    }
  };
  for (const f of features) if (f.geometry) walk(f.geometry);
  const n = coords.length / 4;
  if (n === 0) return undefined;
  const segments = Float64Array.from(coords);
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const x1 = segments[4 * i];
    const y1 = segments[4 * i + 1];
    const x2 = segments[4 * i + 2];
    const y2 = segments[4 * i + 3];
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  index.finish();
  return { index, segments };
}
