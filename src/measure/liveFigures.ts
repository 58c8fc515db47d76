import { GeometryError, type GeometryIssue } from '../geo/GeometryError.ts';
import { lineLength } from '../geo/lineLength.ts';
import { measuredFigures } from './measuredFigures.ts';
import type { MeasuredFigures, MeasuredGeometry } from './types.ts';

export interface LiveFigures {
  /** Figures of the shape as it stands; area is null while the ring crosses itself. */
  area_m2: number | null;
  /** Perimeter of a polygon (closing edge included) or length of a line, m. */
  length_m: number;
  /** Why there is no area yet (too few points) or why the shape would be refused (crossing). */
  issue?: GeometryIssue;
}

/**
 * Figures for the shape being drawn, recomputed on every pointer move: the same geo core as the
 * final figure (so the number does not jump on finishing), but never throwing. An unfinished
 * ring that crosses itself still gets its perimeter, and the crossing is reported so the UI can
 * warn before the shape is finished.
 */
export function liveFigures(geometry: MeasuredGeometry): LiveFigures {
  let figures: MeasuredFigures;
  try {
    figures = measuredFigures(geometry);
  } catch (err) {
    if (!(err instanceof GeometryError)) throw err;
    return { area_m2: null, length_m: rawLength(geometry), issue: err.issues[0] };
  }
  return figures.type === 'area'
    ? { area_m2: figures.area_m2, length_m: figures.perimeter_m }
    : { area_m2: null, length_m: figures.length_m };
}

function rawLength(geometry: MeasuredGeometry): number {
  try {
    if (geometry.type === 'LineString') return lineLength(geometry.coordinates);
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let sum = 0;
    for (const polygon of polygons) for (const ring of polygon) sum += lineLength(ring);
    return Number.isFinite(sum) ? sum : 0;
  } catch {
    return 0;
  }
}
