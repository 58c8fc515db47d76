import { describe, expect, it } from 'vitest';
import { groupImportSources, importFiles } from './importFiles.ts';
import type { ImportProgress } from './types.ts';
import { fixtureBytes, fixtureInput, maxLayerDifference, referenceLayer } from './testSupport.ts';

const text = (name: string, s: string) => ({ name, bytes: new TextEncoder().encode(s) });
const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const loose = (ext: string) => fixtureInput(`shp/loose/cgcs2000-3deg-cm114.${ext}`);

describe('importFiles', () => {
  it('refuses files over the size limit without reading them, and empty files', async () => {
    expect(await importFiles([text('a.geojson', '{}'.padEnd(2048))], { limits: { maxFileBytes: 1024 } })).toMatchObject({
      ok: false,
      error: { code: 'file-too-large', params: { name: 'a.geojson', limitMB: 0 } },
    });
    expect(await importFiles([text('e.kml', '')])).toMatchObject({ ok: false, error: { code: 'file-empty', params: { name: 'e.kml' } } });
    expect(await importFiles([])).toMatchObject({ ok: false, error: { code: 'no-files' } });
  });

  it('accepts Blob/File inputs', async () => {
    const file = new File([fixtureBytes('geojson/wgs84.geojson') as Uint8Array<ArrayBuffer>], 'wgs84.geojson');
    const result = await importFiles([file]);
    expect(result.ok && result.layers[0].featureCount).toBe(9);
  });

  it('enforces feature and vertex limits with the limit in the message', async () => {
    expect(await importFiles([fixtureInput('geojson/wgs84.geojson')], { limits: { maxFeatures: 5 } })).toMatchObject({ ok: false, error: { code: 'too-many-features', params: { limit: 5 } } });
    expect(await importFiles([fixtureInput('geojson/wgs84.geojson')], { limits: { maxVertices: 20 } })).toMatchObject({ ok: false, error: { code: 'too-many-vertices', params: { limit: 20 } } });
    expect(await importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { limits: { maxVertices: 20 } })).toMatchObject({ ok: false, error: { code: 'too-many-vertices' } });
  });

  it('names formats it cannot read', async () => {
    expect(await importFiles([text('plan.pdf', '%PDF-1.7 ...')])).toMatchObject({ ok: false, error: { code: 'format-unsupported', params: { format: 'PDF' } } });
    expect(await importFiles([{ name: 'a.dwg', bytes: new Uint8Array([0x41, 0x43, 0x31, 0x30, 0x32, 0x34, 0, 0]) }])).toMatchObject({ ok: false, error: { code: 'format-unsupported', params: { format: 'DWG (AutoCAD)' } } });
    expect(await importFiles([{ name: 'x.bin', bytes: new Uint8Array([1, 2, 3, 0, 9, 200, 7, 0]) }])).toMatchObject({ ok: false, error: { code: 'format-unknown' } });
  });

  it('reports monotone progress ending at 1', async () => {
    const seen: ImportProgress[] = [];
    await importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip'), fixtureInput('kml/mixed.kml')], { onProgress: (p) => seen.push(p) });
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await importFiles([fixtureInput('kml/mixed.kml')], { signal: controller.signal })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('never trusts a .prj that contradicts the numbers', async () => {
    const result = await importFiles([loose('shp'), loose('dbf'), { name: 'cgcs2000-3deg-cm114.prj', bytes: new TextEncoder().encode(WGS84_PRJ) }], {
      regionHint: [111.929, 35.773, 113.781, 37.175],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'crs-declared-mismatch', params: { crs: 'EPSG:4326', source: 'prj' } } });
    expect(!result.ok && result.candidates?.[0].crs).toBe('EPSG:4547');
  });

  it('lets the user’s CRS replace a contradicting .prj, or any .prj when told to', async () => {
    const files = [loose('shp'), loose('dbf'), { name: 'cgcs2000-3deg-cm114.prj', bytes: new TextEncoder().encode(WGS84_PRJ) }];
    const fixed = await importFiles(files, { fromCrs: 'EPSG:4547' });
    if (!fixed.ok) throw new Error(fixed.error.code);
    expect(maxLayerDifference(fixed.layers[0].data, referenceLayer('cgcs2000-3deg-cm114'))).toBeLessThan(1e-6);
    expect(fixed.warnings).toContainEqual({ code: 'crs-user-override', params: { declared: 'EPSG:4326', used: 'EPSG:4547' } });
    // A fitting .prj wins over fromCrs unless overrideDeclaredCrs.
    const kept = await importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { fromCrs: 'EPSG:4546' });
    expect(kept.ok && kept.layers[0].sourceCrs).toBe('EPSG:4547');
    const forced = await importFiles([fixtureInput('shp/cgcs2000-3deg-cm114.zip')], { fromCrs: 'EPSG:4546', overrideDeclaredCrs: true });
    expect(forced.ok && forced.layers[0].sourceCrs).toBe('EPSG:4546');
    expect(forced.ok && forced.warnings.map((w) => w.code)).toContain('crs-user-override');
  });

  it('fails a wrong explicit choice instead of placing data wrongly', async () => {
    expect(await importFiles([fixtureInput('shp/cm114-noprj.zip')], { fromCrs: 'EPSG:4326' })).toMatchObject({ ok: false, error: { code: 'crs-declared-mismatch', params: { source: 'user' } } });
    expect(await importFiles([fixtureInput('shp/cm114-noprj.zip')], { fromCrs: 'EPSG:9999' })).toMatchObject({ ok: false, error: { code: 'crs-unsupported' } });
    // A 6-digit easting read with a zone-prefixed CRS lands nowhere: reprojection fails.
    expect(await importFiles([fixtureInput('shp/cm114-noprj.zip')], { fromCrs: 'EPSG:4526' })).toMatchObject({ ok: false, error: { code: 'reprojection-failed' } });
  });

  it('applies EPSG’s Beijing 1954 transformation where GDAL does (Ordos basin) and says so', async () => {
    // A point at 108.7°E 36.2°N in Beijing 1954 3° zone 36, from crs-reference.json (gdaltransform).
    const csv = 'name,x,y\nordos,36562918.200916,4008005.89722744\n';
    const result = await importFiles([text('ordos.csv', csv)], { fromCrs: 'EPSG:2412' });
    if (!result.ok) throw new Error(result.error.code);
    const [lon, lat] = (result.layers[0].data.features[0].geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lon - 108.7)).toBeLessThan(1e-7);
    expect(Math.abs(lat - 36.2)).toBeLessThan(1e-7);
    expect(result.warnings).toContainEqual({ code: 'datum-transformation-applied', params: { operations: 'EPSG:15936' } });
    expect(result.warnings.map((w) => w.code)).not.toContain('datum-approximate');
  });

  it('groups a multi-file drop so one bad file does not stop the rest', () => {
    const groups = groupImportSources([{ name: 'a.shp' }, { name: 'b.kml' }, { name: 'A.dbf' }, { name: 'a.prj' }, { name: 'c.csv' }]);
    expect(groups.map((g) => g.map((f) => f.name))).toEqual([['a.shp', 'A.dbf', 'a.prj'], ['b.kml'], ['c.csv']]);
  });
});
