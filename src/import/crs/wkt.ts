/**
 * Reads the facts we need from a CRS in WKT (a shapefile's .prj): WKT1 in GDAL or ESRI flavour
 * and the common WKT2 keywords. Used to recognise the bundled Chinese CRSs by their parameters,
 * whatever the file calls them ("CGCS2000_3_Degree_GK_CM_114E", "Gauss_Kruger",
 * "Transverse_Mercator", an AUTHORITY code or none).
 */

export interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

export interface WktCrsInfo {
  kind: 'projected' | 'geographic' | 'other';
  name?: string;
  /** EPSG code from the outermost AUTHORITY/ID, if any. */
  epsg?: number;
  datumName?: string;
  ellipsoid?: { a: number; rf: number };
  /** Normalised projection/method name: 'transverse_mercator', 'mercator_auxiliary_sphere' … */
  projection?: string;
  /** Normalised parameter names: central_meridian, false_easting, false_northing, scale_factor, latitude_of_origin. */
  params: Record<string, number>;
  /** Metres per linear unit of a projected CRS. */
  linearUnit?: number;
  towgs84?: number[];
}

const MAX_WKT_LENGTH = 100_000;
const MAX_DEPTH = 32;

/** Parses WKT into a keyword tree; undefined when it is not WKT. Never throws. */
export function parseWktTree(text: string): WktNode | undefined {
  if (typeof text !== 'string' || text.length > MAX_WKT_LENGTH) return undefined;
  let i = 0;
  const s = text;
  const skip = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const node = (depth: number): WktNode | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i, i + 64));
    if (!m) return undefined;
    i += m[0].length;
    skip();
    const open = s[i];
    if (open !== '[' && open !== '(') return { keyword: m[0].toUpperCase(), args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      skip();
      if (i >= s.length) return undefined;
      if (s[i] === close) {
        i++;
        return { keyword: m[0].toUpperCase(), args };
      }
      if (s[i] === '"') {
        let j = i + 1;
        let value = '';
        for (;;) {
          if (j >= s.length) return undefined;
          if (s[j] === '"') {
            if (s[j + 1] === '"') {
              value += '"';
              j += 2;
              continue;
            }
            break;
          }
          value += s[j++];
        }
        args.push(value);
        i = j + 1;
      } else if (/[-+.0-9]/.test(s[i])) {
        const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i, i + 64));
        if (!n) return undefined;
        args.push(Number(n[0]));
        i += n[0].length;
      } else {
        const child = node(depth + 1);
        if (!child) return undefined;
        args.push(child);
      }
      skip();
      if (s[i] === ',') i++;
      else if (s[i] !== close) return undefined;
    }
  };
  const root = node(0);
  skip();
  return root && i === s.length ? root : undefined;
}

function children(n: WktNode, ...keywords: string[]): WktNode[] {
  return n.args.filter((a): a is WktNode => typeof a === 'object' && keywords.includes(a.keyword));
}
function child(n: WktNode | undefined, ...keywords: string[]): WktNode | undefined {
  return n ? children(n, ...keywords)[0] : undefined;
}
function numbers(n: WktNode): number[] {
  return n.args.filter((a): a is number => typeof a === 'number');
}
function firstString(n: WktNode | undefined): string | undefined {
  const v = n?.args[0];
  return typeof v === 'string' ? v : undefined;
}

export function normalizeWktName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

const PARAM_ALIASES: Record<string, string> = {
  central_meridian: 'central_meridian',
  longitude_of_natural_origin: 'central_meridian',
  longitude_of_origin: 'central_meridian',
  longitude_of_center: 'central_meridian',
  false_easting: 'false_easting',
  false_northing: 'false_northing',
  scale_factor: 'scale_factor',
  scale_factor_at_natural_origin: 'scale_factor',
  latitude_of_origin: 'latitude_of_origin',
  latitude_of_natural_origin: 'latitude_of_origin',
  standard_parallel_1: 'standard_parallel_1',
  auxiliary_sphere_type: 'auxiliary_sphere_type',
};

function authorityCode(n: WktNode): number | undefined {
  const auth = child(n, 'AUTHORITY', 'ID');
  if (!auth) return undefined;
  const [org, code] = auth.args;
  if (typeof org !== 'string' || org.toUpperCase() !== 'EPSG') return undefined;
  const value = typeof code === 'number' ? code : Number(code);
  return Number.isInteger(value) ? value : undefined;
}

/** Facts of a WKT CRS; undefined when the text is not a WKT CRS. */
export function describeWktCrs(text: string): WktCrsInfo | undefined {
  const root = parseWktTree(text.trim());
  if (!root) return undefined;
  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.keyword);
  const geographic = ['GEOGCS', 'GEOGCRS', 'GEOGRAPHICCRS', 'GEODCRS'].includes(root.keyword);
  const info: WktCrsInfo = { kind: projected ? 'projected' : geographic ? 'geographic' : 'other', name: firstString(root), params: {} };
  const epsg = authorityCode(root);
  if (epsg !== undefined) info.epsg = epsg;
  const geog = projected ? child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS') : root;
  const datum = child(geog, 'DATUM', 'TRF', 'GEODETICDATUM');
  if (datum) {
    info.datumName = firstString(datum);
    const ellipsoid = child(datum, 'SPHEROID', 'ELLIPSOID');
    if (ellipsoid) {
      const [a, rf] = numbers(ellipsoid);
      if (a > 0 && rf >= 0) info.ellipsoid = { a, rf };
    }
    const towgs = child(datum, 'TOWGS84');
    if (towgs) info.towgs84 = numbers(towgs);
  }
  if (projected) {
    const conversion = child(root, 'CONVERSION') ?? root;
    const method = child(conversion, 'PROJECTION', 'METHOD');
    if (method && firstString(method)) info.projection = normalizeWktName(firstString(method)!);
    for (const p of children(conversion, 'PARAMETER')) {
      const name = firstString(p);
      const value = numbers(p)[0];
      if (name === undefined || value === undefined) continue;
      const key = PARAM_ALIASES[normalizeWktName(name)] ?? normalizeWktName(name);
      info.params[key] = value;
    }
    const unit = children(root, 'UNIT', 'LENGTHUNIT')[0];
    if (unit) info.linearUnit = numbers(unit)[0];
    // WKT2 puts the unit inside CS/AXIS or in each PARAMETER; default metre.
    info.linearUnit ??= 1;
  }
  return info;
}
