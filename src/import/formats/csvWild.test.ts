/**
 * CSV with WKT curves (issue 12, class 5), file written by hand in
 * scripts/fixtures/make-wild-import-fixtures.sh; the reference is ogr2ogr's reading with
 * -nlt CONVERT_TO_LINEAR (GDAL's linearisation).
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { formatImportMessage } from '../messages.ts';
import { FIXTURES, fixtureInput, maxLayerDifference } from '../testSupport.ts';

describe('CSV with WKT curves', () => {
  it('linearises CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON and MULTICURVE as GDAL does, within 1e-6°, and says so', async () => {
    const result = await importFiles([fixtureInput('wild/csv-wkt-curves.csv')]);
    if (!result.ok) throw new Error(result.error.code);
    const reference = JSON.parse(readFileSync(`${FIXTURES}wild/ref-csv-wkt-curves.geojson`, 'utf8')) as FeatureCollection;
    const [layer] = result.layers;
    expect(layer.data.features.map((f) => f.properties['名称'])).toEqual(['圆弧', '复合线', '曲面', '多曲线', '普通面']);
    expect(layer.data.features.map((f) => f.geometry?.type)).toEqual(reference.features.map((f) => f.geometry?.type));
    expect(maxLayerDifference(layer.data, reference)).toBeLessThan(1e-6);
    const warning = result.warnings.find((w) => w.code === 'csv-wkt-curves-linearised')!;
    expect(warning.params).toEqual({ count: 4, types: 'CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE' });
    expect(formatImportMessage(warning, 'zh')).toContain('已按 GDAL 的方式转为折线');
  });

  it('names curve types it cannot read (a curve in a collection, a TIN) and the first row', async () => {
    const text = 'name,WKT\na,"GEOMETRYCOLLECTION(CIRCULARSTRING(113 36,113.05 36.05,113.1 36))"\nb,"TIN(((0 0,1 0,0 1,0 0)))"\n';
    const result = await importFiles([{ name: 'arcs.csv', bytes: new TextEncoder().encode(text) }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatImportMessage(result.error, 'zh')).toMatch(/^arcs：2 行的几何是曲线（CIRCULARSTRING, TIN），本程序不能读取/);
  });
});
