import { kml as kmlToGeoJSON } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { wktToGeoJSON } from 'betterknown';
import type { Feature, Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from '../geo/geodesicArea.ts';
import { geodesicLength } from '../geo/geodesicLength.ts';
import { parseCsvRows } from '../import/formats/csv.ts';
import { importFiles } from '../import/importFiles.ts';
import { formatArea, formatNumber } from '../geo/units.ts';
import { exportMeasurements, measurementAttributes, measurementsToCsv, measurementsToGeoJSON, measurementsToKml, type ExportItem } from './exporters.ts';
import { measuredFigures } from './measuredFigures.ts';
import { changzhiPack, layerOf } from './testing/changzhiPack.ts';
import type { Measurement } from './types.ts';

const now = '2025-03-01T08:00:00.000Z';
function item(id: string, name: string, geometry: Measurement['geometry'], kind: Measurement['kind'] = 'polygon'): ExportItem {
  const measurement: Measurement = { id, name, color: '#d7263d', hidden: false, kind, geometry, createdAt: now, updatedAt: now };
  return { measurement, figures: measuredFigures(geometry) };
}

const plot: Polygon = { type: 'Polygon', coordinates: [[[113.0512, 36.1023], [113.0731, 36.1001], [113.0765, 36.1187], [113.0533, 36.1204], [113.0512, 36.1023]]] };
const shangdang = layerOf(changzhiPack().layers, 'counties').data.features.find((f) => f.properties?.name === '上党区')!.geometry as MultiPolygon;
// A polygon with a hole: a plot with a pond left out.
const withHole: Polygon = {
  type: 'Polygon',
  coordinates: [plot.coordinates[0], [[113.06, 36.108], [113.062, 36.108], [113.062, 36.11], [113.06, 36.11], [113.06, 36.108]]],
};
const road: LineString = { type: 'LineString', coordinates: [[113.0, 36.2], [113.05, 36.21], [113.1, 36.19]] };

const items = [
  item('a', '北张村复垦 "一期", 东片', plot),
  item('b', '=上党区', shangdang, 'feature'),
  item('c', '带水塘的地块', withHole),
  item('d', '道路', road, 'line'),
];
const MU = 10000 / 15;

/**
 * KML has no MultiPolygon: a MultiGeometry of polygons, which togeojson (and so the app's importer)
 * reads as a GeometryCollection. As a GIS does, it is read here as the multi-part polygon it is.
 */
function polygonal(g: Geometry): Polygon | MultiPolygon {
  if (g.type === 'GeometryCollection' && g.geometries.every((p) => p.type === 'Polygon')) {
    return { type: 'MultiPolygon', coordinates: g.geometries.map((p) => (p).coordinates) };
  }
  return g as Polygon | MultiPolygon;
}

describe('measurement exports', () => {
  it('GeoJSON carries area_m2 and area_mu (and ha, km², perimeter / length) computed from its own coordinates', () => {
    const fc = measurementsToGeoJSON(items);
    expect(fc.features).toHaveLength(4);
    for (const f of fc.features.slice(0, 3)) {
      const area = geodesicArea(f.geometry as Polygon | MultiPolygon);
      expect(Math.abs(f.properties.area_m2! - area)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(f.properties.area_mu! - area / MU)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(f.properties.area_ha! - area / 1e4)).toBeLessThanOrEqual(0.00005);
      expect(f.properties.length_m).toBeNull();
    }
    const line = fc.features[3];
    expect(line.properties.area_m2).toBeNull();
    expect(Math.abs(line.properties.length_m! - geodesicLength(road))).toBeLessThanOrEqual(0.005);
  });

  it('KML read back by togeojson has the same shapes, areas and attributes', () => {
    const text = measurementsToKml(items, '长治测量');
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    const back = kmlToGeoJSON(doc).features as Feature[];
    expect(back.map((f): unknown => f.properties?.name)).toEqual(items.map((i) => i.measurement.name));
    items.forEach((it, i) => {
      const f = back[i];
      const figures = it.figures!;
      if (figures.type === 'area') {
        expect(Math.abs(geodesicArea(polygonal(f.geometry)) / figures.area_m2 - 1)).toBeLessThan(1e-12);
        expect(Number(f.properties?.area_m2)).toBeCloseTo(figures.area_m2, 2);
        expect(Number(f.properties?.area_mu)).toBeCloseTo(figures.area_m2 / MU, 2);
      } else {
        expect(f.geometry.type).toBe('LineString');
        expect(Math.abs(geodesicLength(f.geometry as LineString) / figures.length_m - 1)).toBeLessThan(1e-12);
        expect(Number(f.properties?.length_m)).toBeCloseTo(figures.length_m, 2);
      }
    });
    // Names with quotes and ampersand-like text survive XML escaping.
    expect(text).toContain('北张村复垦 &quot;一期&quot;, 东片');
  });

  it('CSV is UTF-8 with a BOM and CRLF, quotes what needs quoting, defuses formulas, and its WKT gives the same areas', () => {
    const csv = measurementsToCsv(items);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const rows = parseCsvRows(csv.slice(1), ',', 100).filter((r) => r.length > 1);
    const [header, ...data] = rows;
    expect(header.slice(0, 4)).toEqual(['name', 'kind', 'area_m2', 'area_mu']);
    expect(header.at(-1)).toBe('wkt');
    expect(data).toHaveLength(4);
    expect(data[0][0]).toBe('北张村复垦 "一期", 东片');
    // Excel would run "=上党区" as a formula; it is written as text.
    expect(data[1][0]).toBe("'=上党区");
    data.forEach((row, i) => {
      const geometry = wktToGeoJSON(row.at(-1)!) as Polygon | MultiPolygon | LineString;
      const figures = items[i].figures!;
      if (figures.type === 'area') {
        expect(Math.abs(geodesicArea(geometry as Polygon | MultiPolygon) / figures.area_m2 - 1)).toBeLessThan(1e-12);
        expect(Number(row[header.indexOf('area_mu')])).toBeCloseTo(figures.area_m2 / MU, 2);
      } else expect(Math.abs(geodesicLength(geometry as LineString) / figures.length_m - 1)).toBeLessThan(1e-12);
    });
  });

  it('writes no figures for a shape that has none, rather than a wrong one', () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]]] };
    const broken: ExportItem = { measurement: { ...items[0].measurement, geometry: bowTie }, figures: null };
    expect(measurementsToGeoJSON([broken]).features[0].properties.area_m2).toBeNull();
    expect(measurementsToKml([broken], 'x')).not.toContain('area_m2');
    const [, row] = parseCsvRows(measurementsToCsv([broken]).slice(1), ',', 10);
    expect(row[2]).toBe('');
  });

  it('reads back through the app’s own importer (GeoJSON, KML, CSV) to the same areas', async () => {
    for (const format of ['geojson', 'kml', 'csv'] as const) {
      const file = exportMeasurements(items.slice(0, 3), format, '长治 测量/2025');
      expect(file.filename).toMatch(new RegExp(`^长治_测量_2025\\.${format}$`));
      const result = await importFiles([{ name: file.filename, bytes: new TextEncoder().encode(file.text) }]);
      if (!result.ok) throw new Error(`${format}: ${JSON.stringify(result.error)}`);
      const features = result.layers.flatMap((l) => l.data.features).filter((f) => f.geometry);
      expect(features, format).toHaveLength(3);
      features.forEach((f, i) => {
        const expected = (items[i].figures as { area_m2: number }).area_m2;
        expect(Math.abs(geodesicArea(polygonal(f.geometry as Geometry)) / expected - 1), `${format} #${i}`).toBeLessThan(1e-9);
        // Names come back as written: the CSV formula guard is not part of the name.
        expect(f.properties?.name, `${format} #${i}`).toBe(items[i].measurement.name);
      });
    }
  });
});

describe('rounding of exported figures', () => {
  it('writes the 亩, ha and km² the list shows, also at exact halves', () => {
    // Areas whose 亩 figure sits on a half hundredth (x.xx5), where Math.round and toFixed part.
    for (const mu of [1.045, 2.675, 1_234.565, 70_897.705]) {
      const m2 = mu * MU;
      const attrs = measurementAttributes({ ...item('h', 'half', plot), figures: { type: 'area', area_m2: m2, perimeter_m: 1 } });
      expect(formatNumber(attrs.area_mu!, 2)).toBe(formatArea(m2, 'mu', 'zh', { withUnit: false }));
      expect(formatNumber(attrs.area_ha!, 4)).toBe(formatArea(m2, 'ha', 'zh', { withUnit: false, decimals: 4 }));
    }
  });
});

