// The large import the import benches share: random polygons around Changzhi, streamed to disk.
import { createWriteStream } from 'node:fs';

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['湿地', '采煤沉陷区', '泉域', '两山', '河流缓冲区'];

/** Writes `count` random polygons around Changzhi (each `vertices` corners) as GeoJSON. */
export async function writePolygons(file, count, vertices, seed) {

  const random = mulberry32(seed);
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once('drain', r)));
  await write('{"type":"FeatureCollection","features":[\n');
  for (let i = 0; i < count; i++) {
    const cx = 111.95 + random() * 1.8;
    const cy = 35.8 + random() * 1.35;
    const r = 0.002 + random() * 0.004;
    const ring = [];
    for (let k = 0; k < vertices; k++) {
      const a = (k / vertices) * 2 * Math.PI;
      const rr = r * (0.7 + 0.3 * random());
      ring.push([+(cx + rr * Math.cos(a)).toFixed(7), +(cy + rr * Math.sin(a) * 0.8).toFixed(7)]);
    }
    ring.push(ring[0]);
    const feature = {
      type: 'Feature',
      properties: { 名称: `图斑${i + 1}`, 类型: KINDS[i % KINDS.length], 面积亩: Math.round(random() * 1e5) / 10, 编号: i + 1 },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
    const p = write((i ? ',\n' : '') + JSON.stringify(feature));
    if (p) await p;
  }
  await write('\n]}\n');
  await new Promise((r) => out.end(r));
}
