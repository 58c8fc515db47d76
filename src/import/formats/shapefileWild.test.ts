/**
 * Shapefiles as other tools write them (issue 12, classes 1–2). Files from
 * scripts/fixtures/make-wild-import-fixtures.sh: written by ogr2ogr, some edited byte by byte;
 * every expected value is GDAL's own reading of the same file (ref-*.geojson).
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { formatImportMessage } from '../messages.ts';
import { FIXTURES, fixtureInput, maxLayerDifference } from '../testSupport.ts';
import { readFileSync } from 'node:fs';

const gdal = (name: string) => JSON.parse(readFileSync(`${FIXTURES}wild/ref-${name}.geojson`, 'utf8')) as FeatureCollection;

async function importWild(name: string) {
  const result = await importFiles([fixtureInput(`wild/${name}.zip`)]);
  if (!result.ok) throw new Error(`${name}: ${formatImportMessage(result.error, 'en')}`);
  return result;
}

describe('shapefile text encodings (.cpg, then language driver, then detection)', () => {
  it.each(['utf8-wide-field', 'cpg-936', 'cpg-950', 'cpg-1250', 'cpg-65001', 'ldid-936'])('%s: attributes as GDAL reads them, no guess warning', async (name) => {
    const result = await importWild(name);
    const reference = gdal(name);
    expect(result.layers[0].data.features.map((f) => f.properties)).toEqual(reference.features.map((f) => f.properties));
    expect(maxLayerDifference(result.layers[0].data, reference)).toBeLessThan(1e-6);
    expect(result.warnings.map((w) => w.code)).not.toContain('encoding-guessed');
  });

  it('still warns when it had to guess (GBK without .cpg or language driver)', async () => {
    const result = await importFiles([fixtureInput('shp/cgcs2000-gbk-nocpg.zip')]);
    expect(result.ok && result.warnings.map((w) => w.code)).toContain('encoding-guessed');
  });
});

describe('shapefile geometry from other writers', () => {
  it('closes unclosed rings, keeps all three polygons and says so', async () => {
    const result = await importWild('unclosed-rings');
    const layer = result.layers[0];
    expect(layer.featureCount).toBe(3);
    for (const f of layer.data.features) {
      expect(f.geometry?.type).toBe('Polygon');
      for (const ring of (f.geometry as { coordinates: number[][][] }).coordinates) expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    const warning = result.warnings.find((w) => w.code === 'rings-closed');
    expect(warning?.params?.count).toBe(4);
    // GDAL reads the same vertices (it leaves the rings open).
    const closed = gdal('unclosed-rings');
    for (const f of closed.features) for (const ring of (f.geometry as { coordinates: number[][][] }).coordinates) ring.push(ring[0]);
    expect(maxLayerDifference(layer.data, closed)).toBeLessThan(1e-6);
  });

  it('ignores zero padding after the last record', async () => {
    const result = await importWild('zero-padding');
    expect(result.layers[0].featureCount).toBe(3);
    expect(result.warnings).toEqual([]);
    expect(maxLayerDifference(result.layers[0].data, gdal('zero-padding'))).toBeLessThan(1e-6);
  });

  it('keeps a record of another shape type and reports the damaged one by number', async () => {
    const result = await importWild('foreign-record');
    const features = result.layers[0].data.features;
    const reference = gdal('foreign-record');
    expect(features.map((f) => f.geometry?.type ?? null)).toEqual(reference.features.map((f) => f.geometry?.type ?? null));
    expect(features.map((f) => f.properties['名称'])).toEqual(['甲', '乙', '丙']);
    const skipped = result.warnings.find((w) => w.code === 'shp-records-unreadable');
    expect(skipped?.params).toMatchObject({ count: 1, records: '3' });
    expect(formatImportMessage(skipped!, 'zh')).toMatch(/第 3 条/);
  });
});

describe('naming', () => {
  it('names a zip with one layer after the zip, not the inner .shp', async () => {
    const result = await importFiles([fixtureInput('wild/生态保护红线.zip')]);
    expect(result.ok && result.layers.map((l) => l.name)).toEqual(['生态保护红线']);
  });

  it('names the layers of a zip with several after their files', async () => {
    const result = await importFiles([fixtureInput('shp/two-layers.zip')]);
    expect(result.ok && result.layers.map((l) => l.name).sort()).toEqual(['cgcs2000-3deg-cm114', 'points-cgcs2000-cm114']);
  });
});
