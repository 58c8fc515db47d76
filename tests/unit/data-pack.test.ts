/**
 * Checks of the committed data packs (data/changzhi, data/shanxi): manifests, schema of every
 * feature, geometry validity (src/geo validateFeatures + RFC 7946 winding), county tiling, that
 * every feature lies inside its region, and that schematic shapes stay consistent with the plan's
 * own figures. Independent references: the adcodes and the official city area from the project's
 * domain brief, and the published county areas recorded in each feature.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { geodesicArea } from '../../src/geo/geodesicArea.ts';
import { pointInRing } from '../../src/geo/pointInRing.ts';
import { validateFeatures } from '../../src/geo/validateFeatures.ts';
import { checkManifest } from '../../src/pack/loadPack.ts';
import type { PackManifest } from '../../src/pack/types.ts';
import { stringifyFeatureCollection } from '../../scripts/data/lib/format.ts';
import { coordAll as positionsOf } from '@turf/meta';
import { decimals, geometryProblems } from './data-pack-checks.ts';

const DATA = path.resolve(import.meta.dirname, '..', '..', 'data');
const PRECISIONS = ['surveyed', 'published', 'schematic'];
const STATUSES = ['planned', 'under_construction', 'completed'];
const UNITS = ['mu', 'ha', 'km2', 'm2', 'km', 't_per_day', 'count', 'percent'];
const MU_M2 = 10000 / 15;

/** Changzhi's 12 county-level units after the 2018 reform (DOMAIN.md). */
const CHANGZHI_ADCODES: Record<string, string> = {
  潞州区: '140403',
  上党区: '140404',
  屯留区: '140405',
  潞城区: '140406',
  襄垣县: '140423',
  平顺县: '140425',
  黎城县: '140426',
  壶关县: '140427',
  长子县: '140428',
  武乡县: '140429',
  沁县: '140430',
  沁源县: '140431',
};
const CHANGZHI_OFFICIAL_KM2 = 13955;

type PolyCoords = [number, number][][][];

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function loadPackFiles(pack: string) {
  const dir = path.join(DATA, pack);
  const manifest = readJson<PackManifest>(path.join(dir, 'pack.json'));
  const layers = new Map(manifest.layers.map((l) => [l.id, readJson<FeatureCollection>(path.join(dir, l.file))]));
  const context = new Map((manifest.context ?? []).map((c) => [c.id, readJson<FeatureCollection>(path.join(dir, c.file))]));
  return { dir, manifest, layers, context };
}

function polys(g: Geometry): PolyCoords {
  if (g.type === 'Polygon') return [g.coordinates as [number, number][][]];
  if (g.type === 'MultiPolygon') return g.coordinates as PolyCoords;
  throw new Error(`not a polygon: ${g.type}`);
}

function area(g: Geometry): number {
  return geodesicArea(g as Polygon | MultiPolygon);
}

function unionOf(features: Feature[]): PolyCoords {
  const parts = features.map((f) => polys(f.geometry));
  return polygonClipping.union(parts[0], ...parts.slice(1));
}

/**
 * Tests whether positions lie inside a region, allowing `toleranceM` outside the boundary
 * (rounding to 6 decimals moves a clipped vertex by up to 0.08 m).
 */
