import { GeometryError, type GeometryIssue } from '../geo/GeometryError.ts';
import type { Lang } from '../geo/lang.ts';
import { formatArea, formatLength } from '../geo/units.ts';
import { measuredFigures } from './measuredFigures.ts';
import type { MeasuredFigures, MeasuredGeometry } from './types.ts';

export type FiguresState = { ok: true; figures: MeasuredFigures } | { ok: false; issue: GeometryIssue };

/** Figures of a stored shape, or why it has none. */
export function figuresOf(geometry: MeasuredGeometry): FiguresState {
  try {
    return { ok: true, figures: measuredFigures(geometry) };
  } catch (err) {
    if (err instanceof GeometryError && err.issues[0]) return { ok: false, issue: err.issues[0] };
    throw err;
  }
}

export function issueOf(geometry: MeasuredGeometry): GeometryIssue | null {
  const f = figuresOf(geometry);
  return f.ok ? null : f.issue;
}

/** The final figure as text: 亩 to 0.01 for areas (ha and km² beside it in the list), km/m for lengths. */
export function figureText(figures: MeasuredFigures, lang: Lang): string {
  return figures.type === 'area' ? formatArea(figures.area_m2, 'mu', lang) : formatLength(figures.length_m, lang);
}
