import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../testSupport.ts';
import { crsDefinitionByEpsg, gaussKrugerDefinitions } from './definitions.ts';
import { epsgFromIdentifier, resolveCrsSpec, resolveWktCrs, type ResolvedCrs } from './resolve.ts';

/** Written by gdaltransform/gdalsrsinfo (scripts/fixtures/make-import-fixtures.sh). */
const reference = JSON.parse(readFileSync(`${FIXTURES}crs-reference.json`, 'utf8')) as {
  code: string;
  name: string;
  x: number;
  y: number;
  lon: number;
  lat: number;
  esriWkt: string;
  gdalWkt1: string;
}[];

function toWgs84(crs: ResolvedCrs, x: number, y: number): number[] {
  const p = [x, y];
  if (crs.toWgs84) expect(crs.toWgs84(p)).toBe(true);
  return p;
}

describe('bundled CRS definitions against GDAL', () => {
  it('covers every code of the CGCS2000, Xian 1980 and Beijing 1954 Gauss-Krüger families', () => {
    expect(reference.length).toBe(210);
    expect(gaussKrugerDefinitions()).toHaveLength(reference.filter((r) => /Gauss-Kruger/.test(r.name)).length);
  });

  it.each(reference.map((r) => [r.code, r] as const))('%s: EPSG code, ESRI .prj and GDAL WKT give GDAL’s position to 1e-7°', (code, r) => {
    for (const resolved of [resolveCrsSpec(code), resolveWktCrs(r.esriWkt), resolveWktCrs(r.gdalWkt1)]) {
      if (!resolved.ok) throw new Error(`${code}: ${resolved.error.code}`);
      const [lon, lat] = toWgs84(resolved.crs, r.x, r.y);
      // 1e-9° for projections alone; Beijing 1954 datum shifts agree with PROJ to ~1e-8°.
      expect(Math.abs(lon - r.lon)).toBeLessThan(1e-7);
      expect(Math.abs(lat - r.lat)).toBeLessThan(1e-7);
    }
  });

  it.each(reference.filter((r) => !crsDefinitionByEpsg(Number(r.code.slice(5)))?.deprecated).map((r) => [r.code, r] as const))('%s: a .prj is recognised as the same EPSG code', (code, r) => {
    const esri = resolveWktCrs(r.esriWkt);
    const gdal = resolveWktCrs(r.gdalWkt1);
    expect(esri.ok && esri.crs.id).toBe(code);
    expect(gdal.ok && gdal.crs.id).toBe(code);
  });

  it('uses EPSG names', () => {
    for (const r of reference.filter((x) => /Gauss-Kruger (zone|CM)/.test(x.name) && !crsDefinitionByEpsg(Number(x.code.slice(5)))?.deprecated)) {
      expect(crsDefinitionByEpsg(Number(r.code.slice(5)))!.name.en).toBe(r.name);
    }
  });
});

describe('resolveCrsSpec', () => {
  it('reads the usual ways of naming a CRS', () => {
    expect(epsgFromIdentifier('EPSG:4547')).toBe(4547);
    expect(epsgFromIdentifier('epsg: 4547')).toBe(4547);
    expect(epsgFromIdentifier('4547')).toBe(4547);
    expect(epsgFromIdentifier('urn:ogc:def:crs:EPSG::4547')).toBe(4547);
    expect(epsgFromIdentifier('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(epsgFromIdentifier('http://www.opengis.net/def/crs/EPSG/0/3857')).toBe(3857);
    expect(resolveCrsSpec('gcj02')).toMatchObject({ ok: true, crs: { id: 'gcj02', kind: 'gcj02' } });
  });

  it('refuses codes it does not bundle with a clear code', () => {
    expect(resolveCrsSpec('EPSG:2000')).toMatchObject({ ok: false, error: { code: 'crs-unsupported', params: { crs: 'EPSG:2000' } } });
    expect(resolveCrsSpec('not a crs')).toMatchObject({ ok: false, error: { code: 'crs-unknown' } });
    expect(resolveWktCrs('PROJCS["broken"')).toMatchObject({ ok: false, error: { code: 'crs-unknown' } });
  });

  it('accepts a proj4 string with local +towgs84 parameters', () => {
    // Beijing 1954 3° CM 114E with EPSG:15921's parameters, against gdaltransform with the same string:
    // echo 412345.678 4001234.567 | gdaltransform -s_srs "+proj=tmerc ... +towgs84=15.8,-154.4,-82.3" -t_srs OGC:CRS84
    const spec = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0 +units=m +no_defs';
    const resolved = resolveCrsSpec(spec);
    if (!resolved.ok) throw new Error(resolved.error.code);
    expect(resolved.crs.approximateDatum).toBeUndefined();
    const [lon, lat] = toWgs84(resolved.crs, 412345.678, 4001234.567);
    expect(Math.abs(lon - GDAL_TOWGS84[0])).toBeLessThan(1e-6);
    expect(Math.abs(lat - GDAL_TOWGS84[1])).toBeLessThan(1e-6);
  });
});

const GDAL_TOWGS84 = [113.026686431134, 36.1370332034907];