class Region {
  private readonly edges: [Position, Position][] = [];
  private readonly index: Flatbush;
  constructor(private readonly region: PolyCoords) {
    for (const poly of region) for (const ring of poly) for (let i = 0; i < ring.length - 1; i++) this.edges.push([ring[i], ring[i + 1]]);
    this.index = new Flatbush(this.edges.length);
    for (const [a, b] of this.edges) this.index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    this.index.finish();
  }
  contains(p: Position): boolean {
    return this.region.some((poly) => pointInRing(p[0], p[1], poly[0]) >= 0 && poly.slice(1).every((hole) => pointInRing(p[0], p[1], hole) <= 0));
  }
  /** Distance in metres from p to the region boundary (searching within `maxM`). */
  distanceToBoundary(p: Position, maxM: number): number {
    const kx = Math.cos((p[1] * Math.PI) / 180) * 111_320;
    const ky = 111_320;
    const r = maxM / ky;
    let best = Infinity;
    for (const k of this.index.search(p[0] - r / Math.cos((p[1] * Math.PI) / 180), p[1] - r, p[0] + r / Math.cos((p[1] * Math.PI) / 180), p[1] + r)) {
      const [a, b] = this.edges[k];
      const bx = (b[0] - a[0]) * kx;
      const by = (b[1] - a[1]) * ky;
      const px = (p[0] - a[0]) * kx;
      const py = (p[1] - a[1]) * ky;
      const len2 = bx * bx + by * by;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
      best = Math.min(best, Math.hypot(px - t * bx, py - t * by));
    }
    return best;
  }
  /** Positions outside the region by more than toleranceM. */
  outside(positions: Position[], toleranceM: number): Position[] {
    return positions.filter((p) => !this.contains(p) && this.distanceToBoundary(p, toleranceM * 2 + 10) > toleranceM);
  }
}

const changzhi = loadPackFiles('changzhi');
const shanxi = loadPackFiles('shanxi');

