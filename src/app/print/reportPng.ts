/** The report page as a PNG at print resolution (300 dpi by default), drawn on a 2D canvas. */
import { drawReport, type Painter, type ReportContent } from './drawReport.ts';
import type { PageLayout } from './printLayout.ts';

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export function reportPng(content: ReportContent, layout: PageLayout, scale: number, map: HTMLCanvasElement, dpi = 300): Promise<Blob> {
  const pxPerMm = dpi / 25.4;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(layout.width * pxPerMm);
  canvas.height = Math.round(layout.height * pxPerMm);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pxPerMm, pxPerMm);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  const ptToMm = 25.4 / 72;
  const setFont = (size: number, bold?: boolean) => {
    ctx.font = `${bold ? '600 ' : ''}${size * ptToMm}px ${FONT}`;
  };
  const painter: Painter = {
    text(x, y, text, size, options = {}) {
      setFont(size, options.bold);
      ctx.fillStyle = options.colour ?? '#000';
      ctx.textAlign = options.align ?? 'left';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(text, x, y);
    },
    textWidth(text, size) {
      setFont(size);
      return ctx.measureText(text).width;
    },
    rect(box, options) {
      ctx.setLineDash(options.dash ? [1, 0.7] : []);
      if (options.fill) {
        ctx.globalAlpha = options.opacity ?? 1;
        ctx.fillStyle = options.fill;
        ctx.fillRect(box.x, box.y, box.width, box.height);
        ctx.globalAlpha = 1;
      }
      if (options.stroke) {
        ctx.strokeStyle = options.stroke;
        ctx.lineWidth = options.lineWidth ?? 0.3;
        ctx.strokeRect(box.x, box.y, box.width, box.height);
      }
      ctx.setLineDash([]);
    },
    line(points, options) {
      ctx.setLineDash(options.dash ? [1, 0.7] : []);
      ctx.beginPath();
      points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      if (options.close) ctx.closePath();
      if (options.fill) {
        ctx.fillStyle = options.fill;
        ctx.fill();
      }
      ctx.strokeStyle = options.stroke;
      ctx.lineWidth = options.lineWidth;
      ctx.stroke();
      ctx.setLineDash([]);
    },
    circle(x, y, r, fill) {
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = fill;
      ctx.fill();
    },
    mapImage(box) {
      ctx.drawImage(map, box.x, box.y, box.width, box.height);
    },
  };
  drawReport(painter, content, layout, scale);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
