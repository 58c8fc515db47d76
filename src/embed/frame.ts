/**
 * Where the widget looks: the focused county and the chosen features in it, with padding that
 * grows with the frame's width (a phone gets 16 px, a desktop column up to 48 px), so a wetland
 * park at the county's edge is never cut off by the frame.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LoadedLayer } from '../pack/types.ts';
import { featureBounds } from './featureBounds.ts';
import { featuresInRegion } from './featuresInRegion.ts';

export type Bounds = [number, number, number, number];

export function framePadding(width: number): number {
  return Math.round(Math.min(48, Math.max(16, width * 0.05)));
}

function intersects(a: Bounds, b: Bounds): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function union(a: Bounds, b: Bounds): Bounds {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * The county's extent grown to hold every chosen point or polygon feature that lies in it and is
 * no larger than the county (a spring domain covering half the province would only zoom out).
 * Lines (rivers) run on beyond any county and are not framed.
 */
export function frameBounds(county: Feature<Polygon | MultiPolygon>, layers: readonly LoadedLayer[]): Bounds | null {
  const countyBox = featureBounds(county.geometry);
  if (!countyBox) return null;
  const width = countyBox[2] - countyBox[0];
  const height = countyBox[3] - countyBox[1];
  const candidates: { feature: Feature; box: Bounds }[] = [];
  for (const layer of layers) {
    if (layer.geometry === 'line') continue;
    for (const feature of layer.data.features) {
      const type = feature.geometry?.type;
      if (type !== 'Point' && type !== 'MultiPoint' && type !== 'Polygon' && type !== 'MultiPolygon') continue;
      const box = featureBounds(feature.geometry);
      if (!box || !intersects(box, countyBox) || box[2] - box[0] > width || box[3] - box[1] > height) continue;
      candidates.push({ feature, box });
    }
  }
  if (candidates.length === 0) return countyBox;
  let frame = countyBox;
  try {
    const inside = featuresInRegion([county], candidates.map((c) => c.feature));
    candidates.forEach((c, i) => {
      if (inside[i].inside) frame = union(frame, c.box);
    });
  } catch {
    // An invalid feature: frame the county alone rather than guess.
  }
  return frame;
}
