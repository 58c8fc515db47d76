import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { FIXTURES, fixtureBytes, fixtureInput, maxLayerDifference, referenceLayer } from '../testSupport.ts';
import source from '../../../tests/fixtures/import/source/polygons.geojson?raw';
import { readdirSync } from 'node:fs';

const CHANGZHI: [number, number, number, number] = [111.929, 35.773, 113.781, 37.175];
const sourceNames = (JSON.parse(source) as { features: { properties: Record<string, unknown> }[] }).features.map((f) => f.properties);

// Each zipped shapefile written by ogr2ogr in one CRS, against ogr2ogr's own WGS84 answer.
const declared: [string, string][] = [
  ['cgcs2000-3deg-cm114', 'EPSG:4547'],
  ['cgcs2000-3deg-zone38', 'EPSG:4526'],
  ['cgcs2000-3deg-cm111', 'EPSG:4546'],
  ['cgcs2000-6deg-zone19', 'EPSG:4497'],
  ['cgcs2000-6deg-cm111', 'EPSG:4508'],
  ['xian1980-3deg-zone38', 'EPSG:2362'],
  ['xian1980-6deg-cm111', 'EPSG:2344'],
  ['beijing1954-3deg-cm114', 'EPSG:2435'],
  ['beijing1954-6deg-zone19', 'EPSG:21419'],
  ['webmercator', 'EPSG:3857'],
  ['wgs84-gbk', 'EPSG:4326'],
  ['cgcs2000-gbk-nocpg', 'EPSG:4490'],
  ['lines-cgcs2000-cm114', 'EPSG:4547'],
  ['points-cgcs2000-cm114', 'EPSG:4547'],
];