describe.each([
  ['changzhi', changzhi],
  ['shanxi', shanxi],
])('pack %s: manifest and schema', (_, pack) => {
  it('has a manifest the app loader accepts, and every file it lists exists', () => {
    expect(() => checkManifest(pack.manifest, 'pack.json')).not.toThrow();
    for (const l of pack.manifest.layers) expect(existsSync(path.join(pack.dir, l.file)), l.file).toBe(true);
    for (const c of pack.manifest.context ?? []) expect(existsSync(path.join(pack.dir, c.file)), c.file).toBe(true);
    expect(pack.manifest.context?.map((c) => c.id)).toContain('province');
  });

  it('describes every layer in both languages with a hex colour and a known geometry kind', () => {
    for (const l of pack.manifest.layers) {
      expect(l.title.zh && l.title.en && l.legend.zh && l.legend.en, l.id).toBeTruthy();
      expect(l.style.color).toMatch(/^#[0-9a-f]{6}$/i);
      if (l.style.outline) expect(l.style.outline).toMatch(/^#[0-9a-f]{6}$/i);
      expect(['polygon', 'line', 'point', 'mixed']).toContain(l.geometry);
    }
    const [w, s, e, n] = pack.manifest.bounds;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
  });

  it('gives every feature a name, a source and an allowed precision; names are unique per layer', () => {
    for (const [id, fc] of [...pack.layers, ...pack.context]) {
      const names = new Set<string>();
      fc.features.forEach((f, i) => {
        const p = f.properties as Record<string, unknown>;
        const where = `${id}[${i}] ${String(p?.name)}`;
        expect(typeof p.name === 'string' && p.name.length > 0, where).toBe(true);
        expect(typeof p.source === 'string' && (p.source).length >= 20, `${where}: source`).toBe(true);
        expect(PRECISIONS, `${where}: precision`).toContain(p.precision);
        if (p.status !== undefined) expect(STATUSES, `${where}: status`).toContain(p.status);
        if (p.year !== undefined) expect(Number.isInteger(p.year), `${where}: year`).toBe(true);
        for (const k of ['plan_area_mu', 'restored_area_mu', 'capacity_t_per_day', 'published_area_ha', 'published_area_km2']) {
          if (p[k] !== undefined) expect(typeof p[k] === 'number' && (p[k]) > 0, `${where}: ${k}`).toBe(true);
        }
        if (p.name_en !== undefined) expect(typeof p.name_en).toBe('string');
        expect(names.has(p.name as string), `${where}: duplicate name`).toBe(false);
        names.add(p.name as string);
      });
    }
  });

  it('has valid geometry everywhere (src/geo validator, RFC 7946 winding, ≤ 6 decimals)', () => {
    for (const [id, fc] of [...pack.layers, ...pack.context]) {
      expect(validateFeatures(fc.features), id).toEqual([]);
      for (const f of fc.features) {
        const name = (f.properties as { name: string }).name;
        expect(geometryProblems(f.geometry, `${id}/${name}`)).toEqual([]);
        const tooPrecise = positionsOf(f.geometry).filter((p) => decimals(p[0]) > 6 || decimals(p[1]) > 6);
        expect(tooPrecise.length, `${id}/${name}: coordinates beyond 6 decimals`).toBe(0);
      }
    }
  });

  it('matches each layer’s declared geometry kind', () => {
    const kinds: Record<string, string[]> = {
      polygon: ['Polygon', 'MultiPolygon'],
      line: ['LineString', 'MultiLineString'],
      point: ['Point', 'MultiPoint'],
    };
    for (const l of pack.manifest.layers) {
      if (l.geometry === 'mixed') continue;
      for (const f of pack.layers.get(l.id)!.features) expect(kinds[l.geometry], `${l.id}/${(f.properties as { name: string }).name}`).toContain(f.geometry.type);
    }
  });

  it('is written in the pipeline’s canonical form (a re-run reproduces the files byte for byte)', () => {
    for (const l of pack.manifest.layers) {
      const text = readFileSync(path.join(pack.dir, l.file), 'utf8');
      expect(stringifyFeatureCollection((JSON.parse(text) as FeatureCollection).features), l.file).toBe(text);
    }
  });

  it('keeps schematic layers schematic and labels precise data as such', () => {
    for (const id of ['basin', 'mountains', 'reserves', 'lakes', 'springs', 'subsidence', 'wetlands', 'sections']) {
      for (const f of pack.layers.get(id)?.features ?? []) expect((f.properties as { precision: string }).precision, id).toBe('schematic');
    }
    for (const f of pack.layers.get('counties')!.features) expect((f.properties as { precision: string }).precision).not.toBe('schematic');
  });
});

describe('changzhi pack', () => {
  const counties = changzhi.layers.get('counties')!.features;
  const region = unionOf(counties);
  const inCity = new Region(region);

  it('lists the layers in the agreed order', () => {
    expect(changzhi.manifest.layers.map((l) => l.id)).toEqual(['counties', 'basin', 'mountains', 'reserves', 'rivers', 'lakes', 'springs', 'subsidence', 'wetlands', 'sections', 'seats']);
    expect(changzhi.manifest.layers.filter((l) => l.role === 'reference').map((l) => l.id)).toEqual(['sections', 'seats']);
    expect(changzhi.manifest.layers.every((l) => Number.isFinite(l.drawOrder))).toBe(true);
    expect(changzhi.manifest.layers.filter((l) => ['basin', 'reserves'].includes(l.id)).map((l) => l.role)).toEqual(['zones', 'zones']);
    expect(changzhi.manifest.adcode).toBe('140400');
  });

  it('has one seat per county, each inside its own county, as a reference layer', () => {
    expect(changzhi.manifest.layers.find((l) => l.id === 'seats')?.role).toBe('reference');
    const seats = changzhi.layers.get('seats')!.features;
    expect(seats.map((f) => (f.properties as { adcode: string }).adcode).sort()).toEqual(Object.values(CHANGZHI_ADCODES).sort());
    for (const seat of seats) {
      const adcode = (seat.properties as { adcode: string }).adcode;
      const county = counties.find((f) => (f.properties as { adcode: string }).adcode === adcode)!;
      const g = county.geometry as Polygon | MultiPolygon;
      expect(new Region((g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as PolyCoords).contains((seat.geometry as { coordinates: Position }).coordinates), adcode).toBe(true);
    }
  });

  it('has the 12 post-2018 county units with their adcodes', () => {
    const got = Object.fromEntries(counties.map((f) => [(f.properties as { name: string }).name, (f.properties as { adcode: string }).adcode]));
    expect(got).toEqual(CHANGZHI_ADCODES);
  });

  it('sums the county areas to within 1 % of the official 13,955 km²', () => {
    const total = counties.reduce((s, f) => s + area(f.geometry), 0) / 1e6;
    expect(Math.abs(total - CHANGZHI_OFFICIAL_KM2) / CHANGZHI_OFFICIAL_KM2).toBeLessThan(0.01);
  });

  it('records no county area figure: no official per-county table was found (data/README.md)', () => {
    for (const f of counties) expect((f.properties as { official_area_km2?: number }).official_area_km2, (f.properties as { name: string }).name).toBeUndefined();
  });

  it('tiles the city: gaps and overlaps between counties under 0.1 km²', () => {
    const sum = counties.reduce((s, f) => s + area(f.geometry), 0);
    const unionArea = region.reduce((s, poly) => s + area({ type: 'Polygon', coordinates: poly }), 0);
    expect(Math.abs(sum - unionArea) / 1e6).toBeLessThan(0.1);
    // Gaps: holes in the union of counties (the city has no real enclave).
    const holes = region.flatMap((poly) => poly.slice(1));
    const holeArea = holes.reduce((s, h) => s + area({ type: 'Polygon', coordinates: [h.slice().reverse()] }), 0);
    expect(holeArea / 1e6).toBeLessThan(0.1);
    expect(region).toHaveLength(1);
  });

  it('keeps every feature of every layer inside the city (1 m tolerance for rounding)', () => {
    for (const [id, fc] of changzhi.layers) {
      if (id === 'counties') continue;
      for (const f of fc.features) {
        expect(inCity.outside(positionsOf(f.geometry), 1), `${id}/${(f.properties as { name: string }).name}`).toEqual([]);
      }
    }
  });

  it('places features that name one county inside that county', () => {
    const byName = new Map(counties.map((f) => [(f.properties as { name: string }).name, new Region(polys(f.geometry))]));
    for (const [id, fc] of changzhi.layers) {
      if (id === 'counties') continue;
      for (const f of fc.features) {
        const p = f.properties as { name: string; county?: string };
        if (!p.county) continue;
        const county = byName.get(p.county);
        expect(county, `${id}/${p.name}: unknown county ${p.county}`).toBeDefined();
        expect(county!.outside(positionsOf(f.geometry), 1), `${id}/${p.name}`).toEqual([]);
      }
    }
  });

  it('names the GSHHG rivers the plan lists and draws the missing ones as schematic', () => {
    const rivers = changzhi.layers.get('rivers')!.features.map((f) => f.properties as { name: string; precision: string });
    const precisionOf = Object.fromEntries(rivers.map((r) => [r.name, r.precision]));
    for (const n of ['浊漳河北源', '浊漳河南源', '浊漳河干流', '沁河']) expect(precisionOf[n], n).toBe('published');
    for (const n of ['浊漳河西源', '清漳河', '绛河', '丹河', '淅河 (卫河水系淇河上源)', '石子河', '陶清河']) expect(precisionOf[n], n).toBe('schematic');
  });

  it('keeps schematic shapes consistent with the plan’s own figures', () => {
    const figures = new Map((changzhi.manifest.plan_figures ?? []).map((f) => [f.id, f]));
    // Mountain zones hold about the plan's 7,042 km² of mountain land.
    const mountainKm2 = changzhi.layers.get('mountains')!.features.reduce((s, f) => s + area(f.geometry), 0) / 1e6;
    expect(Math.abs(mountainKm2 - figures.get('mountain_area')!.value) / figures.get('mountain_area')!.value).toBeLessThan(0.02);
    // The named subsidence sites cannot add up to more than the city-wide task.
    const subsidenceM2 = changzhi.layers
      .get('subsidence')!
      .features.filter((f) => f.geometry.type !== 'Point')
      .reduce((s, f) => s + area(f.geometry), 0);
    expect(subsidenceM2 / MU_M2).toBeLessThan(figures.get('subsidence_total')!.value);
    // A shape sized from a published figure has that area.
    for (const [id, fc] of changzhi.layers) {
      for (const f of fc.features) {
        const p = f.properties as { name: string; published_area_km2?: number; published_area_ha?: number; plan_area_mu?: number; published_area_note?: string };
        if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') continue;
        const target = p.published_area_note ? undefined : (p.published_area_km2 ?? 0) * 1e6 || (p.published_area_ha ?? 0) * 1e4 || (p.plan_area_mu ?? 0) * MU_M2 || undefined;
        if (target === undefined) continue;
        expect(Math.abs(area(f.geometry) - target) / target, `${id}/${p.name}`).toBeLessThan(0.01);
      }
    }
  });

  it('draws the 一流域 with about the plan’s 2,793 km², in the four counties it names', () => {
    const [basin] = changzhi.layers.get('basin')!.features;
    expect(Math.abs(area(basin.geometry) / 1e6 - 2793) / 2793).toBeLessThan(0.02);
    const named = new Set(['沁源县', '沁县', '武乡县', '长子县']);
    for (const c of counties) {
      const name = (c.properties as { name: string }).name;
      const inter = polygonClipping.intersection(polys(basin.geometry), polys(c.geometry)) as PolyCoords;
      const km2 = inter.reduce((s, poly) => s + area({ type: 'Polygon', coordinates: poly }), 0) / 1e6;
      if (named.has(name)) expect(km2, name).toBeGreaterThan(1);
      else expect(km2, name).toBeLessThan(0.01);
    }
  });

  it('does not count the same ground twice in the wetlands and lakes layers', () => {
    const lakes = unionOf(changzhi.layers.get('lakes')!.features);
    for (const f of changzhi.layers.get('wetlands')!.features) {
      if (f.geometry.type === 'Point') continue;
      const overlap = polygonClipping.intersection(polys(f.geometry), lakes) as PolyCoords;
      const m2 = overlap.reduce((s, poly) => s + area({ type: 'Polygon', coordinates: poly }), 0);
      expect(m2, (f.properties as { name: string }).name).toBeLessThan(1000);
    }
  });

  it('places what the corrections of issue 15 say: 南源 joins in 襄垣, the urban wetland park in 潞州/屯留, 太行山 reaches 上党区, 淅河 in 壶关', () => {
    const county = (name: string) => new Region(polys(counties.find((c) => (c.properties as { name: string }).name === name)!.geometry));
    const rivers = new Map(changzhi.layers.get('rivers')!.features.map((f) => [(f.properties as { name: string }).name, f.geometry as { coordinates: Position[] }]));
    const south = rivers.get('浊漳河南源')!.coordinates;
    expect(county('襄垣县').contains(south[south.length - 1])).toBe(true);
    expect(rivers.get('浊漳河干流')!.coordinates[0]).toEqual(south[south.length - 1]);
    expect(county('壶关县').outside(positionsOf(rivers.get('淅河 (卫河水系淇河上源)') as Geometry), 1)).toEqual([]);
    const park = changzhi.layers.get('wetlands')!.features.find((f) => (f.properties as { name: string }).name === '长治国家城市湿地公园')!;
    // Drawn in 潞州区 and 屯留区 (largest shares first); where the cut shape meets 上党区 (the former
    // 长治县, which the source also names) along a border, the app's "in a county" rule lists it too.
    expect((park.properties as { counties: string }).counties.split('、').slice(0, 2).sort()).toEqual(['屯留区', '潞州区'].sort());
    const taihang = changzhi.layers.get('mountains')!.features.find((f) => (f.properties as { name: string }).name === '太行山')!;
    expect((taihang.properties as { counties: string }).counties).toContain('上党区');
  });

  it('records the plan’s region-wide figures without splitting them per county', () => {
    const layerIds = new Set(changzhi.manifest.layers.map((l) => l.id));
    const figures = changzhi.manifest.plan_figures ?? [];
    for (const f of figures) {
      expect(layerIds.has(f.layer), f.id).toBe(true);
      expect(UNITS).toContain(f.unit);
      expect(f.value).toBeGreaterThan(0);
      expect(f.source.length).toBeGreaterThan(10);
    }
    expect(figures.find((f) => f.id === 'subsidence_total')).toMatchObject({ value: 70897.71, unit: 'mu', years: 4 });
    const subsidenceWithArea = changzhi.layers.get('subsidence')!.features.filter((f) => (f.properties as { plan_area_mu?: number }).plan_area_mu !== undefined);
    expect(subsidenceWithArea.map((f) => (f.properties as { plan_area_mu: number }).plan_area_mu)).toEqual([602]);
  });

  it('fits the embed budget: all of data/changzhi ≤ 250 KB gzip', () => {
    const files = [...changzhi.manifest.layers.map((l) => l.file), ...(changzhi.manifest.context ?? []).map((c) => c.file), 'pack.json'];
    const gz = files.reduce((s, f) => s + gzipSync(readFileSync(path.join(changzhi.dir, f)), { level: 9 }).length, 0);
    expect(gz).toBeLessThanOrEqual(250 * 1000);
  });
});

describe('shanxi pack', () => {
  const counties = shanxi.layers.get('counties')!.features;
  const outline = shanxi.context.get('province')!.features[0];
  const inProvince = new Region(polys(outline.geometry));
  const inCounties = new Region(unionOf(counties));

  it('covers all 11 cities of Shanxi with 116 units (the 117 of today, 平城区 and 云冈区 as one), Changzhi after its 2018 reform', () => {
    const cities = new Set(counties.map((f) => (f.properties as { city: string }).city));
    expect([...cities].sort()).toEqual(['太原市', '大同市', '阳泉市', '长治市', '晋城市', '朔州市', '晋中市', '运城市', '忻州市', '临汾市', '吕梁市'].sort());
    expect(counties).toHaveLength(116);
    const datong = counties.filter((f) => (f.properties as { city: string }).city === '大同市').map((f) => (f.properties as { name: string }).name);
    expect(datong).toEqual(expect.arrayContaining(['平城区、云冈区', '新荣区', '云州区']));
    expect(datong).toHaveLength(9);
    const changzhiUnits = counties.filter((f) => (f.properties as { city: string }).city === '长治市');
    expect(Object.fromEntries(changzhiUnits.map((f) => [(f.properties as { name: string }).name, (f.properties as { adcode: string }).adcode]))).toEqual(CHANGZHI_ADCODES);
    const adcodes = counties.map((f) => (f.properties as { adcode: string }).adcode);
    expect(new Set(adcodes).size).toBe(adcodes.length);
  });

  it('covers the province: the counties’ area is within 1 % of the DCW outline’s', () => {
    const km2 = counties.reduce((s, f) => s + area(f.geometry), 0) / 1e6;
    const outlineKm2 = area(outline.geometry) / 1e6;
    expect(Math.abs(km2 - outlineKm2) / outlineKm2).toBeLessThan(0.01);
  });

  it('keeps the counties inside Shanxi, allowing for the 1:1,000,000 DCW outline (≤ 5 km)', () => {
    // Shared borders repeat every vertex: test each position once (116 counties), count it as often as it occurs.
    const all = counties.flatMap((f) => positionsOf(f.geometry));
    const inside = new Map<string, boolean>();
    for (const p of all) {
      const key = `${p[0]},${p[1]}`;
      if (!inside.has(key)) inside.set(key, inProvince.contains(p));
    }
    const outside = all.filter((p) => !inside.get(`${p[0]},${p[1]}`));
    expect(inProvince.outside([...new Map(outside.map((p) => [`${p[0]},${p[1]}`, p])).values()], 5000)).toEqual([]);
    expect(1 - outside.length / all.length).toBeGreaterThan(0.9);
  }, 30_000);

  it('keeps the spring domains inside the province and inside the counties', () => {
    for (const f of shanxi.layers.get('springs')!.features) {
      const name = (f.properties as { name: string }).name;
      expect(inProvince.outside(positionsOf(f.geometry), 1), name).toEqual([]);
      expect(inCounties.outside(positionsOf(f.geometry), 1), name).toEqual([]);
    }
    const names = shanxi.layers.get('springs')!.features.map((f) => (f.properties as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['娘子关泉域', '晋祠泉域', '兰村泉域', '辛安泉域']));
  });
});
