/**
 * The report as a PDF (pdf-lib, loaded only when a PDF is asked for): vector text in Noto Sans
 * CJK SC (embedded; `public/fonts/report-sc.otf`, see scripts/fonts), vector legend, scale bar
 * and north arrow, the map as a JPEG at the print resolution.
 */
import fontkit from '@pdf-lib/fontkit';
import { LineCapStyle, PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import wasmUrl from 'harfbuzzjs/dist/harfbuzz-subset.wasm?url';
import { drawReport, type Painter, type ReportContent } from './drawReport.ts';
import { scaleText, type PageLayout } from './printLayout.ts';
import { loadHarfbuzz, subsetFont } from './subsetFont.ts';

const PT_PER_MM = 72 / 25.4;

function colour(hex: string) {
  const h = hex.replace('#', '');
  const v = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  return rgb(parseInt(v.slice(0, 2), 16) / 255, parseInt(v.slice(2, 4), 16) / 255, parseInt(v.slice(4, 6), 16) / 255);
}

function pdfPainter(page: PDFPage, font: PDFFont, image: PDFImage, heightMm: number): Painter {
  const X = (mm: number) => mm * PT_PER_MM;
  const Y = (mm: number) => (heightMm - mm) * PT_PER_MM;
  return {
    text(x, y, text, size, options = {}) {
      const width = font.widthOfTextAtSize(text, size) / PT_PER_MM;
      const left = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
      page.drawText(text, { x: X(left), y: Y(y), size, font, color: colour(options.colour ?? '#000000') });
      // A single face: bold is drawn twice, a hair apart.
      if (options.bold) page.drawText(text, { x: X(left) + 0.25, y: Y(y), size, font, color: colour(options.colour ?? '#000000') });
    },
    textWidth: (text, size) => font.widthOfTextAtSize(text, size) / PT_PER_MM,
    rect(box, options) {
      page.drawRectangle({
        x: X(box.x),
        y: Y(box.y + box.height),
        width: X(box.width),
        height: X(box.height),
        color: options.fill ? colour(options.fill) : undefined,
        opacity: options.fill ? (options.opacity ?? 1) : undefined,
        borderColor: options.stroke ? colour(options.stroke) : undefined,
        borderWidth: options.stroke ? X(options.lineWidth ?? 0.3) : 0,
        borderDashArray: options.dash ? [3, 2] : undefined,
      });
    },
    line(points, options) {
      if (options.fill) {
        // SVG paths run y-down from the given origin: the page's top left.
        const path = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'} ${X(x)} ${X(y)}`).join(' ') + ' Z';
        page.drawSvgPath(path, { x: 0, y: X(heightMm), color: colour(options.fill), borderColor: colour(options.stroke), borderWidth: X(options.lineWidth) });
        return;
      }
      for (let i = 1; i < points.length; i++) {
        page.drawLine({
          start: { x: X(points[i - 1][0]), y: Y(points[i - 1][1]) },
          end: { x: X(points[i][0]), y: Y(points[i][1]) },
          thickness: X(options.lineWidth),
          color: colour(options.stroke),
          dashArray: options.dash ? [3, 2] : undefined,
          lineCap: LineCapStyle.Round,
        });
      }
    },
    circle(x, y, r, fill) {
      page.drawCircle({ x: X(x), y: Y(y), size: X(r), color: colour(fill) });
    },
    mapImage(box) {
      page.drawImage(image, { x: X(box.x), y: Y(box.y + box.height), width: X(box.width), height: X(box.height) });
    },
  };
}

let harfbuzz: ReturnType<typeof loadHarfbuzz> | null = null;

export async function reportPdf(content: ReportContent, layout: PageLayout, scale: number, mapJpeg: Uint8Array, fontBytes: ArrayBuffer): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(content.title);
  doc.setCreator('山水 · Shanshui');
  doc.setCreationDate(new Date());
  // Only the glyphs this page draws, cut by hb-subset (pdf-lib's own subsetting breaks CID-keyed
  // CFF fonts); embedded as they are. Every character of the content, the scale and the digits.
  harfbuzz ??= loadHarfbuzz(fetch(wasmUrl));
  const text = `${JSON.stringify(content)}${scaleText(scale)}0123456789.,:-–—≈ ()%`;
  const font = await doc.embedFont(subsetFont(await harfbuzz, new Uint8Array(fontBytes), text), { subset: false });
  const image = await doc.embedJpg(mapJpeg);
  const page = doc.addPage([layout.width * PT_PER_MM, layout.height * PT_PER_MM]);
  drawReport(pdfPainter(page, font, image, layout.height), content, layout, scale);
  return doc.save();
}
