/**
 * Guessing the CRS of coordinates that come without one (a shapefile without .prj, GeoJSON
 * without `crs`, a KML holding metres).
 *
 * What the numbers can tell:
 * - all within ±180/±90 → longitude/latitude;
 * - easting with a zone prefix (8 digits, e.g. 38 412 345 m) → the Gauss-Krüger zone is certain:
 *   25–45 are 3° zones, 13–23 are 6° zones; 6° zones 13–15 overlap web-mercator eastings of
 *   eastern China, so those are offered both ways;
 * - easting of 6 digits (around 500 000 m) and a northing of 7 digits → Gauss-Krüger (or UTM)
 *   but the central meridian is unknown: every CM over China fits, so the user must choose;
 *   `regionHint` (the open data pack's bounds) only orders the choices;
 * - web-mercator metres over China → offered, never applied silently.
 * The datum (CGCS2000, Xi'an 1980, Beijing 1954) never shows in the numbers: CGCS2000 — the
 * national standard since 2008 — is offered, and `otherDatumEquivalents` lists the same zone on the
 * old datums for the UI's datum choice.
 */
import type { CrsGuess } from '../types.ts';
import { cgcs2000GaussKruger, crsDefinitionByEpsg, gaussKrugerDefinitions, type CrsDefinition } from './definitions.ts';
import { resolveCrsSpec } from './resolve.ts';

export type Bbox = [number, number, number, number];

export type CrsDetection =
  | { kind: 'lonlat' }
  /** Zone read from the easting prefix; datum assumed CGCS2000. */
  | { kind: 'zone-prefix'; guess: CrsGuess }
  | { kind: 'ambiguous'; candidates: CrsGuess[] }
  | { kind: 'unknown' };

/** Rough bounds of China, to keep candidates that put the data somewhere plausible. */
export const CHINA_BBOX: Bbox = [73, 3.5, 135.5, 54];

/** Half-width of accepted eastings around the 500 000 m false easting (covers 6° zones at 18°N). */
const EASTING_SPAN = 400_000;
/** Northings of China (≈ 3.8°N … 53.6°N) with margin. */
const NORTHING_RANGE: [number, number] = [300_000, 6_200_000];
/** Web-mercator metres of China. */
const WEB_MERCATOR_X: [number, number] = [8_000_000, 15_100_000];
const WEB_MERCATOR_Y: [number, number] = [400_000, 7_200_000];

function within(v: number, [lo, hi]: [number, number]): boolean {
  return v >= lo && v <= hi;
}

export function isLonLatBbox(b: Bbox): boolean {
  return b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
}

function insideBbox([lon, lat]: [number, number], b: Bbox): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

function centerIn(def: CrsDefinition, bbox: Bbox): [number, number] | undefined {
  const resolved = resolveCrsSpec(def.code);
  if (!resolved.ok) return undefined;
  const p = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
  if (resolved.crs.toWgs84 && !resolved.crs.toWgs84(p)) return undefined;
  return [Math.round(p[0] * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4];
}

function guessOf(def: CrsDefinition, bbox: Bbox, reason: CrsGuess['reason'], region?: Bbox, equivalent?: string[]): CrsGuess | undefined {
  const center = centerIn(def, bbox);
  if (!center) return undefined;
  return {
    crs: def.code,
    label: def.name,
    reason,
    center,
    ...(region ? { insideRegion: insideBbox(center, region) } : {}),
    ...(equivalent && equivalent.length ? { equivalent } : {}),
  };
}

function distance2(a: [number, number], b: [number, number]): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
}

/** Orders candidates: inside the region first, then nearest the region's (or China's) centre. */
function rank(candidates: CrsGuess[], region?: Bbox): CrsGuess[] {
  const ref = region ?? CHINA_BBOX;
  const middle: [number, number] = [(ref[0] + ref[2]) / 2, (ref[1] + ref[3]) / 2];
  return candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      const inside = Number(b.c.insideRegion ?? false) - Number(a.c.insideRegion ?? false);
      if (inside) return inside;
      const d = distance2(a.c.center ?? middle, middle) - distance2(b.c.center ?? middle, middle);
      return d || a.i - b.i;
    })
    .map(({ c }) => c);
}

/**
 * Detects the likely CRS from the bounding box of raw coordinates. Never picks silently when
 * several CRSs fit: that is `ambiguous` with ranked candidates.
 */
