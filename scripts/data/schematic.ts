/**
 * Builds the hand-drawn (schematic) layers from their source files in scripts/data/sources/.
 *
 * A source file is a GeoJSON FeatureCollection. Each feature has the final properties (name,
 * source, precision, plan figures …) and either a drawn geometry or a `build` member (a GeoJSON
 * foreign member) that derives the geometry from data the pipeline already has:
 *
 *   river_band:  { river, near_from, near_to, area_m2 | area_ha | area_km2 | area_mu | width_m, end_width_ratio? }
 *                a band along the named river between the points nearest to near_from / near_to;
 *                a list of them: their union
 *   circle:      { center, area_m2 | area_ha | area_mu }  a round patch of known size
 *   on_river:    { river, near }  a point on the named river
 *   snap_end / snap_start: river name; the drawn line's last / first vertex moves onto that river
 *   intersect_counties / subtract_counties: county names; part_counties: per part of a MultiPolygon
 *   a `county` property: the text places the feature there; polygons are cut at its border
 *   subtract_features: earlier features, "name" (same layer) or "layer:name"
 *
 * Every result is clipped to the pack region (the city, or the province), validated, and gets a
 * `county` (the one county it lies in) or `counties` (when it spans several).
 */
import { readFileSync } from 'node:fs';
import polygonClipping from 'polygon-clipping';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { LineClipper, pointInPolygons } from './lib/clip-line.ts';
import { geometryAreaM2 } from './lib/ellipsoidal-area.ts';
import { featuresInRegions } from '../../src/geo/featuresInRegion.ts';
import { bandAroundLine, bandWithArea, circleWithArea, lineLengthM, nearestOnLine, subLine } from './lib/shapes.ts';

export const PRECISIONS = ['surveyed', 'published', 'schematic'] as const;
export const STATUSES = ['planned', 'under_construction', 'completed'] as const;
const MU_M2 = 10000 / 15;

type PolyCoords = [number, number][][][];

interface RiverBandSpec {
  river: string;
  near_from: Position;
  near_to: Position;
  area_m2?: number;
  area_ha?: number;
  area_km2?: number;
  area_mu?: number;
  width_m?: number;
  end_width_ratio?: number;
}

interface BuildSpec {
  /** One band, or several whose union is the shape (a park along two rivers). */
  river_band?: RiverBandSpec | RiverBandSpec[];
  circle?: { center: Position; area_m2?: number; area_ha?: number; area_mu?: number };
  on_river?: { river: string; near: Position };
  snap_start?: string;
  snap_end?: string;
  intersect_counties?: string[];
  /** For a drawn MultiPolygon: counties each part is cut to (aligned with the parts). */
  part_counties?: string[][];
  subtract_counties?: string[];
  subtract_features?: string[];
}

interface SourceFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: Geometry | null;
  build?: BuildSpec;
}

export interface SchematicContext {
  /** Region polygon(s) every feature is clipped to. */
  region: Polygon | MultiPolygon;
  /** Counties of the pack (for intersect/subtract and the `county` property). */
  counties: Feature[];
  /** Named river lines features can refer to (GSHHG base lines and schematic rivers). */
  rivers: Map<string, Position[]>;
  /** Geometries of features built so far, as "layer:name", for subtract_features across layers. */
  built: Map<string, Geometry>;
}

function polysOf(g: Geometry): PolyCoords {
  if (g.type === 'Polygon') return [g.coordinates as [number, number][][]];
  if (g.type === 'MultiPolygon') return g.coordinates as PolyCoords;
  throw new Error(`expected a polygon, got ${g.type}`);
}

function toGeometry(mp: PolyCoords): Polygon | MultiPolygon | null {
  if (mp.length === 0) return null;
  return mp.length === 1 ? { type: 'Polygon', coordinates: mp[0] } : { type: 'MultiPolygon', coordinates: mp };
}

function areaFromSpec(spec: { area_m2?: number; area_ha?: number; area_km2?: number; area_mu?: number }): number | undefined {
  if (spec.area_m2 !== undefined) return spec.area_m2;
  if (spec.area_ha !== undefined) return spec.area_ha * 10_000;
  if (spec.area_km2 !== undefined) return spec.area_km2 * 1_000_000;
  if (spec.area_mu !== undefined) return spec.area_mu * MU_M2;
  return undefined;
}

function riverLine(ctx: SchematicContext, name: string, where: string): Position[] {
  const line = ctx.rivers.get(name);
  if (!line) throw new Error(`${where}: unknown river "${name}" (known: ${[...ctx.rivers.keys()].join(', ')})`);
  return line;
}

/** "长治市潞州区" in a multi-city pack (where 城区, 郊区 repeat), the plain name otherwise. */
function countyLabel(f: Feature): string {
  const p = f.properties as { name: string; city?: string };
  return p.city && !p.name.startsWith(p.city) ? `${p.city}${p.name}` : p.name;
}