describe('shapefile import', () => {
  it.each(declared)('%s.zip (.prj %s) matches ogr2ogr to 1e-6°', async (name, code) => {
    const result = await importFiles([fixtureInput(`shp/${name}.zip`)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [layer] = result.layers;
    expect(layer.sourceCrs).toBe(code);
    expect(layer.crsSource).toBe('declared');
    expect(maxLayerDifference(layer.data, referenceLayer(name))).toBeLessThan(1e-6);
  });

  it('reads attributes with their types and Chinese text (UTF-8 .cpg, CP936 .cpg, GBK without .cpg)', async () => {
    for (const name of ['cgcs2000-3deg-cm114', 'wgs84-gbk', 'cgcs2000-gbk-nocpg']) {
      const result = await importFiles([fixtureInput(`shp/${name}.zip`)]);
      if (!result.ok) throw new Error(result.error.code);
      const props = result.layers[0].data.features.map((f) => f.properties);
      expect(props.map((p) => p['名称'])).toEqual(sourceNames.map((p) => p['名称']));
      expect(props.map((p) => p['面积亩'])).toEqual(sourceNames.map((p) => p['面积亩']));
      expect(props.map((p) => p['编号'])).toEqual(sourceNames.map((p) => p['编号']));
      expect(props[0]['备注']).toBe('含逗号,和"引号"');
      expect(result.layers[0].suggestedNameKey).toBe('名称');
      expect(result.layers[0].suggestedKindKey).toBe('类型');
    }
  });

  it('says when it guessed GBK (no .cpg, not UTF-8)', async () => {
    const result = await importFiles([fixtureInput('shp/cgcs2000-gbk-nocpg.zip')]);
    expect(result.ok && result.warnings.map((w) => w.code)).toContain('encoding-guessed');
    const cpg = await importFiles([fixtureInput('shp/wgs84-gbk.zip')]);
    expect(cpg.ok && cpg.warnings.map((w) => w.code)).not.toContain('encoding-guessed');
  });

  it('warns that Xian 1980 / Beijing 1954 use the ballpark datum change', async () => {
    for (const name of ['xian1980-3deg-zone38', 'beijing1954-6deg-zone19']) {
      const result = await importFiles([fixtureInput(`shp/${name}.zip`)]);
      expect(result.ok && result.warnings.map((w) => w.code)).toContain('datum-approximate');
    }
  });

  it('converts a zone-prefixed file without .prj, assuming CGCS2000 and saying so', async () => {
    const result = await importFiles([fixtureInput('shp/zone38-noprj.zip')]);
    if (!result.ok) throw new Error(result.error.code);
    const [layer] = result.layers;
    expect(layer.sourceCrs).toBe('EPSG:4526');
    expect(layer.crsSource).toBe('detected');
    expect(layer.detected?.reason).toBe('zone-prefix');
    expect(result.warnings).toContainEqual({ code: 'crs-assumed-cgcs2000', params: { crs: 'EPSG:4526' } });
    expect(maxLayerDifference(layer.data, referenceLayer('zone38-noprj'))).toBeLessThan(1e-6);
  });

  it('asks for the CRS when eastings carry no zone, ranking the region’s zone first', async () => {
    const result = await importFiles([fixtureInput('shp/cm114-noprj.zip')], { regionHint: CHANGZHI });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('crs-needs-confirmation');
    expect(result.candidates?.[0]).toMatchObject({ crs: 'EPSG:4547', insideRegion: true });
    expect(result.candidates?.filter((c) => c.insideRegion)).toHaveLength(1);
    // With the user's choice it lands where ogr2ogr puts it.
    const confirmed = await importFiles([fixtureInput('shp/cm114-noprj.zip')], { fromCrs: 'EPSG:4547' });
    if (!confirmed.ok) throw new Error(confirmed.error.code);
    expect(confirmed.layers[0].crsSource).toBe('user');
    expect(maxLayerDifference(confirmed.layers[0].data, referenceLayer('cm114-noprj'))).toBeLessThan(1e-6);
  });

  it('pairs loose .shp/.dbf/.prj/.cpg files given together', async () => {
    const files = readdirSync(`${FIXTURES}shp/loose`).map((f) => fixtureInput(`shp/loose/${f}`));
    const result = await importFiles(files);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers).toHaveLength(1);
    expect(maxLayerDifference(result.layers[0].data, referenceLayer('cgcs2000-3deg-cm114'))).toBeLessThan(1e-6);
  });

  it('reads every shapefile of a zip with folders as its own layer', async () => {
    const result = await importFiles([fixtureInput('shp/two-layers.zip')]);
    if (!result.ok) throw new Error(result.error.code);
    const byName = Object.fromEntries(result.layers.map((l) => [l.name, l]));
    expect(Object.keys(byName).sort()).toEqual(['cgcs2000-3deg-cm114', 'points-cgcs2000-cm114']);
    expect(maxLayerDifference(byName['points-cgcs2000-cm114'].data, referenceLayer('points-cgcs2000-cm114'))).toBeLessThan(1e-6);
  });

  it('names the missing part when only a .dbf is given', async () => {
    const result = await importFiles([{ name: 'x.dbf', bytes: fixtureBytes('shp/loose/cgcs2000-3deg-cm114.dbf') }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'shp-missing-part', params: { part: '.shp' } } });
  });

  it('imports geometry with a warning when the .dbf is missing', async () => {
    const result = await importFiles([fixtureInput('shp/loose/cgcs2000-3deg-cm114.shp'), fixtureInput('shp/loose/cgcs2000-3deg-cm114.prj')]);
    expect(result.ok && result.warnings.map((w) => w.code)).toContain('shp-no-dbf');
  });

  it('reports the record a truncated .shp cuts off, not silently fewer features (GDAL keeps the rest too)', async () => {
    const shp = fixtureBytes('shp/loose/cgcs2000-3deg-cm114.shp');
    const result = await importFiles([
      { name: 'cut.shp', bytes: shp.subarray(0, shp.length - 30) },
      { name: 'cut.prj', bytes: fixtureBytes('shp/loose/cgcs2000-3deg-cm114.prj') },
      { name: 'cut.dbf', bytes: fixtureBytes('shp/loose/cgcs2000-3deg-cm114.dbf') },
    ]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data.features.map((f) => f.geometry === null)).toEqual([false, false, false, true]);
    expect(result.warnings).toContainEqual({ code: 'shp-records-unreadable', params: { count: 1, records: '4', problem: 'truncated' } });
  });
});
