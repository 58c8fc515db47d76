import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LoadedLayer } from '../pack/types.ts';
import { frameBounds, framePadding } from './frame.ts';

const county: Feature<Polygon | MultiPolygon> = {
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[113, 36], [113.2, 36], [113.2, 36.2], [113, 36.2], [113, 36]]] },
};

function layer(geometry: LoadedLayer['geometry'], features: Feature['geometry'][]): LoadedLayer {
  return {
    id: 'x',
    file: 'x.geojson',
    title: { zh: 'x', en: 'x' },
    legend: { zh: 'x', en: 'x' },
    geometry,
    style: { color: '#000' },
    data: { type: 'FeatureCollection', features: features.map((g) => ({ type: 'Feature', properties: { name: 'x', source: 's', precision: 'schematic' }, geometry: g })) },
  };
}

describe('frameBounds', () => {
  it('grows the county box to hold a park that starts inside and runs over its edge', () => {
    const park: Polygon = { type: 'Polygon', coordinates: [[[113.15, 36.1], [113.25, 36.1], [113.25, 36.15], [113.15, 36.15], [113.15, 36.1]]] };
    expect(frameBounds(county, [layer('polygon', [park])])).toEqual([113, 36, 113.25, 36.2]);
  });

  it('ignores features outside the county, larger than it, and lines', () => {
    const outside: Polygon = { type: 'Polygon', coordinates: [[[113.3, 36.1], [113.4, 36.1], [113.4, 36.15], [113.3, 36.1]]] };
    const huge: Polygon = { type: 'Polygon', coordinates: [[[112, 35], [114, 35], [114, 37], [112, 35]]] };
    const point = { type: 'Point' as const, coordinates: [113.21, 36.1] };
    expect(frameBounds(county, [layer('polygon', [outside, huge]), layer('point', [point]), layer('line', [{ type: 'LineString', coordinates: [[112, 36.1], [114, 36.1]] }])])).toEqual([113, 36, 113.2, 36.2]);
  });
});

describe('framePadding', () => {
  it('is 16 px on a phone and 48 px on a wide column', () => {
    expect(framePadding(300)).toBe(16);
    expect(framePadding(375)).toBe(19);
    expect(framePadding(1200)).toBe(48);
  });
});
