/**
 * The printed page as boxes in millimetres (origin top left): title, map frame, and the column or
 * band below/beside it for legend, county table and notes. Also the scale arithmetic: a paper
 * scale 1:S gives the map frame's ground size, and a county's extent gives the scale that fits it.
 */

export type Paper = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';

const PAPER_MM: Record<Paper, [number, number]> = { A4: [210, 297], A3: [297, 420] };
/** The scales offered, 1:10,000 … 1:500,000. */
export const PRINT_SCALES = [10_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000] as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageLayout {
  width: number;
  height: number;
  title: Box;
  map: Box;
  /** Legend, county table, sources and the schematic note flow in here. */
  side: Box;
}

const MARGIN = 12;
const TITLE_H = 16;
const GAP = 5;

export function pageLayout(paper: Paper, orientation: Orientation): PageLayout {
  const [short, long] = PAPER_MM[paper];
  const [width, height] = orientation === 'portrait' ? [short, long] : [long, short];
  const title = { x: MARGIN, y: MARGIN, width: width - 2 * MARGIN, height: TITLE_H };
  const top = MARGIN + TITLE_H + GAP;
  const innerW = width - 2 * MARGIN;
  const innerH = height - top - MARGIN;
  if (orientation === 'portrait') {
    const mapH = Math.round(innerH * 0.5);
    return { width, height, title, map: { x: MARGIN, y: top, width: innerW, height: mapH }, side: { x: MARGIN, y: top + mapH + GAP, width: innerW, height: innerH - mapH - GAP } };
  }
  const mapW = Math.round(innerW * 0.62);
  return { width, height, title, map: { x: MARGIN, y: top, width: mapW, height: innerH }, side: { x: MARGIN + mapW + GAP, y: top, width: innerW - mapW - GAP, height: innerH } };
}

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LON_EQUATOR = 111_320;

/** Ground extent (m) of a lon/lat box, at its middle latitude. */
function groundSize([west, south, east, north]: [number, number, number, number]): { width: number; height: number } {
  const lat = ((south + north) / 2) * (Math.PI / 180);
  return { width: (east - west) * METRES_PER_DEGREE_LON_EQUATOR * Math.cos(lat), height: (north - south) * METRES_PER_DEGREE_LAT };
}

/** The scale denominator that fits a box in the map frame with 5 % to spare, rounded up to 1,000. */
export function fitScale(bounds: [number, number, number, number], frame: Box): number {
  const ground = groundSize(bounds);
  const scale = Math.max(ground.width / (frame.width / 1000), ground.height / (frame.height / 1000)) * 1.05;
  return Math.ceil(scale / 1000) * 1000;
}

/** The longest 1-2-5 × 10ⁿ ground length whose bar fits in `maxMm` of paper at 1:scale. */
export function scaleBar(scale: number, maxMm: number): { metres: number; mm: number } {
  const max = (maxMm / 1000) * scale;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const metres = [5, 2, 1].map((m) => m * magnitude).find((m) => m <= max) ?? magnitude;
  return { metres, mm: (metres / scale) * 1000 };
}

/** `1:250,000` */
export function scaleText(scale: number): string {
  return `1:${scale.toLocaleString('en-US')}`;
}
