/**
 * Excel coordinate tables (issue 12): workbooks written by ogr2ogr's XLSX driver
 * (scripts/fixtures/make-wild-import-fixtures.sh); the reference is GDAL's reading of the same
 * sheets with the points built by SQLite's MakePoint.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { formatImportMessage } from '../messages.ts';
import { FIXTURES, fixtureInput, maxLayerDifference } from '../testSupport.ts';

const gdal = (name: string) => JSON.parse(readFileSync(`${FIXTURES}wild/ref-${name}.geojson`, 'utf8')) as FeatureCollection;

describe('Excel coordinate tables (.xlsx)', () => {
  it('reads the first sheet with 经度/纬度 (after a notes sheet) like GDAL, within 1e-6°', async () => {
    const result = await importFiles([fixtureInput('wild/控制点-经纬度.xlsx')]);
    if (!result.ok) throw new Error(formatImportMessage(result.error, 'en'));
    const [layer] = result.layers;
    expect(layer.format).toBe('xlsx');
    expect(layer.name).toBe('控制点-经纬度 坐标');
    expect(layer.sourceCrs).toBe('EPSG:4326');
    expect(layer.data.features.map((f) => f.properties)).toEqual(gdal('控制点-经纬度').features.map((f) => f.properties));
    expect(maxLayerDifference(layer.data, gdal('控制点-经纬度'))).toBeLessThan(1e-6);
  });

  it('reads surveyors’ X (north) / Y (east, zone-prefixed) with 点号 like GDAL', async () => {
    const result = await importFiles([fixtureInput('wild/界址点-XY.xlsx')]);
    if (!result.ok) throw new Error(formatImportMessage(result.error, 'en'));
    const [layer] = result.layers;
    expect(layer.sourceCrs).toBe('EPSG:4526');
    expect(result.warnings.map((w) => w.code)).toContain('csv-xy-surveying-order');
    expect(maxLayerDifference(layer.data, gdal('界址点-XY'))).toBeLessThan(1e-6);
  });

  it('refuses a damaged workbook with a message naming it', async () => {
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}wild/界址点-XY.xlsx`));
    bytes.fill(0, 200, 600);
    const result = await importFiles([{ name: '坏表.xlsx', bytes }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatImportMessage(result.error, 'zh')).toContain('坏表');
  });
});
