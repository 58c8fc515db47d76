import Flatbush from 'flatbush';
import type { PreparedPolygon } from './preparedPolygon.ts';

/** Flatbush over the edges of a prepared polygon; item v is the edge from vertex v to next[v]. */
export function indexEdges(p: PreparedPolygon): Flatbush {
  const index = new Flatbush(p.vertexCount);
  for (let v = 0; v < p.vertexCount; v++) {
    const w = p.next[v];
    const ax = p.xs[v];
    const bx = p.xs[w];
    const ay = p.ys[v];
    const by = p.ys[w];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  return index;
}
