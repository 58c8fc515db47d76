/**
 * DXF (issue 12): a hand-written R2000 drawing in GBK (scripts/fixtures/make-wild-import-fixtures.sh)
 * against GDAL's reading of the same file with -s_srs EPSG:4526.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { formatImportMessage } from '../messages.ts';
import { FIXTURES, fixtureInput, maxVertexDifference } from '../testSupport.ts';

const gdal = JSON.parse(readFileSync(`${FIXTURES}wild/ref-cass-gbk.geojson`, 'utf8')) as FeatureCollection;

/** GDAL repeats an arc's first vertex; the vertex sets are compared without that repeat. */
function withoutRepeats(feature: Feature): Feature {
  const g = feature.geometry as Geometry & { coordinates: Position[] };
  if (g.type !== 'LineString') return feature;
  const coordinates = g.coordinates.filter((p, i) => i === 0 || p[0] !== g.coordinates[i - 1][0] || p[1] !== g.coordinates[i - 1][1]);
  return { ...feature, geometry: { type: 'LineString', coordinates } };
}

describe('DXF', () => {
  it('reads polylines (bulges as arcs), lines, points and text like GDAL, within 1e-6°', async () => {
    const result = await importFiles([fixtureInput('wild/cass-gbk.dxf')]);
    if (!result.ok) throw new Error(formatImportMessage(result.error, 'en'));
    const [layer] = result.layers;
    expect(layer.format).toBe('dxf');
    expect(layer.sourceCrs).toBe('EPSG:4526'); // from the zone prefix, with the CGCS2000 assumption said
    expect(result.warnings.map((w) => w.code)).toContain('crs-assumed-cgcs2000');
    expect(layer.data.features.map((f) => f.properties)).toEqual(gdal.features.map((f) => f.properties));
    expect(layer.data.features.map((f) => f.geometry?.type)).toEqual(['Polygon', 'LineString', 'LineString', 'Point', 'Point']);
    layer.data.features.forEach((f, i) => {
      const reference = withoutRepeats(gdal.features[i]);
      // A closed polyline is a polygon here and a closed line in GDAL: the same vertices.
      const ours = f.geometry?.type === 'Polygon' ? { ...f, geometry: { type: 'LineString', coordinates: (f.geometry as { coordinates: Position[][] }).coordinates[0] } } : f;
      expect(maxVertexDifference(ours as Feature, reference), String(i)).toBeLessThan(1e-6);
    });
  });

  it('refuses a file that is not DXF with a message naming it', async () => {
    const result = await importFiles([{ name: 'broken.dxf', bytes: new TextEncoder().encode('0\nSECTION\n2\nENTITIES\n0\nLINE\n10\nnot-a-number') }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'dxf-invalid' } });
    if (!result.ok) expect(formatImportMessage(result.error, 'zh')).toMatch(/^broken 不是可读取的 DXF 文件/);
  });
});
