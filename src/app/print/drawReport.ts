/**
 * Lays out the report page once for both outputs: `Painter` is implemented by the PDF writer
 * (vector text, embedded CJK font) and by a 300 dpi canvas. Units are millimetres, origin at the
 * top left of the page; font sizes are points.
 */
import type { PngLegendEntry } from '../../map/exportPng.ts';
import { scaleBar, scaleText, type Box, type PageLayout } from './printLayout.ts';

export interface Painter {
  text(x: number, y: number, text: string, size: number, options?: { bold?: boolean; colour?: string; align?: 'left' | 'right' | 'center' }): void;
  textWidth(text: string, size: number): number;
  rect(box: Box, options: { fill?: string; stroke?: string; lineWidth?: number; dash?: boolean; opacity?: number }): void;
  line(points: [number, number][], options: { stroke: string; lineWidth: number; dash?: boolean; close?: boolean; fill?: string }): void;
  circle(x: number, y: number, r: number, fill: string): void;
  /** The map image, stretched over the frame. */
  mapImage(box: Box): void;
}

export interface ReportContent {
  title: string;
  subtitle: string;
  legend: PngLegendEntry[];
  legendHeading: string;
  /** County table: header, rows (county first), with totals and plan rows at the end. */
  tableHeading: string;
  table: string[][];
  notes: string[];
  sourcesHeading: string;
  sources: string[];
  northLabel: string;
  /** 'km' / '公里' */
  kmLabel: string;
  mLabel: string;
}

const INK = '#23211c';
const SOFT = '#5d5a52';
const PT = 0.3528; // mm per point

