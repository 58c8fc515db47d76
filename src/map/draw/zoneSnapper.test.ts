import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createZoneSnapper, type ScreenProjection } from './zoneSnapper.ts';

// A plain screen: 10,000 px per degree, y down, origin at (113, 36.2).
const projection: ScreenProjection = {
  project: (lng, lat) => ({ x: (lng - 113) * 10_000, y: (36.2 - lat) * 10_000 }),
  unproject: (x, y) => ({ lng: 113 + x / 10_000, lat: 36.2 - y / 10_000 }),
};
const at = (lng: number, lat: number) => {
  const p = projection.project(lng, lat);
  return { containerX: p.x, containerY: p.y };
};

const zone: Feature = {
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36], [113.1, 36.1], [113, 36.1], [113, 36]]] },
};
const river: Feature = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[113.2, 36], [113.2, 36.1]] } };

describe('createZoneSnapper', () => {
  const snapper = createZoneSnapper([zone, river], 10);

  it('indexes the edges of polygons and lines', () => {
    expect(snapper.edgeCount).toBe(5);
  });

  it('pulls a pointer near an edge onto the edge, at the nearest point', () => {
    // 6 px (0.0006°) north of the southern edge at 113.05.
    expect(snapper.snap(at(113.05, 36.0006), projection)).toEqual([113.05, 36]);
    // Near the river.
    expect(snapper.snap(at(113.2005, 36.05), projection)).toEqual([113.2, 36.05]);
  });

  it('prefers a vertex within reach over a nearer edge point', () => {
    // 7 px from the corner (113.1, 36.1) but 3 px from the eastern edge.
    const snapped = snapper.snap(at(113.1003, 36.0994), projection);
    expect(snapped).toEqual([113.1, 36.1]);
  });

  it('leaves the pointer alone beyond the tolerance', () => {
    expect(snapper.snap(at(113.05, 36.0012), projection)).toBeUndefined();
    expect(snapper.snap(at(113.15, 36.05), projection)).toBeUndefined();
  });

  it('rounds snapped points to 9 decimals, the precision terra-draw accepts', () => {
    const snapped = snapper.snap(at(113.0333333333333, 36.0004), projection)!;
    expect(snapped[1]).toBe(36);
    expect(Math.round(snapped[0] * 1e9) / 1e9).toBe(snapped[0]);
  });
});
