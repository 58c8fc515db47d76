/**
 * DXF drawings from CASS/AutoCAD through `dxf-parser` (MIT): LWPOLYLINE/POLYLINE (closed ones
 * become polygons, bulges are linearised into arcs as GDAL does: equal steps of at most 4°), LINE,
 * POINT, TEXT/MTEXT (points with their text), CIRCLE and ARC (linearised the same way). Blocks
 * (INSERT), hatches, splines and the rest are counted and named in a warning. Properties follow
 * GDAL's DXF driver: `Layer`, and `Text` for annotations.
 *
 * Text is UTF-8 from AutoCAD 2007 on; older files are in the code page `$DWGCODEPAGE` names
 * (ANSI_936 = GBK for Chinese drawings). DXF has no CRS: the coordinates go through detection and,
 * when it cannot tell, the coordinate-system dialog.
 */
import DxfParser, { type IEntity, type IPoint } from 'dxf-parser';
import type { Feature, Geometry, Position } from 'geojson';
import { checkCancelled, reserveFeatures, type ImportContext, type RawLayer } from '../context.ts';
import { fail } from '../failure.ts';
import { isValidUtf8, normalizeEncodingLabel } from '../text.ts';
import type { ImportMessage } from '../types.ts';

const MAX_STEP = (4 * Math.PI) / 180;

type Vertex = IPoint & { bulge?: number };

/** Decodes a DXF: UTF-8 when valid, else the $DWGCODEPAGE code page, else GBK (said). */
function decodeDxf(bytes: Uint8Array): { text: string; guessed: boolean } {
  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''), guessed: false };
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 65_536));
  const codePage = /\$DWGCODEPAGE\s*\r?\n\s*3\s*\r?\n\s*(?:ANSI_)?(\w+)/i.exec(head)?.[1];
  const label = normalizeEncodingLabel(codePage);
  if (label) return { text: new TextDecoder(label).decode(bytes), guessed: false };
  return { text: new TextDecoder('gb18030').decode(bytes), guessed: true };
}

/** Points of an arc of `sweep` radians (positive: counter-clockwise) after its start, end included. */
function arcPoints(cx: number, cy: number, radius: number, start: number, sweep: number): Position[] {
  const steps = Math.max(1, Math.ceil(Math.abs(sweep) / MAX_STEP - 1e-9));
  const out: Position[] = [];
  for (let k = 1; k <= steps; k++) {
    const a = start + (sweep * k) / steps;
    out.push([cx + radius * Math.cos(a), cy + radius * Math.sin(a)]);
  }
  return out;
}

/** The vertices of a polyline with its bulges turned into arc points. */
function polylinePositions(vertices: Vertex[], closed: boolean): Position[] {
  const out: Position[] = [];
  const n = vertices.length;
  for (let i = 0; i < n; i++) {
    const v = vertices[i];
    out.push([v.x, v.y]);
    const next = i + 1 < n ? vertices[i + 1] : closed ? vertices[0] : undefined;
    const bulge = v.bulge ?? 0;
    if (!next || !bulge || !Number.isFinite(bulge)) continue;
    const dx = next.x - v.x;
    const dy = next.y - v.y;
    if (dx === 0 && dy === 0) continue;
    // Centre on the chord's perpendicular; sweep = 4·atan(bulge), counter-clockwise when positive.
    const offset = (1 - bulge * bulge) / (4 * bulge);
    const cx = (v.x + next.x) / 2 - offset * dy;
    const cy = (v.y + next.y) / 2 + offset * dx;
    const radius = Math.hypot(v.x - cx, v.y - cy);
    const points = arcPoints(cx, cy, radius, Math.atan2(v.y - cy, v.x - cx), 4 * Math.atan(bulge));
    points.pop(); // the next vertex comes as itself
    out.push(...points);
  }
  if (closed && out.length > 0) out.push([...out[0]]);
  return out;
}

const position = (p: IPoint | undefined): Position | undefined =>
  p && Number.isFinite(p.x) && Number.isFinite(p.y) ? (Number.isFinite(p.z) && p.z !== 0 ? [p.x, p.y, p.z] : [p.x, p.y]) : undefined;

