/**
 * KML as written in the wild, rewritten into the KML togeojson reads — on the text, before
 * parsing, in one linear pass each (indexOf and non-backtracking regexes only):
 * - a namespace prefix on every element (`<kml:Placemark>`, written by XML-schema tools) is
 *   dropped: togeojson looks elements up by their plain names;
 * - `<MultiPolygon>`/`<MultiLineString>`/`<MultiPoint>` (not KML, written by some converters)
 *   become `<MultiGeometry>`, which holds the same children;
 * - HTML in `<description>` without CDATA (its tags are elements to an XML parser, whose text
 *   would run together, "SomeHTMLcontent") is wrapped in CDATA, so it stays the HTML string
 *   other descriptions are; it is shown as text, never as markup;
 * - coordinates separated by commas only (Google Earth reads them) get blanks between tuples:
 *   pairs or triples, whichever makes the shorter path (a 2D reading of 3D data jumps between
 *   altitudes and degrees).
 */

/** Namespace prefixes bound to a KML namespace URI anywhere in the text. */
function kmlPrefixes(text: string): string[] {
  const prefixes = new Set<string>();
  for (const m of text.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']http:\/\/(?:www\.opengis\.net\/kml|earth\.google\.com\/kml)\//g)) prefixes.add(m[1]);
  return [...prefixes];
}

function escapeForCdata(html: string): string {
  return html.replaceAll(']]>', ']]]]><![CDATA[>');
}

function wrapDescriptions(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<description>', from);
    if (open < 0) break;
    const start = open + '<description>'.length;
    const close = text.indexOf('</description>', start);
    if (close < 0) break;
    const inner = text.slice(start, close);
    out += text.slice(from, start);
    out += inner.includes('<') && !inner.includes('<![CDATA[') ? `<![CDATA[${escapeForCdata(inner)}]]>` : inner;
    from = close;
  }
  return out + text.slice(from);
}

function pathLength(values: number[], size: number): number {
  let length = 0;
  for (let i = size; i + 1 < values.length; i += size) length += Math.hypot(values[i] - values[i - size], values[i + 1] - values[i + 1 - size]);
  return length;
}

/** Blanks between the tuples of a comma-only coordinate list; other lists unchanged. */
export function spaceCommaOnlyCoordinates(list: string): string {
  const trimmed = list.trim();
  if (/\s/.test(trimmed)) return list;
  const values = trimmed.split(',').map(Number);
  if (values.length <= 3 || values.some((v) => !Number.isFinite(v))) return list;
  const pairs = values.length % 2 === 0;
  const triples = values.length % 3 === 0;
  if (!pairs && !triples) return list;
  const size = pairs && triples ? (pathLength(values, 3) < pathLength(values, 2) ? 3 : 2) : pairs ? 2 : 3;
  const tuples: string[] = [];
  for (let i = 0; i < values.length; i += size) tuples.push(values.slice(i, i + size).join(','));
  return tuples.join(' ');
}

function spaceCoordinates(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<coordinates>', from);
    if (open < 0) break;
    const start = open + '<coordinates>'.length;
    const close = text.indexOf('</coordinates>', start);
    if (close < 0) break;
    out += text.slice(from, start) + spaceCommaOnlyCoordinates(text.slice(start, close));
    from = close;
  }
  return out + text.slice(from);
}

/** The KML text with the variants above rewritten; text without them comes back unchanged. */
export function normalizeKmlText(text: string): string {
  let out = text;
  for (const prefix of kmlPrefixes(out)) {
    out = out.replace(new RegExp(`<(/?)${prefix.replace(/[.-]/g, '\\$&')}:(?=[A-Za-z_])`, 'g'), '<$1');
  }
  out = out.replace(/<(\/?)Multi(?:Polygon|LineString|Point)\b/g, '<$1MultiGeometry');
  if (out.includes('<description>')) out = wrapDescriptions(out);
  if (out.includes('<coordinates>')) out = spaceCoordinates(out);
  return out;
}
