/**
 * KML and GPX as other tools write them (issue 12, classes 3–4). Files written by hand in
 * scripts/fixtures/make-wild-import-fixtures.sh; GDAL's reading (ref-*.geojson) is the reference
 * where GDAL reads the file.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { formatImportMessage } from '../messages.ts';
import { descriptionText } from '../text.ts';
import { FIXTURES, fixtureInput, maxLayerDifference } from '../testSupport.ts';
import { spaceCommaOnlyCoordinates } from './kmlText.ts';

const gdal = (name: string) => JSON.parse(readFileSync(`${FIXTURES}wild/ref-${name}.geojson`, 'utf8')) as FeatureCollection;

async function importWild(file: string) {
  const result = await importFiles([fixtureInput(`wild/${file}`)]);
  if (!result.ok) throw new Error(`${file}: ${formatImportMessage(result.error, 'en')}`);
  return result.layers[0];
}

describe('KML in the wild', () => {
  it('reads elements with a kml: namespace prefix as GDAL does', async () => {
    const layer = await importWild('kml-prefixed.kml');
    const reference = gdal('kml-prefixed');
    expect(layer.data.features.map((f) => f.properties.name)).toEqual(reference.features.map((f): unknown => f.properties?.Name));
    expect(maxLayerDifference(layer.data, reference)).toBeLessThan(1e-6);
  });

  it('reads coordinates separated by commas only, as pairs or triples', async () => {
    const layer = await importWild('kml-comma-only.kml');
    expect(layer.data.features.map((f) => f.geometry)).toEqual([
      { type: 'LineString', coordinates: [[113.01, 36.1], [113.05, 36.12], [113.09, 36.15]] },
      { type: 'Polygon', coordinates: [[[113.2, 36.2, 900], [113.3, 36.2, 905], [113.3, 36.3, 910], [113.2, 36.2, 900]]] },
    ]);
    expect(spaceCommaOnlyCoordinates('113.382,36.421')).toBe('113.382,36.421');
    expect(spaceCommaOnlyCoordinates('1,2 3,4')).toBe('1,2 3,4');
  });

  it('reads non-standard MultiPolygon / MultiLineString / MultiPoint elements', async () => {
    const layer = await importWild('kml-multi-elements.kml');
    expect(layer.data.features.map((f) => [f.properties.name, f.geometry?.type, (f.geometry as { coordinates: unknown[] }).coordinates.length])).toEqual([
      ['两块', 'MultiPolygon', 2],
      ['两段', 'MultiLineString', 2],
      ['两点', 'MultiPoint', 2],
    ]);
  });

  it('keeps an HTML description without CDATA as the HTML GDAL reads, shown as text with its line breaks', async () => {
    const layer = await importWild('kml-html-description.kml');
    const description = layer.data.features[0].properties.description as string;
    expect(description.replace('<br/>', '<br></br>')).toBe(gdal('kml-html-description').features[0].properties?.description);
    expect(descriptionText(description)).toBe('SomeHTML\ncontent\n第二段');
  });

  it('says that a file holds only an image overlay', async () => {
    const result = await importFiles([fixtureInput('wild/kml-overlay-only.kml')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'kml-overlays-only', params: { count: 1 } } });
    if (!result.ok) expect(formatImportMessage(result.error, 'zh')).toMatch(/^kml-overlay-only 只有 1 个图片叠加层/);
  });
});

describe('GPX in the wild', () => {
  it('imports a one-point track as a point where GDAL reads it', async () => {
    const layer = await importWild('gpx-one-point-track.gpx');
    const [reference] = gdal('gpx-one-point-track').features;
    expect(layer.data.features).toHaveLength(1);
    expect(layer.data.features[0].properties.name).toBe(reference.properties?.name);
    const [lon, lat] = (layer.data.features[0].geometry as { coordinates: number[] }).coordinates;
    const [[[refLon, refLat]]] = (reference.geometry as { coordinates: number[][][] }).coordinates;
    expect(Math.max(Math.abs(lon - refLon), Math.abs(lat - refLat))).toBeLessThan(1e-6);
  });
});
