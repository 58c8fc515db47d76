import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02Geometry } from '../../geo/gcj02.ts';
import { referenceLayer } from '../testSupport.ts';
import { suggestGcj02 } from './suggestGcj02.ts';

// ogr2ogr's WGS84 rivers, and the same lines as a Gaode map would give them.
const rivers = referenceLayer('lines-cgcs2000-cm114');
const shifted: FeatureCollection<Geometry> = { ...rivers, features: rivers.features.map((f) => ({ ...f, geometry: wgs84ToGcj02Geometry(f.geometry) })) };

describe('suggestGcj02 (a hint only)', () => {
  it('sees a clear improvement against a WGS84 reference after the correction', () => {
    const hint = suggestGcj02({ name: 'rivers', sourceCrs: 'EPSG:4326', data: shifted }, { reference: rivers });
    expect(hint.likely).toBe(true);
    expect(hint.reasons).toEqual(['fits-reference-better-after-correction']);
    expect(hint.referenceFit!.beforeMeters).toBeGreaterThan(300);
    expect(hint.referenceFit!.afterMeters).toBeLessThan(1);
    // The GCJ-02 offset near Changzhi is several hundred metres.
    expect(hint.shiftMeters).toBeGreaterThan(300);
    expect(hint.shiftMeters).toBeLessThan(900);
  });

  it('stays quiet for data that already fit the reference', () => {
    const hint = suggestGcj02({ name: 'rivers', sourceCrs: 'EPSG:4326', data: rivers }, { reference: rivers });
    expect(hint).toMatchObject({ likely: false, reasons: [] });
  });

  it('takes the user’s word and names that mention Gaode/Tencent', () => {
    expect(suggestGcj02({ name: 'x', sourceCrs: 'EPSG:4326', data: rivers }, { source: '高德地图' }).reasons).toEqual(['user-says-gcj02-source']);
    expect(suggestGcj02({ name: '高德导出-湿地', sourceCrs: 'EPSG:4326', data: rivers }).reasons).toEqual(['name-mentions-gcj02-source']);
    expect(suggestGcj02({ name: 'x', sourceCrs: 'EPSG:4326', data: rivers, propertyKeys: ['gcj_lng'] }).reasons).toEqual(['properties-mention-gcj02-source']);
  });

  it('never suggests GCJ-02 for projected sources', () => {
    expect(suggestGcj02({ name: '高德', sourceCrs: 'EPSG:4547', data: shifted }, { reference: rivers })).toEqual({ likely: false, reasons: [] });
  });
});
