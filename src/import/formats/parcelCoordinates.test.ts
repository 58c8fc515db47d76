/**
 * 界址点坐标文件 (issue 12). Files written by hand in GBK by
 * scripts/fixtures/make-wild-import-fixtures.sh; the reference positions are ogr2ogr's conversion
 * of the same points (EPSG:4526 → WGS84).
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { forEachPosition } from '../geometry.ts';
import { importFiles } from '../importFiles.ts';
import { formatImportMessage } from '../messages.ts';
import { FIXTURES, fixtureInput } from '../testSupport.ts';

const reference = JSON.parse(readFileSync(`${FIXTURES}wild/ref-界址点-2000-38带.geojson`, 'utf8')) as FeatureCollection;
const gdalPoints = reference.features.map((f) => (f.geometry as { coordinates: Position }).coordinates);

describe('界址点坐标文件', () => {
  it('reads parcels with their CRS from [属性描述], holes by 圈号, every vertex within 1e-6° of GDAL', async () => {
    const result = await importFiles([fixtureInput('wild/界址点-2000-38带.txt')]);
    if (!result.ok) throw new Error(formatImportMessage(result.error, 'en'));
    const [layer] = result.layers;
    expect(layer.sourceCrs).toBe('EPSG:4526');
    expect(layer.crsSource).toBe('declared');
    expect(layer.format).toBe('parcels');
    expect(layer.data.features.map((f) => [f.properties['地块号'], f.properties['地块名称'], f.geometry?.type, (f.geometry as { coordinates: unknown[] }).coordinates.length])).toEqual([
      ['ZD-01', '湿地修复一号地块', 'Polygon', 2],
      ['ZD-02', '复垦二号地块', 'Polygon', 1],
    ]);
    let checked = 0;
    for (const f of layer.data.features) {
      forEachPosition(f.geometry!, (p) => {
        const nearest = Math.min(...gdalPoints.map((q) => Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]))));
        expect(nearest).toBeLessThan(1e-6);
        checked++;
      });
    }
    expect(checked).toBe(14);
  });

  it('warns when a parcel’s stated area does not match its boundary, and only then', async () => {
    const result = await importFiles([fixtureInput('wild/界址点-2000-38带.txt')]);
    if (!result.ok) throw new Error(result.error.code);
    const warning = result.warnings.find((w) => w.code === 'parcel-area-mismatch');
    expect(warning?.params).toEqual({ count: 1, parcels: 'ZD-02（2.5 / 0.5）' });
    expect(formatImportMessage(warning!, 'zh')).toContain('ZD-02（2.5 / 0.5）');
  });

  it('asks for the CRS when the header names no zone and the eastings carry none', async () => {
    const result = await importFiles([fixtureInput('wild/界址点-无带号.txt')], { regionHint: [111.929, 35.773, 113.781, 37.175] });
    expect(result).toMatchObject({ ok: false, error: { code: 'crs-needs-confirmation' } });
    if (result.ok) return;
    expect(result.candidates?.[0].crs).toBe('EPSG:4547');
    const fixed = await importFiles([fixtureInput('wild/界址点-无带号.txt')], { fromCrs: 'EPSG:4547' });
    expect(fixed.ok && fixed.layers[0].featureCount).toBe(2);
  });
});
