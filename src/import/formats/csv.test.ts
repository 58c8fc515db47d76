import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { fixtureInput, maxLayerDifference, referenceLayer } from '../testSupport.ts';
import { detectDelimiter, parseCoordinate, parseCsvRows } from './csv.ts';

const text = (name: string, s: string) => ({ name, bytes: new TextEncoder().encode(s) });

describe('CSV import', () => {
  it.each([
    ['csv/points-xy.csv', 'csv-points-xy', 'EPSG:4326'],
    ['csv/points-jingwei-gbk.csv', 'csv-points-jingwei', 'EPSG:4326'],
    ['csv/polygons-wkt.csv', 'csv-polygons-wkt', 'EPSG:4326'],
    ['csv/points-gk-surveying.csv', 'csv-points-gk-surveying', 'EPSG:4526'],
  ])('%s matches ogr2ogr to 1e-6°', async (file, ref, crs) => {
    const result = await importFiles([fixtureInput(file)]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].sourceCrs).toBe(crs);
    expect(maxLayerDifference(result.layers[0].data, referenceLayer(ref))).toBeLessThan(1e-6);
  });

  it('reads a GBK file from Excel with 经度/纬度 columns, saying it guessed GBK', async () => {
    const result = await importFiles([fixtureInput('csv/points-jingwei-gbk.csv')]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].crsSource).toBe('format');
    expect(result.layers[0].data.features.map((f) => f.properties['名称'])).toEqual(['辛安泉', '长治市人民政府', '沁源县']);
    expect(result.warnings.map((w) => w.code)).toContain('encoding-guessed');
  });

  it('swaps surveyors’ X (north) / Y (east) and says so', async () => {
    const result = await importFiles([fixtureInput('csv/points-gk-surveying.csv')]);
    expect(result.ok && result.warnings.map((w) => w.code)).toContain('csv-xy-surveying-order');
  });

  it('keeps quoted commas and quotes, and types numeric columns', async () => {
    const result = await importFiles([fixtureInput('csv/polygons-wkt.csv')]);
    if (!result.ok) throw new Error(result.error.code);
    const p = result.layers[0].data.features[0].properties;
    expect(p['备注']).toBe('含逗号,和"引号"');
    expect(p['面积亩']).toBe(41234.5);
    expect(p['编号']).toBe(1);
    expect(Object.keys(p)).not.toContain('WKT');
  });

  it('reads semicolons with decimal commas and degrees-minutes-seconds', async () => {
    const csv = '名称;经度;纬度\n甲;113°07′30″;36°12′00″\n乙;"113,5";"36,25"\n';
    const result = await importFiles([text('dms.csv', csv)]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data.features.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [113.125, 36.2] },
      { type: 'Point', coordinates: [113.5, 36.25] },
    ]);
  });

  it('skips unreadable rows with a count and the first row number', async () => {
    const result = await importFiles([text('r.csv', 'name,lon,lat\na,113.1,36.2\nb,abc,36.3\nc,113.2,36.4\n')]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].featureCount).toBe(2);
    expect(result.warnings).toContainEqual({ code: 'rows-skipped', params: { count: 1, firstRow: 3 } });
  });

  it('lists the columns when none holds coordinates', async () => {
    const result = await importFiles([text('t.csv', '名称,面积\n甲,12\n')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'csv-no-coordinates', params: { columns: '名称, 面积' } } });
  });

  it('reads EWKT SRID as the declared CRS', async () => {
    const result = await importFiles([text('e.csv', 'id,geom\n1,SRID=4547;POINT(412345.678 4001234.567)\n')]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].sourceCrs).toBe('EPSG:4547');
    // gdaltransform -s_srs EPSG:4547 -t_srs OGC:CRS84: 113.026152774026 36.1374597581318
    const [lon, lat] = (result.layers[0].data.features[0].geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lon - 113.026152774026)).toBeLessThan(1e-9);
    expect(Math.abs(lat - 36.1374597581318)).toBeLessThan(1e-9);
  });

  it('parses coordinates in the usual spellings', () => {
    expect(parseCoordinate('113.25', false)).toBe(113.25);
    expect(parseCoordinate('E113.25', false)).toBe(113.25);
    expect(parseCoordinate('东经113°15′', false)).toBe(113.25);
    expect(parseCoordinate('36°30\'00"N', false)).toBe(36.5);
    expect(parseCoordinate('西经10.5', false)).toBe(-10.5);
    expect(parseCoordinate('113°75′', false)).toBeUndefined();
    expect(parseCoordinate('abc', false)).toBeUndefined();
    expect(parseCoordinate('113,25', true)).toBe(113.25);
  });

  it('splits rows per RFC 4180 and finds the delimiter', () => {
    expect(parseCsvRows('a,"b ""x"", y",c\r\n1,2,3\n', ',', 10)).toEqual([
      ['a', 'b "x", y', 'c'],
      ['1', '2', '3'],
    ]);
    expect(parseCsvRows('a,"multi\nline"\n', ',', 10)).toEqual([['a', 'multi\nline']]);
    expect(detectDelimiter('名称\t经度\t纬度\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
  });
});
