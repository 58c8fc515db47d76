/**
 * Small deterministic inputs for the statistics tests: regions that tile a rectangle along jagged
 * shared borders, and irregular zones scattered over them (many crossing a border).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { seededRandom } from './geographiclibReference.ts';

/**
 * Regions in a `columns` × `rows` grid over [x0, x0 + columns·size] × [y0, y0 + rows·size]; the
 * inner borders zig-zag (shared vertices, so the regions tile exactly). Named R1, R2, …
 */
export function gridRegions(x0: number, y0: number, size: number, columns: number, rows: number, seed = 1): FeatureCollection<Polygon> {
  const random = seededRandom(seed);
  const steps = 6;
  // Jagged vertical lines x = x0 + i·size and horizontal lines y = y0 + j·size, shared by neighbours.
  const jitter = (i: number, last: number): number => (i === 0 || i === last ? 0 : (random() - 0.5) * size * 0.15);
  const vertical: number[][] = [];
  for (let i = 0; i <= columns; i++) {
    vertical.push(Array.from({ length: rows * steps + 1 }, (_, k) => x0 + i * size + (k % steps === 0 ? 0 : jitter(i, columns))));
  }
  const horizontal: number[][] = [];
  for (let j = 0; j <= rows; j++) {
    horizontal.push(Array.from({ length: columns * steps + 1 }, (_, k) => y0 + j * size + (k % steps === 0 ? 0 : jitter(j, rows))));
  }
  const features: Feature<Polygon>[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const ring: Position[] = [];
      for (let k = 0; k < steps; k++) ring.push([x0 + (i * steps + k) * (size / steps), horizontal[j][i * steps + k]]);
      for (let k = 0; k < steps; k++) ring.push([vertical[i + 1][j * steps + k], y0 + (j * steps + k) * (size / steps)]);
      for (let k = steps; k > 0; k--) ring.push([x0 + (i * steps + k) * (size / steps), horizontal[j + 1][i * steps + k]]);
      for (let k = steps; k > 0; k--) ring.push([vertical[i][j * steps + k], y0 + (j * steps + k) * (size / steps)]);
      ring.push(ring[0]);
      features.push({ type: 'Feature', properties: { name: `R${features.length + 1}` }, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** An irregular star-shaped ring of `corners` vertices around (x, y) with radii up to r (degrees). */
export function blob(x: number, y: number, r: number, corners: number, random: () => number): Position[] {
  const ring: Position[] = [];
  const phase = random() * 6.28;
  for (let k = 0; k < corners; k++) {
    const a = (2 * Math.PI * k) / corners;
    const rr = r * (0.75 + 0.2 * Math.sin(3 * a + phase)) * (0.9 + 0.1 * random());
    ring.push([x + rr * Math.cos(a), y + rr * Math.sin(a) * 0.8]);
  }
  ring.push(ring[0]);
  return ring;
}

/** `count` blob zones of kinds A/B/C spread over the box, seeded. */
export function blobZones(x0: number, y0: number, width: number, height: number, count: number, seed = 2): FeatureCollection<Polygon | MultiPolygon> {
  const random = seededRandom(seed);
  const kinds = ['A', 'B', 'C'];
  const features: Feature<Polygon | MultiPolygon>[] = [];
  const side = Math.ceil(Math.sqrt(count));
  for (let n = 0; n < count; n++) {
    const cx = x0 + ((n % side) + 0.5) * (width / side) + (random() - 0.5) * 0.2 * (width / side);
    const cy = y0 + (Math.floor(n / side) + 0.5) * (height / side) + (random() - 0.5) * 0.2 * (height / side);
    const r = 0.45 * Math.min(width, height) / side;
    features.push({
      type: 'Feature',
      properties: { kind: kinds[n % kinds.length] },
      geometry: { type: 'Polygon', coordinates: [blob(cx, cy, r, 20 + Math.floor(random() * 40), random)] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The ring with extra vertices on the straight lon/lat chords between its vertices, at most `step`
 * degrees apart. Boundaries digitised this densely read the same whether edges are taken as chords
 * (turf, GEOS) or geodesics (this project), so such fixtures compare like with like.
 */
export function alongChords(ring: Position[], step = 0.002): Position[] {
  const out: Position[] = [ring[0]];
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1];
    const [x1, y1] = ring[i];
    const pieces = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let k = 1; k <= pieces; k++) out.push(k === pieces ? ring[i] : [x0 + ((x1 - x0) * k) / pieces, y0 + ((y1 - y0) * k) / pieces]);
  }
  return out;
}