export function detectCrs(bbox: Bbox, region?: Bbox): CrsDetection {
  if (bbox.some((v) => !Number.isFinite(v))) return { kind: 'unknown' };
  if (isLonLatBbox(bbox)) return { kind: 'lonlat' };
  const [minX, minY, maxX, maxY] = bbox;
  const northingOk = within(minY, NORTHING_RANGE) && within(maxY, NORTHING_RANGE);

  // Zone-prefixed Gauss-Krüger easting.
  const zone = Math.floor(minX / 1_000_000);
  if (northingOk && zone === Math.floor(maxX / 1_000_000) && ((zone >= 13 && zone <= 23) || (zone >= 25 && zone <= 45))) {
    const residualMin = minX - zone * 1_000_000;
    const residualMax = maxX - zone * 1_000_000;
    if (residualMin >= 500_000 - EASTING_SPAN && residualMax <= 500_000 + EASTING_SPAN) {
      const width: 3 | 6 = zone >= 25 ? 3 : 6;
      const cm = width === 3 ? zone * 3 : zone * 6 - 3;
      const def = cgcs2000GaussKruger(width, cm, true)!;
      const guess = guessOf(def, bbox, 'zone-prefix', region);
      const webMercatorToo = width === 6 && within(minX, WEB_MERCATOR_X) && within(maxX, WEB_MERCATOR_X) && within(minY, WEB_MERCATOR_Y) && within(maxY, WEB_MERCATOR_Y);
      if (guess && !webMercatorToo) return { kind: 'zone-prefix', guess };
      const candidates = [guess, guessOf(crsDefinitionByEpsg(3857)!, bbox, 'web-mercator-range', region)].filter((g): g is CrsGuess => !!g);
      if (candidates.length) return { kind: 'ambiguous', candidates: rank(candidates, region) };
    }
  }

  // Gauss-Krüger (or UTM) easting without zone number: central meridian unknown.
  if (northingOk && minX >= 500_000 - EASTING_SPAN && maxX <= 500_000 + EASTING_SPAN) {
    const candidates: CrsGuess[] = [];
    for (let cm = 75; cm <= 135; cm += 3) {
      const three = cgcs2000GaussKruger(3, cm, false)!;
      const six = cgcs2000GaussKruger(6, cm, false);
      const g = guessOf(three, bbox, 'no-zone-prefix', region, six ? [six.code] : undefined);
      if (g && g.center && insideBbox(g.center, CHINA_BBOX)) candidates.push(g);
    }
    // UTM (GPS receivers) differs from GK by the 0.9996 scale: offered after GK, near the region only.
    const ranked = rank(candidates, region);
    const utm: CrsGuess[] = [];
    for (const top of ranked.slice(0, 2)) {
      const cm = crsDefinitionByEpsg(Number(top.crs.slice(5)))?.centralMeridian;
      if (cm === undefined || (cm + 3) % 6 !== 0) continue;
      const def = crsDefinitionByEpsg(32600 + (cm + 183) / 6);
      const g = def && guessOf(def, bbox, 'no-zone-prefix', region);
      if (g) utm.push(g);
    }
    if (ranked.length) return { kind: 'ambiguous', candidates: [...ranked, ...utm] };
  }

  // Web mercator over China.
  if (within(minX, WEB_MERCATOR_X) && within(maxX, WEB_MERCATOR_X) && within(minY, WEB_MERCATOR_Y) && within(maxY, WEB_MERCATOR_Y)) {
    const g = guessOf(crsDefinitionByEpsg(3857)!, bbox, 'web-mercator-range', region);
    if (g) return { kind: 'ambiguous', candidates: [g] };
  }
  return { kind: 'unknown' };
}

/** The same Gauss-Krüger zone on the other Chinese datums (for the UI's datum choice). */
export function otherDatumEquivalents(code: string): CrsDefinition[] {
  const def = crsDefinitionByEpsg(Number(code.replace(/^EPSG:/i, '')));
  if (!def || def.kind !== 'gauss-kruger') return [];
  return gaussKrugerDefinitions().filter(
    (d) => d.datum !== def.datum && d.zoneWidth === def.zoneWidth && d.centralMeridian === def.centralMeridian && d.zonePrefix === def.zonePrefix && !d.deprecated,
  );
}