function countyGeometry(ctx: SchematicContext, names: string[], where: string): PolyCoords {
  const parts = names.map((n) => {
    const matches = ctx.counties.filter((c) => countyLabel(c) === n || (c.properties as { name: string }).name === n);
    if (matches.length === 0) throw new Error(`${where}: unknown county "${n}"`);
    if (matches.length > 1) throw new Error(`${where}: county name "${n}" is ambiguous; write it with its city (e.g. 阳泉市${n})`);
    return polysOf(matches[0].geometry);
  });
  return polygonClipping.union(parts[0], ...parts.slice(1));
}

function riverBand(ctx: SchematicContext, spec: RiverBandSpec, where: string): Polygon {
  const line = riverLine(ctx, spec.river, where);
  const from = nearestOnLine(line, spec.near_from);
  const to = nearestOnLine(line, spec.near_to);
  const reach = subLine(line, Math.min(from.alongM, to.alongM), Math.max(from.alongM, to.alongM));
  if (lineLengthM(reach) < 100) throw new Error(`${where}: river_band reach is shorter than 100 m`);
  const target = areaFromSpec(spec);
  const ratio = spec.end_width_ratio ?? 0.35;
  if (target !== undefined) return bandWithArea(reach, target, ratio);
  if (spec.width_m !== undefined) return bandAroundLine(reach, spec.width_m, ratio);
  throw new Error(`${where}: river_band needs an area or width_m`);
}

function buildGeometry(f: SourceFeature, ctx: SchematicContext, layer: string, where: string): Geometry | null {
  const b = f.build ?? {};
  let g: Geometry | null = f.geometry;
  if (b.river_band) {
    const bands = (Array.isArray(b.river_band) ? b.river_band : [b.river_band]).map((spec) => riverBand(ctx, spec, where));
    g = bands.length === 1 ? bands[0] : toGeometry(polygonClipping.union(bands[0].coordinates as PolyCoords[number], ...bands.slice(1).map((p) => p.coordinates as PolyCoords[number])));
  }
  if (b.circle) {
    const area = areaFromSpec(b.circle);
    if (area === undefined) throw new Error(`${where}: circle needs an area`);
    g = circleWithArea(b.circle.center, area);
  }
  if (b.on_river) {
    const p = nearestOnLine(riverLine(ctx, b.on_river.river, where), b.on_river.near);
    if (p.distM > 5000) throw new Error(`${where}: on_river point is ${Math.round(p.distM)} m from ${b.on_river.river}`);
    g = { type: 'Point', coordinates: p.point } satisfies Point;
  }
  if (!g) throw new Error(`${where}: no geometry and no build rule`);
  if ((b.snap_start || b.snap_end) && g.type === 'LineString') {
    const coords = g.coordinates.slice();
    if (b.snap_start) coords[0] = nearestOnLine(riverLine(ctx, b.snap_start, where), coords[0]).point;
    if (b.snap_end) coords[coords.length - 1] = nearestOnLine(riverLine(ctx, b.snap_end, where), coords[coords.length - 1]).point;
    g = { type: 'LineString', coordinates: coords } satisfies LineString;
  }
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    let mp: PolyCoords;
    if (b.part_counties) {
      const parts = polysOf(g);
      if (parts.length !== b.part_counties.length) throw new Error(`${where}: part_counties needs one list per polygon part`);
      const cut = parts.map((part, k) => polygonClipping.intersection([part], countyGeometry(ctx, b.part_counties![k], where)) as PolyCoords);
      mp = polygonClipping.union(cut[0], ...cut.slice(1));
    } else {
      mp = polygonClipping.union(polysOf(g));
    }
    if (b.intersect_counties) mp = polygonClipping.intersection(mp, countyGeometry(ctx, b.intersect_counties, where));
    // A feature the text places in one county is cut at that county's border, if most of it lies there.
    const county = f.properties.county;
    if (typeof county === 'string') {
      const drawn = geometryAreaM2({ type: 'MultiPolygon', coordinates: mp });
      mp = polygonClipping.intersection(mp, countyGeometry(ctx, [county], where));
      const kept = mp.length ? geometryAreaM2({ type: 'MultiPolygon', coordinates: mp }) : 0;
      if (kept < 0.5 * drawn) throw new Error(`${where}: less than half of the drawn shape lies in ${county}`);
    }
    if (b.subtract_counties) mp = polygonClipping.difference(mp, countyGeometry(ctx, b.subtract_counties, where));
    for (const name of b.subtract_features ?? []) {
      const key = name.includes(':') ? name : `${layer}:${name}`;
      const other = ctx.built.get(key);
      if (!other) throw new Error(`${where}: subtract_features: "${key}" was not built before this feature`);
      if (other.type !== 'Polygon' && other.type !== 'MultiPolygon') throw new Error(`${where}: subtract_features: "${key}" is not a polygon`);
      mp = polygonClipping.difference(mp, polysOf(other));
    }
    mp = polygonClipping.intersection(mp, polysOf(ctx.region));
    const out = toGeometry(mp);
    if (!out) throw new Error(`${where}: nothing left after clipping to the region`);
    return out;
  }
  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    const clipper = new LineClipper(polysOf(ctx.region));
    const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates).flatMap((l) => clipper.clip(l));
    if (lines.length === 0) throw new Error(`${where}: line lies outside the region`);
    return lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines };
  }
  if (g.type === 'Point') {
    if (!pointInPolygons(g.coordinates, polysOf(ctx.region))) throw new Error(`${where}: point lies outside the region`);
    return g;
  }
  throw new Error(`${where}: unsupported geometry ${g.type}`);
}

