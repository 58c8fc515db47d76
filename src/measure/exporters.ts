/**
 * Measurements out as GeoJSON, KML and CSV, each carrying `area_m2` and `area_mu` (and ha, km²,
 * perimeter or length) in its attributes, computed by the geo core from the exported coordinates.
 * CSV is UTF-8 with a BOM so Excel opens the Chinese names correctly, with the shape as WKT so
 * QGIS and the app's own importer can read it back.
 */
import { geoJSONToWkt } from 'betterknown';
import type { FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { csvCell } from '../geo/csvCell.ts';
import { convertArea } from '../geo/units.ts';
import type { MeasuredFigures, Measurement } from './types.ts';

export interface ExportItem {
  measurement: Measurement;
  /** null when the shape is invalid (e.g. still crossing itself): no figures are written. */
  figures: MeasuredFigures | null;
}

export type ExportFormat = 'geojson' | 'kml' | 'csv';

export interface ExportFile {
  filename: string;
  mimeType: string;
  text: string;
}

/** The attributes every format writes, rounded as the screen shows them: m², 亩 and m to 0.01, ha to 0.0001, km² to 0.000001. */
export interface MeasurementAttributes {
  name: string;
  kind: string;
  color: string;
  area_m2: number | null;
  area_mu: number | null;
  area_ha: number | null;
  area_km2: number | null;
  perimeter_m: number | null;
  length_m: number | null;
  source_layer: string | null;
  source_name: string | null;
  created_at: string;
  updated_at: string;
}

const ATTRIBUTE_ORDER: (keyof MeasurementAttributes)[] = [
  'name',
  'kind',
  'area_m2',
  'area_mu',
  'area_ha',
  'area_km2',
  'perimeter_m',
  'length_m',
  'color',
  'source_layer',
  'source_name',
  'created_at',
  'updated_at',
];

export function measurementAttributes({ measurement: m, figures }: ExportItem): MeasurementAttributes {
  const area = figures?.type === 'area' ? figures.area_m2 : null;
  return {
    name: m.name,
    kind: m.kind,
    color: m.color,
    area_m2: area === null ? null : round(area, 2),
    area_mu: area === null ? null : round(convertArea(area, 'mu'), 2),
    area_ha: area === null ? null : round(convertArea(area, 'ha'), 4),
    area_km2: area === null ? null : round(convertArea(area, 'km2'), 6),
    perimeter_m: figures?.type === 'area' ? round(figures.perimeter_m, 2) : null,
    length_m: figures?.type === 'length' ? round(figures.length_m, 2) : null,
    source_layer: m.source?.layerId ?? null,
    source_name: m.source?.name ?? null,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export function measurementsToGeoJSON(items: readonly ExportItem[]): FeatureCollection<Polygon | MultiPolygon | LineString, MeasurementAttributes> {
  return {
    type: 'FeatureCollection',
    features: items.map((item) => ({
      type: 'Feature',
      id: item.measurement.id,
      geometry: item.measurement.geometry,
      properties: measurementAttributes(item),
    })),
  };
}

export function measurementsToKml(items: readonly ExportItem[], documentName: string): string {
  const styles: string[] = [];
  const placemarks: string[] = [];
  items.forEach((item, i) => {
    const attrs = measurementAttributes(item);
    const styleId = `m${i}`;
    const colour = kmlColour(item.measurement.color);
    styles.push(
      `<Style id="${styleId}"><LineStyle><color>${colour('ff')}</color><width>2</width></LineStyle>` +
        `<PolyStyle><color>${colour('55')}</color></PolyStyle></Style>`,
    );
    const data = ATTRIBUTE_ORDER.filter((key) => key !== 'name' && attrs[key] !== null)
      .map((key) => `<Data name="${key}"><value>${xml(String(attrs[key]))}</value></Data>`)
      .join('');
    placemarks.push(
      `<Placemark id="${xml(item.measurement.id)}"><name>${xml(attrs.name)}</name><styleUrl>#${styleId}</styleUrl>` +
        `<ExtendedData>${data}</ExtendedData>${kmlGeometry(item.measurement.geometry)}</Placemark>`,
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
    `<name>${xml(documentName)}</name>${styles.join('')}${placemarks.join('\n')}</Document></kml>\n`
  );
}

/** CSV with a UTF-8 BOM, CRLF line ends (Excel), one row per measurement, WKT geometry last. */
export function measurementsToCsv(items: readonly ExportItem[]): string {
  const header = [...ATTRIBUTE_ORDER, 'wkt'];
  const rows = items.map((item) => {
    const attrs = measurementAttributes(item);
    return [...ATTRIBUTE_ORDER.map((key) => csvCell(attrs[key])), csvCell(geoJSONToWkt(item.measurement.geometry))];
  });
  return `\uFEFF${[header.map(csvCell).join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`;
}

export function exportMeasurements(items: readonly ExportItem[], format: ExportFormat, baseName: string): ExportFile {
  const safe = fileSafe(baseName) || 'measurements';
  switch (format) {
    case 'geojson':
      return { filename: `${safe}.geojson`, mimeType: 'application/geo+json', text: `${JSON.stringify(measurementsToGeoJSON(items), null, 1)}\n` };
    case 'kml':
      return { filename: `${safe}.kml`, mimeType: 'application/vnd.google-earth.kml+xml', text: measurementsToKml(items, baseName) };
    case 'csv':
      return { filename: `${safe}.csv`, mimeType: 'text/csv;charset=utf-8', text: measurementsToCsv(items) };
  }
}

function kmlGeometry(geometry: Polygon | MultiPolygon | LineString): string {
  const coords = (ring: Position[]) => `<coordinates>${ring.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates>`;
  const polygon = (rings: Position[][]) =>
    `<Polygon>${rings
      .map((ring, i) => (i === 0 ? `<outerBoundaryIs><LinearRing>${coords(ring)}</LinearRing></outerBoundaryIs>` : `<innerBoundaryIs><LinearRing>${coords(ring)}</LinearRing></innerBoundaryIs>`))
      .join('')}</Polygon>`;
  switch (geometry.type) {
    case 'LineString':
      return `<LineString>${coords(geometry.coordinates)}</LineString>`;
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map(polygon).join('')}</MultiGeometry>`;
  }
}

/** KML colours are aabbggrr. */
function kmlColour(hex: string): (alpha: string) => string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = m ? [m[1], m[2], m[3]] : ['d8', '60', '2f'];
  return (alpha) => `${alpha}${b}${g}${r}`.toLowerCase();
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Rounded as `formatNumber` rounds for the screen (toFixed), so a file and the list agree. */
function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80);
}
