/**
 * CSV with WKT curves (issue 12, class 5), file written by hand in
 * scripts/fixtures/make-wild-import-fixtures.sh; ogr2ogr's reading is the reference for the row
 * that is not a curve.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { formatImportMessage } from '../messages.ts';
import { FIXTURES, fixtureInput, maxVertexDifference } from '../testSupport.ts';

describe('CSV with WKT curves', () => {
  it('imports the plain rows and names the curve types it skipped, with the first row', async () => {
    const result = await importFiles([fixtureInput('wild/csv-wkt-curves.csv')]);
    if (!result.ok) throw new Error(result.error.code);
    const reference = JSON.parse(readFileSync(`${FIXTURES}wild/ref-csv-wkt-curves.geojson`, 'utf8')) as FeatureCollection;
    const [layer] = result.layers;
    expect(layer.data.features.map((f) => f.properties['名称'])).toEqual(['普通面']);
    expect(maxVertexDifference(layer.data.features[0] as never, reference.features[4])).toBeLessThan(1e-6);
    const warning = result.warnings.find((w) => w.code === 'csv-wkt-curves')!;
    expect(warning.params).toEqual({ count: 4, types: 'CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE', firstRow: 2 });
    expect(formatImportMessage(warning, 'zh')).toContain('CIRCULARSTRING');
  });

  it('refuses a CSV of curves only with a message naming the file and the types', async () => {
    const text = 'name,WKT\na,"CIRCULARSTRING(113 36,113.05 36.05,113.1 36)"\n';
    const result = await importFiles([{ name: 'arcs.csv', bytes: new TextEncoder().encode(text) }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatImportMessage(result.error, 'zh')).toMatch(/^arcs：1 行的几何是曲线（CIRCULARSTRING）/);
  });
});
