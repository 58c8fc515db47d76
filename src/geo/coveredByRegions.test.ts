import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../server/testing/testServer.ts';
import { coveredByRegions } from './coveredByRegions.ts';

const counties = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'data', 'changzhi', 'counties.geojson'), 'utf8')) as FeatureCollection<Polygon>;
const regionsOf = (codes: string[]): Geometry[] => counties.features.filter((f) => codes.includes(String(f.properties?.adcode))).map((f) => f.geometry);
const square = (x: number, y: number, d: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

// A county editor's write is refused by the server unless its geometry is covered by their counties
// (PostGIS ST_CoveredBy, src/server/services/records.ts); the app hides the controls by this helper.
// The two must agree: squares laid over 襄垣县 and its neighbours, asked of both.
describe('coveredByRegions agrees with the server’s PostGIS check (PGlite, the same county polygons)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await openTestServer('pglite');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  const coveredInPostgis = async (codes: string[], geometry: Geometry): Promise<boolean> => {
    const { rows } = await sql<{ inside: boolean }>`
      SELECT coalesce(ST_CoveredBy(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326),
               (SELECT ST_Union(geom) FROM regions WHERE code IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)))), false) AS inside`.execute(server.database.db);
    return rows[0].inside;
  };

  it.each([[['140423']], [['140423', '140405']]])('squares of 3 km over the counties %j and their neighbours', async (codes) => {
    const regions = regionsOf(codes);
    const shapes: Geometry[] = [];
    for (let x = 112.6; x < 113.35; x += 0.037) for (let y = 36.3; y < 36.85; y += 0.031) shapes.push(square(x, y, 0.03));
    let inside = 0;
    for (const shape of shapes) {
      const expected = await coveredInPostgis(codes, shape);
      expect(coveredByRegions(regions, shape), JSON.stringify(shape)).toBe(expected);
      if (expected) inside++;
    }
    // Both answers occur (the grid reaches past the counties).
    expect(inside).toBeGreaterThan(10);
    expect(shapes.length - inside).toBeGreaterThan(10);
  });

  it('the county itself (on its own border), a point and a line inside and across', async () => {
    const xiangyuan = counties.features.find((f) => f.properties?.adcode === '140423') as Feature<Polygon>;
    const regions = regionsOf(['140423']);
    const cases: Geometry[] = [
      xiangyuan.geometry,
      { type: 'Point', coordinates: [112.95, 36.55] },
      { type: 'Point', coordinates: [112.75, 36.1] },
      { type: 'LineString', coordinates: [[112.9, 36.5], [113.0, 36.6]] },
      { type: 'LineString', coordinates: [[112.9, 36.5], [112.7, 36.1]] },
    ];
    const answers = cases.map((g) => coveredByRegions(regions, g));
    expect(answers).toEqual([true, true, false, true, false]);
    for (const [i, g] of cases.entries()) expect(answers[i]).toBe(await coveredInPostgis(['140423'], g));
  });
});