/** MTEXT formatting codes (\P paragraph, \f font, {…}) to plain text with line breaks. */
function mtextPlain(text: string): string {
  return text
    .replace(/\\P/g, '\n')
    .replace(/\\[A-Za-z][^;\\{}]*;/g, '')
    .replace(/[{}]/g, '')
    .trim();
}

function geometryOf(entity: IEntity): { geometry: Geometry; text?: string } | undefined {
  const e = entity as IEntity & Record<string, unknown>;
  switch (entity.type) {
    case 'LWPOLYLINE':
    case 'POLYLINE': {
      const vertices = (e.vertices as Vertex[] | undefined) ?? [];
      const closed = Boolean(e.shape);
      const positions = polylinePositions(vertices, closed);
      if (closed && positions.length >= 4) return { geometry: { type: 'Polygon', coordinates: [positions] } };
      return positions.length >= 2 ? { geometry: { type: 'LineString', coordinates: positions } } : undefined;
    }
    case 'LINE': {
      const [a, b] = ((e.vertices as IPoint[] | undefined) ?? []).map(position);
      return a && b ? { geometry: { type: 'LineString', coordinates: [a.slice(0, 2), b.slice(0, 2)] } } : undefined;
    }
    case 'POINT': {
      const p = position(e.position as IPoint);
      return p ? { geometry: { type: 'Point', coordinates: p } } : undefined;
    }
    case 'TEXT':
    case 'MTEXT': {
      const p = position((entity.type === 'TEXT' ? e.startPoint : e.position) as IPoint);
      const raw = typeof e.text === 'string' ? e.text : '';
      return p ? { geometry: { type: 'Point', coordinates: p }, text: entity.type === 'MTEXT' ? mtextPlain(raw) : raw } : undefined;
    }
    case 'CIRCLE':
    case 'ARC': {
      const c = e.center as IPoint | undefined;
      const r = e.radius as number;
      if (!c || !(r > 0)) return undefined;
      if (entity.type === 'CIRCLE') {
        const ring = [[c.x + r, c.y], ...arcPoints(c.x, c.y, r, 0, 2 * Math.PI)];
        ring[ring.length - 1] = [...ring[0]];
        return { geometry: { type: 'Polygon', coordinates: [ring] } };
      }
      const start = e.startAngle as number;
      let sweep = (e.endAngle as number) - start;
      if (sweep <= 0) sweep += 2 * Math.PI;
      return { geometry: { type: 'LineString', coordinates: [[c.x + r * Math.cos(start), c.y + r * Math.sin(start)], ...arcPoints(c.x, c.y, r, start, sweep)] } };
    }
    default:
      return undefined;
  }
}

export function parseDxf(bytes: Uint8Array, name: string, ctx: ImportContext): RawLayer {
  const { text, guessed } = decodeDxf(bytes);
  let dxf;
  try {
    dxf = new DxfParser().parseSync(text);
  } catch (error) {
    fail('dxf-invalid', { name, detail: error instanceof Error ? error.message.slice(0, 120) : 'unreadable' });
  }
  checkCancelled(ctx);
  const entities = dxf?.entities ?? [];
  const features: Feature[] = [];
  const skipped = new Map<string, number>();
  for (const entity of entities) {
    const read = geometryOf(entity);
    if (!read) {
      skipped.set(entity.type, (skipped.get(entity.type) ?? 0) + 1);
      continue;
    }
    const properties: Record<string, string> = { Layer: entity.layer ?? '0' };
    if (read.text !== undefined) properties.Text = read.text;
    features.push({ type: 'Feature', properties, geometry: read.geometry });
  }
  reserveFeatures(ctx, features.length);
  const warnings: ImportMessage[] = [];
  if (guessed) warnings.push({ code: 'encoding-guessed', params: { encoding: 'GBK' } });
  if (skipped.size) {
    const count = [...skipped.values()].reduce((a, b) => a + b, 0);
    warnings.push({ code: 'dxf-entities-skipped', params: { count, types: [...skipped.keys()].join(', ') } });
  }
  if (features.length === 0 && skipped.size) fail('dxf-entities-skipped', { name, count: entities.length, types: [...skipped.keys()].join(', ') });
  return { name, format: 'dxf', features, warnings };
}
