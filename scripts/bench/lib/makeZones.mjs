// JavaScript twin of /work/shared/bench/make_zones.py, used when Python is not available: the
// same workload (N irregular zones of 50–300 vertices on a jittered grid over Changzhi, kinds
// wetland / subsidence / spring, plus two overlapping squares of kind "overlap") with a seeded
// generator of its own (so not the same numbers as Python's).

/** Park–Miller generator in [0, 1). */
function seeded(seed) {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

export function makeZones(n, seed) {
  const random = seeded(seed);
  const uniform = (a, b) => a + (b - a) * random();
  const [x0, x1, y0, y1] = [111.95, 113.75, 35.7, 37.15];
  const side = Math.ceil(Math.sqrt(n));
  const dx = (x1 - x0) / side;
  const dy = (y1 - y0) / side;
  const round7 = (v) => Math.round(v * 1e7) / 1e7;
  const features = [];
  for (let k = 0; k < n; k++) {
    const i = k % side;
    const j = Math.floor(k / side);
    const cx = x0 + (i + 0.5) * dx;
    const cy = y0 + (j + 0.5) * dy;
    const m = 50 + Math.floor(random() * 251);
    const ph = random() * 6.28;
    const amp = uniform(0.05, 0.2);
    const ring = [];
    for (let t = 0; t < m; t++) {
      const a = (2 * Math.PI * t) / m;
      const r = 0.45 * (1 - amp + amp * Math.sin(3 * a + ph)) * uniform(0.93, 1.0);
      ring.push([round7(cx + r * dx * Math.cos(a)), round7(cy + r * dy * Math.sin(a))]);
    }
    ring.push(ring[0]);
    const kind = ['wetland', 'subsidence', 'spring'][Math.floor(random() * 3)];
    features.push({ type: 'Feature', properties: { kind }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  const sq = (x, y, s) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
  features.push({ type: 'Feature', properties: { kind: 'overlap' }, geometry: { type: 'Polygon', coordinates: [sq(113.0, 36.1, 0.1)] } });
  features.push({ type: 'Feature', properties: { kind: 'overlap' }, geometry: { type: 'Polygon', coordinates: [sq(113.05, 36.15, 0.1)] } });
  return { type: 'FeatureCollection', features };
}
