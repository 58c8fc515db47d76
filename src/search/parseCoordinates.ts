/**
 * Reads a position typed into the search box, in any of the forms a planner has at hand:
 *   - decimal degrees, either order: `113.1167, 36.1953` / `36.1953 113.1167` / `N36.2 E113.1`;
 *   - degrees, minutes, seconds: `113°07'00"E 36°11'43"N`, `东经113度7分 北纬36度11分43秒`;
 *   - Gauss-Krüger (CGCS2000) X/Y: `X=4008000 Y=38491000` (Y with its zone number, 3° zone 38),
 *     or a plain Y with the zone named: `4008000, 491000, 38带` / `X 4008000 Y 491000 zone 38`.
 * Positions outside China are not taken (a number pair there is more likely something else).
 * Returns WGS84 longitude/latitude, or null when the text is not a position.
 */
import proj4 from 'proj4';
import { cgcs2000GaussKruger } from '../import/crs/definitions.ts';
import { CHINA_BBOX } from '../import/crs/detect.ts';

export interface ParsedPosition {
  lon: number;
  lat: number;
  form: 'decimal' | 'dms' | 'gauss-kruger';
  /** Gauss-Krüger only: zone width and number. */
  zone?: { width: 3 | 6; number: number };
}

const inChina = (lon: number, lat: number) => lon >= CHINA_BBOX[0] && lon <= CHINA_BBOX[2] && lat >= CHINA_BBOX[1] && lat <= CHINA_BBOX[3];

export function parseCoordinates(text: string): ParsedPosition | null {
  const t = text.trim().replace(/[，、；;]/g, ',').replace(/[＝：:]/g, '=').replace(/[′’‘]/g, "'").replace(/[″“”]/g, '"');
  if (!t || !/\d/.test(t)) return null;
  return dms(t) ?? gaussKruger(t) ?? decimal(t);
}

function decimal(t: string): ParsedPosition | null {
  const m = /^\s*([NSEW北南东西]|北纬|东经)?\s*(-?\d+(?:\.\d+)?)\s*°?\s*([NSEW北南东西])?\s*[,\s]\s*([NSEW北南东西]|北纬|东经)?\s*(-?\d+(?:\.\d+)?)\s*°?\s*([NSEW北南东西])?\s*$/i.exec(t);
  if (!m) return null;
  return place([Number(m[2]), hemisphere(m[1] ?? m[3])], [Number(m[5]), hemisphere(m[4] ?? m[6])], 'decimal');
}

/** 'lon' | 'lat' | undefined from a hemisphere letter or word. */
function hemisphere(mark: string | undefined): 'lon' | 'lat' | undefined {
  if (!mark) return undefined;
  return /^(e|w|东|西|东经)$/i.test(mark) ? 'lon' : 'lat';
}

/** Two numbers with optional axis marks → lon/lat, by the marks or by China's ranges. */
function place(a: [number, 'lon' | 'lat' | undefined], b: [number, 'lon' | 'lat' | undefined], form: ParsedPosition['form']): ParsedPosition | null {
  let lon: number;
  let lat: number;
  if (a[1] === 'lat' || b[1] === 'lon') [lat, lon] = [a[0], b[0]];
  else if (a[1] === 'lon' || b[1] === 'lat') [lon, lat] = [a[0], b[0]];
  else if (inChina(a[0], b[0])) [lon, lat] = [a[0], b[0]];
  else [lat, lon] = [a[0], b[0]];
  return inChina(lon, lat) ? { lon, lat, form } : null;
}

const DMS = /(北纬|东经|[NSEW北南东西])?\s*(\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['分]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:"|''|秒)\s*)?([NSEW北南东西])?/gi;

function dms(t: string): ParsedPosition | null {
  if (!/[°度]/.test(t)) return null;
  const parts = [...t.matchAll(DMS)];
  if (parts.length !== 2) return null;
  const [a, b] = parts.map((m): [number, 'lon' | 'lat' | undefined] => {
    const minutes = Number(m[3] ?? 0);
    const seconds = Number(m[4] ?? 0);
    if (minutes >= 60 || seconds >= 60) return [NaN, undefined];
    return [Number(m[2]) + minutes / 60 + seconds / 3600, hemisphere(m[1] ?? m[5])];
  });
  if (Number.isNaN(a[0]) || Number.isNaN(b[0])) return null;
  return place(a, b, 'dms');
}

/** Zone number → zone width and central meridian (3° zones 25–45, 6° zones 13–23 cover China). */
function zoneOf(n: number): { width: 3 | 6; cm: number } | null {
  if (n >= 25 && n <= 45) return { width: 3, cm: 3 * n };
  if (n >= 13 && n <= 23) return { width: 6, cm: 6 * n - 3 };
  return null;
}

function gaussKruger(t: string): ParsedPosition | null {
  const zoneMatch = /(?:zone|带号)\s*=?\s*(\d{2})|(\d{2})\s*带/i.exec(t);
  const rest = zoneMatch ? t.replace(zoneMatch[0], ' ') : t;
  const labelled = /x\s*=?\s*(\d{6,8}(?:\.\d+)?)\D+y\s*=?\s*(\d{6,8}(?:\.\d+)?)/i.exec(rest) ?? /y\s*=?\s*(\d{6,8}(?:\.\d+)?)\D+x\s*=?\s*(\d{6,8}(?:\.\d+)?)/i.exec(rest);
  let x: number;
  let y: number;
  if (labelled) {
    const yFirst = /^\s*y/i.test(rest.slice(labelled.index));
    [x, y] = yFirst ? [Number(labelled[2]), Number(labelled[1])] : [Number(labelled[1]), Number(labelled[2])];
  } else {
    const numbers = [...rest.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    if (numbers.length !== 2 || numbers.some((n) => n < 100_000)) return null;
    // X (northing) has 7 digits in China (0.4–6 × 10⁶ m); Y is 6 digits, or 8 with its zone.
    const [p, q] = numbers;
    const isX = (n: number) => n >= 1_000_000 && n < 7_000_000;
    if (isX(p) && !isX(q)) [x, y] = [p, q];
    else if (isX(q) && !isX(p)) [x, y] = [q, p];
    else [x, y] = [p, q];
  }
  let zoneNumber = zoneMatch ? Number(zoneMatch[1] ?? zoneMatch[2]) : NaN;
  let easting = y;
  if (y >= 10_000_000) {
    zoneNumber = Math.floor(y / 1_000_000);
    easting = y - zoneNumber * 1_000_000;
  }
  const zone = zoneOf(zoneNumber);
  if (!zone || easting < 0 || easting >= 1_000_000) return null;
  const definition = cgcs2000GaussKruger(zone.width, zone.cm, false);
  if (!definition) return null;
  const [lon, lat] = proj4(definition.proj4, 'WGS84', [easting, x]);
  return inChina(lon, lat) ? { lon, lat, form: 'gauss-kruger', zone: { width: zone.width, number: zoneNumber } } : null;
}
