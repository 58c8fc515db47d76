/**
 * The widget's map as a print image for a paper's edition: the same view, the same layers and the
 * labels MapLibre placed (so the collision-free choice is the same), rebuilt as SVG vectors, with
 * the caption under it. `printPng` rasterises that SVG at 300 dpi. The generator calls both on its
 * preview's map (same origin), so what an editor sees is what goes to print.
 */
import type { Geometry, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { translate, type Lang } from '../i18n/coreText.ts';
import { drawOrder, layerRole } from '../pack/roles.ts';
import type { LoadedPack } from '../pack/types.ts';
import { labelSourceId, LABEL_FONTS, PAPER, SELECTED_COLOUR, sourceId } from '../map/style.ts';
import { sourceLineText } from './sourceLine.ts';

/** Print resolution of the PNG. */
const PRINT_DPI = 300;
/** CSS pixels per inch: the SVG's unit. */
const CSS_DPI = 96;

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function shownStyleLayers(map: MapLibreMap, source: string): { type: string; paint: Record<string, unknown> }[] {
  return (map.getStyle()?.layers ?? [])
    .filter((l) => 'source' in l && l.source === source && map.getLayoutProperty(l.id, 'visibility') !== 'none')
    .map((l) => ({ type: l.type, paint: (l as { paint?: Record<string, unknown> }).paint ?? {} }));
}

/** A paint value that is a plain number, else the fallback (expressions are per-feature). */
function plain(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function pathOf(map: MapLibreMap, geometry: Geometry | null, close: boolean): string {
  const ring = (positions: Position[]) =>
    positions
      .map((p, i) => {
        const q = map.project(p as [number, number]);
        return `${i ? 'L' : 'M'}${q.x.toFixed(1)} ${q.y.toFixed(1)}`;
      })
      .join('') + (close ? 'Z' : '');
  if (!geometry) return '';
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.map(ring).join('');
    case 'MultiPolygon':
      return geometry.coordinates.flat().map(ring).join('');
    case 'LineString':
      return ring(geometry.coordinates);
    default:
      return '';
  }
}

function pointsOf(geometry: Geometry | null): Position[] {
  if (geometry?.type === 'Point') return [geometry.coordinates];
  if (geometry?.type === 'MultiPoint') return geometry.coordinates;
  return [];
}

interface PrintOptions {
  title?: string;
  lang: Lang;
  /** Add the schematic sentence to the caption. */
  schematic: boolean;
}

/** The map as an SVG document (CSS pixel units), caption included. */
export function printSvg(map: MapLibreMap, pack: LoadedPack, options: PrintOptions): { svg: string; width: number; height: number } {
  const canvas = map.getCanvas();
  const width = canvas.clientWidth;
  const mapHeight = canvas.clientHeight;
  const top = options.title ? 30 : 0;
  const captionLines = [...(options.schematic ? [translate(options.lang, 'embed.caveat')] : []), sourceLineText(pack.manifest.attribution, options.lang)];
  const height = top + mapHeight + 8 + captionLines.length * 16;
  const font = LABEL_FONTS.map((f) => (f.includes(' ') ? `'${f}'` : f)).join(', ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(font)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title) out.push(`<text x="8" y="21" font-size="16" font-weight="600" fill="#23211c">${escapeXml(options.title)}</text>`);
  out.push(`<svg x="0" y="${top}" width="${width}" height="${mapHeight}" viewBox="0 0 ${width} ${mapHeight}" overflow="hidden">`, `<rect width="${width}" height="${mapHeight}" fill="${PAPER}"/>`);
  for (const context of pack.context) {
    const d = context.data.features.map((f) => pathOf(map, f.geometry, true)).join('');
    if (d) out.push(`<path d="${d}" fill="#fbfaf6" stroke="#9c968a" stroke-width="1.5" fill-rule="evenodd"/>`);
  }
  const ordered = pack.layers.map((layer, i) => ({ layer, rank: drawOrder(layer) * 1000 + i })).sort((a, b) => a.rank - b.rank);
  for (const { layer } of ordered) {
    const styles = shownStyleLayers(map, sourceId(layer.id));
    if (styles.length === 0) continue;
    const fill = styles.find((s) => s.type === 'fill');
    const line = styles.find((s) => s.type === 'line');
    const circle = styles.find((s) => s.type === 'circle');
    const colour = layer.style.color;
    const outline = layerRole(layer) === 'regions' ? '#5f6570' : (layer.style.outline ?? colour);
    const selected: string[] = [];
    layer.data.features.forEach((feature, index) => {
      const dash = feature.properties?.precision === 'schematic' ? ' stroke-dasharray="3 2"' : '';
      const type = feature.geometry?.type;
      if ((type === 'Polygon' || type === 'MultiPolygon') && (fill || line)) {
        const opacity = fill ? plain(fill.paint['fill-opacity'], layer.style.fillOpacity ?? 0.35) : 0;
        const width = plain(line?.paint['line-width'], layer.style.lineWidth ?? 1.2);
        const d = pathOf(map, feature.geometry, true);
        out.push(`<path d="${d}" fill="${colour}" fill-opacity="${opacity}" fill-rule="evenodd" stroke="${outline}" stroke-width="${width}"${dash}/>`);
        // The focused county (feature-state `selected`) is outlined on top, as on screen.
        if ((map.getFeatureState({ source: sourceId(layer.id), id: index }) as { selected?: unknown }).selected === true) selected.push(`<path d="${d}" fill="none" stroke="${SELECTED_COLOUR}" stroke-width="${width + 2}"/>`);
      } else if ((type === 'LineString' || type === 'MultiLineString') && line) {
        out.push(`<path d="${pathOf(map, feature.geometry, false)}" fill="none" stroke="${colour}" stroke-opacity="${plain(line.paint['line-opacity'], 1)}" stroke-width="${plain(line.paint['line-width'], layer.style.lineWidth ?? 2)}" stroke-linecap="round" stroke-linejoin="round"${dash}/>`);
      } else if (circle) {
        for (const p of pointsOf(feature.geometry)) {
          const q = map.project(p as [number, number]);
          out.push(`<circle cx="${q.x.toFixed(1)}" cy="${q.y.toFixed(1)}" r="${plain(circle.paint['circle-radius'], 5)}" fill="${typeof circle.paint['circle-color'] === 'string' ? circle.paint['circle-color'] : colour}" stroke="#ffffff" stroke-width="1.2"/>`);
        }
      }
    });
    out.push(...selected);
  }
  // The labels MapLibre placed (collision-free), at their anchor, in the widget's language.
  const symbolLayers = (map.getStyle()?.layers ?? []).filter((l) => l.type === 'symbol').map((l) => l.id);
  const placed = new Set<string>();
  for (const feature of map.queryRenderedFeatures({ layers: symbolLayers })) {
    const name: unknown = (options.lang === 'en' && feature.properties.name_en) || feature.properties.name;
    if (typeof name !== 'string') continue;
    const key = `${feature.source}/${String(feature.id)}`;
    if (placed.has(key)) continue;
    placed.add(key);
    const geometry = feature.geometry;
    const anchor = geometry.type === 'Point' ? geometry.coordinates : geometry.type === 'LineString' ? geometry.coordinates[Math.floor(geometry.coordinates.length / 2)] : null;
    if (!anchor) continue;
    const q = map.project(anchor as [number, number]);
    const isPoint = feature.source.endsWith('-labels') && pack.layers.some((l) => labelSourceId(l.id) === feature.source && l.geometry === 'point');
    const x = isPoint ? q.x + 6 : q.x;
    out.push(
      `<text x="${x.toFixed(1)}" y="${(q.y + 4).toFixed(1)}" font-size="12" text-anchor="${isPoint ? 'start' : 'middle'}" fill="#3d3a33" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(name)}</text>`,
    );
  }
  out.push('</svg>');
  captionLines.forEach((line, i) => out.push(`<text x="8" y="${top + mapHeight + 20 + i * 16}" font-size="11" fill="#5d5a52">${escapeXml(line)}</text>`));
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}

/** The SVG rasterised at 300 dpi (one CSS pixel = 1/96 in), as a PNG blob. */
export async function printPng(svg: string, width: number, height: number): Promise<Blob> {
  const scale = PRINT_DPI / CSS_DPI;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