/** Share of a geometry (area, length or point) in each county, largest first. */
export function countyShares(g: Geometry, counties: Feature[]): { name: string; share: number }[] {
  const shares: { name: string; share: number }[] = [];
  if (g.type === 'Point') {
    for (const c of counties) if (pointInPolygons(g.coordinates, polysOf(c.geometry))) shares.push({ name: countyLabel(c), share: 1 });
    return shares;
  }
  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    const total = lines.reduce((s, l) => s + lineLengthM(l), 0);
    for (const c of counties) {
      const clipper = new LineClipper(polysOf(c.geometry));
      const inside = lines.flatMap((l) => clipper.clip(l)).reduce((s, l) => s + lineLengthM(l), 0);
      if (inside > 0) shares.push({ name: countyLabel(c), share: inside / total });
    }
  } else {
    const total = geometryAreaM2(g);
    for (const c of counties) {
      const inter = polygonClipping.intersection(polysOf(g), polysOf(c.geometry)) as PolyCoords;
      const a = inter.length ? geometryAreaM2({ type: 'MultiPolygon', coordinates: inter }) : 0;
      if (a > 0) shares.push({ name: countyLabel(c), share: a / total });
    }
  }
  return shares.sort((a, b) => b.share - a.share);
}

/**
 * `{ county }` when the feature lies in one county, else `{ counties }` listing every county it is
 * in (largest share first), joined with 、. "In" is the app's own rule, `featuresInRegions` in
 * src/geo/featuresInRegion.ts, so the property a reader sees and the county counts always agree.
 */
export function placeInCounties(g: Geometry, counties: Feature[]): { county?: string; counties?: string } {
  const member = new Set(featuresInRegions(counties.map((c) => c.geometry), [g]).flatMap((features, i) => (features.length > 0 ? [countyLabel(counties[i])] : [])));
  const shares = countyShares(g, counties).map((s) => s.name).filter((name) => member.has(name));
  const names = [...shares, ...[...member].filter((name) => !shares.includes(name))];
  if (names.length === 1) return { county: names[0] };
  return names.length > 0 ? { counties: names.join('、') } : {};
}

function checkProperties(p: Record<string, unknown>, where: string): void {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (typeof p.name !== 'string' || !p.name.trim()) fail('needs "name"');
  if (p.name_en !== undefined && typeof p.name_en !== 'string') fail('"name_en" must be a string');
  if (typeof p.source !== 'string' || p.source.length < 10) fail('needs a specific "source"');
  if (!PRECISIONS.includes(p.precision as (typeof PRECISIONS)[number])) fail(`"precision" must be one of ${PRECISIONS.join(', ')}`);
  if (p.status !== undefined && !STATUSES.includes(p.status as (typeof STATUSES)[number])) fail(`"status" must be one of ${STATUSES.join(', ')}`);
  if (p.year !== undefined && !Number.isInteger(p.year)) fail('"year" must be an integer');
  for (const k of ['plan_area_mu', 'restored_area_mu', 'capacity_t_per_day', 'published_area_ha', 'published_area_km2']) {
    if (p[k] !== undefined && (typeof p[k] !== 'number' || !((p[k]) > 0))) fail(`"${k}" must be a positive number`);
  }
  if (p.plan_ref !== undefined && typeof p.plan_ref !== 'string') fail('"plan_ref" must be a string');
}

/** Reads and builds one schematic source file. */
export function buildSchematicLayer(file: string, layer: string, ctx: SchematicContext): Feature[] {
  const src = JSON.parse(readFileSync(file, 'utf8')) as { features: SourceFeature[] };
  const names = new Set<string>();
  const out: Feature[] = [];
  for (const [i, f] of src.features.entries()) {
    const where = `${file} feature ${i} (${String(f.properties?.name)})`;
    checkProperties(f.properties ?? {}, where);
    const { name, name_en, source, precision, ...rest } = f.properties;
    if (names.has(name as string)) throw new Error(`${where}: duplicate name in layer`);
    names.add(name as string);
    const geometry = buildGeometry(f, ctx, layer, where);
    ctx.built.set(`${layer}:${name as string}`, geometry!);
    const placement = placeInCounties(geometry!, ctx.counties);
    if (typeof rest.county === 'string' && 'county' in placement && placement.county !== rest.county) {
      throw new Error(`${where}: the source says county ${rest.county} but the shape lies in ${placement.county}`);
    }
    if (typeof rest.county === 'string' && !('county' in placement)) {
      throw new Error(`${where}: the source says county ${rest.county} but the shape spans ${JSON.stringify(placement)}`);
    }
    delete rest.county;
    out.push({
      type: 'Feature',
      properties: { name, name_en, ...placement, ...rest, source, precision },
      geometry: geometry!,
    });
  }
  return out;
}