/** Breaks text into lines no wider than `width` mm (Chinese anywhere, Latin words whole). */
function wrapText(p: Painter, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? []) {
    if (line && p.textWidth(line + token, size) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

export function drawReport(p: Painter, content: ReportContent, layout: PageLayout, scale: number): void {
  const { title, map, side } = layout;
  p.text(title.x, title.y + 7, content.title, 16, { bold: true, colour: INK });
  p.text(title.x, title.y + 13.5, `${content.subtitle} · ${scaleText(scale)}`, 8.5, { colour: SOFT });

  // Map, frame, scale bar (bottom left) and north arrow (top right).
  p.mapImage(map);
  p.rect(map, { stroke: '#9c968a', lineWidth: 0.3 });
  const bar = scaleBar(scale, Math.min(40, map.width / 3));
  const bx = map.x + 4;
  const by = map.y + map.height - 5;
  p.rect({ x: bx - 2, y: by - 6.5, width: bar.mm + 4, height: 9 }, { fill: '#ffffff', opacity: 0.85 });
  p.line(
    [
      [bx, by - 1.5],
      [bx, by],
      [bx + bar.mm, by],
      [bx + bar.mm, by - 1.5],
    ],
    { stroke: INK, lineWidth: 0.5 },
  );
  p.text(bx, by - 2.5, bar.metres >= 1000 ? `${bar.metres / 1000} ${content.kmLabel}` : `${bar.metres} ${content.mLabel}`, 7, { colour: INK });
  const nx = map.x + map.width - 8;
  const ny = map.y + 4;
  p.rect({ x: nx - 5, y: ny - 1.5, width: 10, height: 15 }, { fill: '#ffffff', opacity: 0.85 });
  p.line(
    [
      [nx, ny],
      [nx + 3, ny + 8],
      [nx, ny + 6],
      [nx - 3, ny + 8],
    ],
    { stroke: INK, lineWidth: 0.2, close: true, fill: INK },
  );
  p.text(nx, ny + 12.5, content.northLabel, 7, { bold: true, colour: INK, align: 'center' });

  drawSide(p, content, side);
}

/** Legend, county table, notes and sources, each starting where the last ended; returns the end. */
function drawSide(p: Painter, content: ReportContent, side: Box): number {
  let y = side.y;
  const heading = (text: string) => {
    y += 4;
    p.text(side.x, y, text, 9, { bold: true, colour: INK });
    y += 2;
  };
  heading(content.legendHeading);
  const columns = Math.max(1, Math.floor(side.width / 46));
  const colW = side.width / columns;
  content.legend.forEach((entry, i) => {
    const x = side.x + (i % columns) * colW;
    const ey = y + 3 + Math.floor(i / columns) * 5;
    if (entry.shape === 'area') {
      p.rect({ x, y: ey - 1.8, width: 7, height: 3.6 }, { fill: entry.colour, opacity: 0.45 });
      p.rect({ x, y: ey - 1.8, width: 7, height: 3.6 }, { stroke: entry.outline, lineWidth: 0.4, dash: entry.schematic });
    } else if (entry.shape === 'line') {
      p.line(
        [
          [x, ey],
          [x + 7, ey],
        ],
        { stroke: entry.colour, lineWidth: 0.6, dash: entry.schematic },
      );
    } else p.circle(x + 3.5, ey, 1.5, entry.colour);
    // A long layer name is set smaller rather than run into the next column.
    let size = 7;
    while (size > 5 && p.textWidth(entry.label, size) > colW - 10) size -= 0.5;
    p.text(x + 9, ey + 1.2, entry.label, size, { colour: INK });
  });
  y += 3 + Math.ceil(content.legend.length / columns) * 5;

  heading(content.tableHeading);
  const size = content.table[0].length > 8 ? 5.5 : 6.5;
  const rowH = size * PT * 1.45;
  const firstW = Math.min(24, side.width * 0.2);
  const cellW = (side.width - firstW) / Math.max(1, content.table[0].length - 1);
  content.table.forEach((row, r) => {
    // Header cells wrap onto up to three lines; body cells are short figures.
    const lines = r === 0 ? row.map((cell, c) => (c === 0 ? [cell] : wrapText(p, cell, size, cellW - 1).slice(0, 3))) : row.map((cell) => [cell]);
    const height = rowH * Math.max(...lines.map((l) => l.length));
    if (r === 0 || r >= content.table.length - 2) p.line([[side.x, y + 0.8], [side.x + side.width, y + 0.8]], { stroke: '#9c968a', lineWidth: 0.2 });
    lines.forEach((cellLines, c) =>
      cellLines.forEach((text, k) => {
        const ty = y + rowH * (k + 1);
        if (c === 0) p.text(side.x, ty, text, size, { colour: INK, bold: r === 0 });
        else p.text(side.x + firstW + cellW * c - 1, ty, text, size, { colour: INK, align: 'right', bold: r === 0 });
      }),
    );
    y += height + 0.6;
  });

  y += 2;
  for (const note of content.notes) {
    for (const line of wrapText(p, note, 6.5, side.width)) {
      y += 6.5 * PT * 1.5;
      p.text(side.x, y, line, 6.5, { colour: SOFT });
    }
  }
  heading(content.sourcesHeading);
  for (const source of content.sources) {
    for (const line of wrapText(p, source, 6, side.width)) {
      y += 6 * PT * 1.5;
      p.text(side.x, y, line, 6, { colour: SOFT });
    }
  }
  return y;
}

/** Text width at most what any CJK font draws: Han and full-width forms 1 em, the rest 0.6 em. */
function generousWidth(text: string, size: number): number {
  let ems = 0;
  for (const c of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(c) ? 1 : 0.6;
  return ems * size * PT;
}

/**
 * The layout with room for everything: on a portrait page, when the legend, table, notes and
 * sources need more height than the band under the map, the map gives it up (down to a third of the
 * page). Measured with generous widths, so the real fonts wrap into no more lines than planned.
 */
export function fitLayout(content: ReportContent, layout: PageLayout): PageLayout {
  const portrait = layout.side.y > layout.map.y;
  if (!portrait) return layout;
  const measure: Painter = { text: () => {}, textWidth: generousWidth, rect: () => {}, line: () => {}, circle: () => {}, mapImage: () => {} };
  const needed = drawSide(measure, content, layout.side) - layout.side.y + 2;
  const shrink = Math.min(Math.max(0, needed - layout.side.height), Math.max(0, layout.map.height - layout.height / 3));
  if (shrink === 0) return layout;
  return { ...layout, map: { ...layout.map, height: layout.map.height - shrink }, side: { ...layout.side, y: layout.side.y - shrink, height: layout.side.height + shrink } };
}
