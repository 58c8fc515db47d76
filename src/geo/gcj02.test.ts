import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  gcj02ToWgs84,
  gcj02ToWgs84Geometry,
  isInsideChinaGcj02Box,
  wgs84ToGcj02,
  wgs84ToGcj02Geometry,
} from './gcj02.ts';

// Test vectors published with the open-source eviltransform library (Go/PHP/JS ports share
// them): WGS84 (lat, lon) → GCJ-02 (lat, lon).
const EVILTRANSFORM_VECTORS = [
  { place: 'Shanghai', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { place: 'Shenzhen', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { place: 'Beijing', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
];

describe('wgs84ToGcj02', () => {
  for (const v of EVILTRANSFORM_VECTORS) {
    it(`matches the eviltransform vector for ${v.place}`, () => {
      const [lon, lat] = wgs84ToGcj02(v.wgs);
      expect(Math.abs(lon - v.gcj[0])).toBeLessThan(1e-9);
      expect(Math.abs(lat - v.gcj[1])).toBeLessThan(1e-9);
    });
  }

  it('shifts Changzhi about 0.0067° east and 0.0002° north (≈ 600 m)', () => {
    // Offset measured between DataV's GCJ-02 and WGS84 boundaries at Changzhi (reference-data README).
    const [lon, lat] = wgs84ToGcj02([113.1163, 36.1954]);
    expect(lon - 113.1163).toBeGreaterThan(0.006);
    expect(lon - 113.1163).toBeLessThan(0.0075);
    expect(lat - 36.1954).toBeGreaterThan(0);
    expect(lat - 36.1954).toBeLessThan(0.0006);
  });

  it('leaves positions outside China unchanged', () => {
    expect(wgs84ToGcj02([2.3522, 48.8566])).toEqual([2.3522, 48.8566]);
    expect(wgs84ToGcj02([-74.006, 40.7128])).toEqual([-74.006, 40.7128]);
    expect(isInsideChinaGcj02Box(2.3522, 48.8566)).toBe(false);
    expect(isInsideChinaGcj02Box(113.1, 36.2)).toBe(true);
  });

  it('keeps a third ordinate (elevation)', () => {
    expect(wgs84ToGcj02([113.1, 36.2, 950])[2]).toBe(950);
  });

  it('rejects non-finite input with a clear message', () => {
    expect(() => wgs84ToGcj02([Number.NaN, 36])).toThrow(/finite/);
    expect(() => gcj02ToWgs84([113])).toThrow(/\[lon, lat\]/);
  });
});

describe('gcj02ToWgs84', () => {
  for (const v of EVILTRANSFORM_VECTORS) {
    it(`inverts the eviltransform vector for ${v.place} to < 1e-7°`, () => {
      const [lon, lat] = gcj02ToWgs84(v.gcj);
      expect(Math.abs(lon - v.wgs[0])).toBeLessThan(1e-7);
      expect(Math.abs(lat - v.wgs[1])).toBeLessThan(1e-7);
    });
  }

  it('round-trips a grid over Shanxi and the whole box to < 1e-7°', () => {
    let worst = 0;
    for (let lon = 73; lon <= 135; lon += 0.731) {
      for (let lat = 18; lat <= 53; lat += 0.577) {
        const back = gcj02ToWgs84(wgs84ToGcj02([lon, lat]));
        worst = Math.max(worst, Math.abs(back[0] - lon), Math.abs(back[1] - lat));
      }
    }
    for (let lon = 110.2; lon <= 114.6; lon += 0.0731) {
      for (let lat = 34.5; lat <= 40.8; lat += 0.0577) {
        const back = wgs84ToGcj02(gcj02ToWgs84([lon, lat]));
        worst = Math.max(worst, Math.abs(back[0] - lon), Math.abs(back[1] - lat));
      }
    }
    expect(worst).toBeLessThan(1e-7);
  });

  it('leaves positions outside China unchanged', () => {
    expect(gcj02ToWgs84([151.2093, -33.8688])).toEqual([151.2093, -33.8688]);
  });
});

describe('geometry helpers', () => {
  it('convert every ring of a MultiPolygon and map identical vertices identically', () => {
    // Two squares sharing the edge x = 113.125 (1/1024° grid values, as in the echarts data).
    const shared1: [number, number] = [113.125, 36.125];
    const shared2: [number, number] = [113.125, 36.25];
    const mp: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [[[113, 36.125], shared1, shared2, [113, 36.25], [113, 36.125]]],
        [[shared1, [113.25, 36.125], [113.25, 36.25], shared2, shared1]],
      ],
    };
    const out = gcj02ToWgs84Geometry(mp);
    expect(out.type).toBe('MultiPolygon');
    expect(out.coordinates[0][0][1]).toEqual(out.coordinates[1][0][0]);
    expect(out.coordinates[0][0][2]).toEqual(out.coordinates[1][0][3]);
    expect(out.coordinates[0][0][1]).toEqual(gcj02ToWgs84(shared1));
    // The input is not modified.
    expect(mp.coordinates[0][0][1]).toEqual([113.125, 36.125]);
  });

  it('round-trip a polygon and a geometry collection', () => {
    const poly: Polygon = {
      type: 'Polygon',
      coordinates: [[[112.9, 36.1], [113.2, 36.1], [113.2, 36.3], [112.9, 36.1]]],
    };
    const back = gcj02ToWgs84Geometry(wgs84ToGcj02Geometry(poly));
    back.coordinates[0].forEach((p, i) => {
      expect(Math.abs(p[0] - poly.coordinates[0][i][0])).toBeLessThan(1e-7);
      expect(Math.abs(p[1] - poly.coordinates[0][i][1])).toBeLessThan(1e-7);
    });
    const gc = wgs84ToGcj02Geometry({
      type: 'GeometryCollection',
      geometries: [{ type: 'Point', coordinates: [113, 36] }, poly],
    });
    expect(gc.geometries).toHaveLength(2);
    expect((gc.geometries[0] as { coordinates: number[] }).coordinates[0]).toBeGreaterThan(113.006);
  });
});
