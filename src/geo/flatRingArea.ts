import { AUTHALIC_RADIUS_SQ, DEG_TO_RAD, sinAuthalic } from './ellipsoid.ts';
import { edgeAreaTerm } from './edgeAreaTerm.ts';
import type { FlatRings } from './flatRings.ts';

/**
 * Ellipsoidal area in m² of ring `r` of `flat` with geodesic edges: positive counter-clockwise,
 * negative clockwise. See `edgeAreaTerm` for the formula.
 */
export function signedFlatRingArea(flat: FlatRings, r: number): number {
  const start = flat.ringStart[r];
  const end = flat.ringEnd[r];
  if (end - start < 3) return 0;
  const { xs, ys } = flat;
  // Edges v → v + 1 from the ring's first vertex, yRef = its sin β: the same sums, in the same
  // order, as the overlay's prepared rings, so both give bit-identical areas.
  let lon1 = xs[start];
  let lat1 = ys[start];
  let sinPhi1 = Math.sin(lat1 * DEG_TO_RAD);
  let y1 = sinAuthalic(sinPhi1);
  const lon0 = lon1;
  const lat0 = lat1;
  const sinPhi0 = sinPhi1;
  const yRef = y1;
  let sum = 0;
  for (let v = start + 1; v <= end; v++) {
    const last = v === end;
    const lon2 = last ? lon0 : xs[v];
    const lat2 = last ? lat0 : ys[v];
    const sinPhi2 = last ? sinPhi0 : Math.sin(lat2 * DEG_TO_RAD);
    const y2 = last ? yRef : sinAuthalic(sinPhi2);
    sum += edgeAreaTerm(lon1, lat1, sinPhi1, y1, lon2, lat2, sinPhi2, y2, yRef);
    lon1 = lon2;
    lat1 = lat2;
    sinPhi1 = sinPhi2;
    y1 = y2;
  }
  // Σ y·dλ is positive for clockwise rings in (λ, y); flip so counter-clockwise is positive.
  return -sum * AUTHALIC_RADIUS_SQ;
}

/** Area in m² of all polygons in `flat`: per polygon |outer ring| − Σ |holes|. */
export function flatPolygonsArea(flat: FlatRings): number {
  let area = 0;
  for (let r = 0; r < flat.ringCount; r++) {
    const a = Math.abs(signedFlatRingArea(flat, r));
    area += flat.ringIndex[r] === 0 ? a : -a;
  }
  return area;
}
