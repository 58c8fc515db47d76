/**
 * The current map as a PNG fit for a report: title, the map image, a legend (schematic entries
 * dashed), a scale bar, a north arrow and the attribution.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '../geo/lang.ts';
import { lengthUnitLabel } from '../geo/units.ts';

export interface PngLegendEntry {
  label: string;
  colour: string;
  outline: string;
  shape: 'area' | 'line' | 'point';
  schematic: boolean;
}

export interface PngExportOptions {
  title: string;
  subtitle?: string;
  legend: PngLegendEntry[];
  attribution: string[];
  northLabel: string;
  /** Language of the scale bar's unit (公里 / km). */
  lang: Lang;
  font?: string;
}

const EARTH_CIRCUMFERENCE_M = 40075016.686;

/** Metres per CSS pixel at the map's centre (MapLibre tiles are 512 px). */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The longest 1-2-5 × 10ⁿ length that fits in `maxPixels`, and its width in pixels. */
export function niceScale(metresPerPx: number, maxPixels: number): { metres: number; pixels: number } {
  const max = metresPerPx * maxPixels;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [5, 2, 1].map((m) => m * magnitude).find((m) => m <= max) ?? magnitude;
  return { metres: step, pixels: step / metresPerPx };
}

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  // Chinese has no spaces: break anywhere; keep Latin words whole where possible.
  for (const token of text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? []) {
    if (ctx.measureText(line + token).width > width && line) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

export async function renderMapPng(map: MapLibreMap, options: PngExportOptions): Promise<Blob> {
  const source = map.getCanvas();
  const ratio = source.width / source.clientWidth || 1;
  const width = source.clientWidth;
  const font = options.font ?? "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
  const pad = 16;
  const titleH = options.subtitle ? 58 : 40;
  const legendCols = Math.max(1, Math.floor((width - 2 * pad) / 210));
  const legendRows = Math.ceil(options.legend.length / legendCols);
  const legendH = legendRows * 22 + 12;

  const probe = document.createElement('canvas').getContext('2d')!;
  probe.font = `11px ${font}`;
  const attributionLines = wrap(probe, options.attribution.join(' | '), width - 2 * pad);
  const attributionH = attributionLines.length * 15 + 10;
  const mapH = source.clientHeight;
  const height = titleH + mapH + legendH + attributionH;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  // Title.
  ctx.fillStyle = '#23211c';
  ctx.font = `600 18px ${font}`;
  ctx.textBaseline = 'top';
  ctx.fillText(options.title, pad, 12);
  if (options.subtitle) {
    ctx.font = `12px ${font}`;
    ctx.fillStyle = '#5d5a52';
    ctx.fillText(options.subtitle, pad, 36);
  }

  // The map itself, copied inside a render event: the WebGL buffer is only readable before the
  // frame is presented (the map does not keep it, which would slow every frame).
  await new Promise<void>((resolve) => {
    map.once('render', () => {
      ctx.drawImage(source, 0, titleH, width, mapH);
      resolve();
    });
    map.triggerRepaint();
  });
  ctx.strokeStyle = '#9c968a';
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, titleH + 0.5, width - 1, mapH - 1);

  // Scale bar, bottom left of the map.
  const centre = map.getCenter();
  const { metres, pixels } = niceScale(metresPerPixel(centre.lat, map.getZoom()), 140);
  const sx = pad;
  const sy = titleH + mapH - 18;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(sx - 6, sy - 18, pixels + 12, 28);
  ctx.strokeStyle = '#23211c';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(sx, sy - 5);
  ctx.lineTo(sx, sy);
  ctx.lineTo(sx + pixels, sy);
  ctx.lineTo(sx + pixels, sy - 5);
  ctx.stroke();
  ctx.fillStyle = '#23211c';
  ctx.font = `11px ${font}`;
  ctx.textBaseline = 'bottom';
  ctx.fillText(metres >= 1000 ? `${metres / 1000} ${lengthUnitLabel('km', options.lang)}` : `${metres} ${lengthUnitLabel('m', options.lang)}`, sx + 2, sy - 6);

  // North arrow, top right of the map (the map is never rotated).
  const nx = width - pad - 14;
  const ny = titleH + 14;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(nx - 14, ny - 4, 28, 46);
  ctx.fillStyle = '#23211c';
  ctx.beginPath();
  ctx.moveTo(nx, ny + 2);
  ctx.lineTo(nx + 8, ny + 26);
  ctx.lineTo(nx, ny + 20);
  ctx.lineTo(nx - 8, ny + 26);
  ctx.closePath();
  ctx.fill();
  ctx.font = `600 11px ${font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(options.northLabel, nx, ny + 28);
  ctx.textAlign = 'left';

  // Legend.
  ctx.font = `12px ${font}`;
  ctx.textBaseline = 'middle';
  const colW = (width - 2 * pad) / legendCols;
  options.legend.forEach((entry, i) => {
    const x = pad + (i % legendCols) * colW;
    const y = titleH + mapH + 16 + Math.floor(i / legendCols) * 22;
    ctx.setLineDash(entry.schematic ? [4, 3] : []);
    ctx.strokeStyle = entry.outline;
    ctx.fillStyle = entry.colour;
    ctx.lineWidth = 2;
    if (entry.shape === 'area') {
      ctx.globalAlpha = 0.45;
      ctx.fillRect(x, y - 7, 24, 14);
      ctx.globalAlpha = 1;
      ctx.strokeRect(x, y - 7, 24, 14);
    } else if (entry.shape === 'line') {
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 24, y);
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(x + 12, y, 6, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.setLineDash([]);
    ctx.fillStyle = '#23211c';
    ctx.fillText(entry.label, x + 32, y);
  });

  // Attribution.
  ctx.font = `11px ${font}`;
  ctx.fillStyle = '#5d5a52';
  ctx.textBaseline = 'top';
  attributionLines.forEach((line, i) => ctx.fillText(line, pad, titleH + mapH + legendH + 4 + i * 15));

  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
