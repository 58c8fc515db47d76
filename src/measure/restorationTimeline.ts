/**
 * Restoration progress over time. Every dated figure states the area of a site restored *as of*
 * its date (a reading, like the pack's `restored_area_mu` with its `year`), not an increment, so
 * two readings of one site never add up twice: progress as of a year is, per site, the latest
 * figure dated in or before that year; counties and the city are sums over their sites.
 */
import type { FeatureCollection } from 'geojson';
import { countyOf, type RestorationSite } from './restorationProgress.ts';

export interface DatedFigure {
  site: string;
  /** ISO date (`2026-06-30`) or a year (`2024`) where the source gives only that. */
  date: string;
  restored_mu: number;
  note?: string;
  /** Who recorded it (a team record) or null for the pack's own figure. */
  author: string | null;
}

export interface SiteAsOf {
  name: string;
  county: string;
  planned_mu: number | null;
  restored_mu: number | null;
  /** Date of the figure used, or null when the site has none by then. */
  date: string | null;
}

export interface TotalAsOf {
  name: string;
  planned_mu: number;
  restored_mu: number;
}

export interface ProgressAsOf {
  year: number;
  sites: SiteAsOf[];
  counties: TotalAsOf[];
  city: TotalAsOf;
}

/**
 * Every feature of a layer that states plan or restored figures for some of its sites is a site
 * figures can be recorded for (the published texts give areas for only a few of them).
 */
export function timelineSites(layers: readonly { id: string; data: FeatureCollection }[], known: readonly RestorationSite[]): RestorationSite[] {
  const byKey = new Map(known.map((s) => [`${s.layerId}:${s.index}`, s]));
  const siteLayers = new Set(known.map((s) => s.layerId));
  return layers
    .filter((l) => siteLayers.has(l.id))
    .flatMap((layer) =>
      layer.data.features.map((feature, index): RestorationSite => {
        const name: unknown = feature.properties?.name;
        return byKey.get(`${layer.id}:${index}`) ?? { layerId: layer.id, index, name: typeof name === 'string' && name.trim() ? name.trim() : `#${index + 1}`, county: countyOf(feature), planned_mu: null, restored_mu: null, ratio: null };
      }),
    );
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** The pack's own figures (a site's `restored_area_mu` with its `year`) as dated figures. */
export function packFigures(sites: readonly RestorationSite[]): DatedFigure[] {
  return sites
    .filter((s) => s.restored_mu !== null && s.year !== undefined)
    .map((s) => ({ site: s.name, date: String(s.year), restored_mu: s.restored_mu!, author: null }));
}

/** Every year that has a figure, ascending. */
export function figureYears(figures: readonly DatedFigure[]): number[] {
  return [...new Set(figures.map((f) => yearOf(f.date)))].sort((a, b) => a - b);
}

/** Figures of one site, oldest first (a year-only date sorts before the dates of that year). */
export function siteFigures(figures: readonly DatedFigure[], site: string): DatedFigure[] {
  return figures.filter((f) => f.site === site).sort((a, b) => a.date.localeCompare(b.date));
}

/** Progress per site, county and city as of the end of `year`. */
export function progressAsOf(sites: readonly RestorationSite[], figures: readonly DatedFigure[], year: number): ProgressAsOf {
  const rows: SiteAsOf[] = sites.map((site) => {
    const latest = siteFigures(figures, site.name)
      .filter((f) => yearOf(f.date) <= year)
      .at(-1);
    return { name: site.name, county: site.county, planned_mu: site.planned_mu, restored_mu: latest?.restored_mu ?? null, date: latest?.date ?? null };
  });
  const counties = new Map<string, TotalAsOf>();
  const city: TotalAsOf = { name: '', planned_mu: 0, restored_mu: 0 };
  for (const row of rows) {
    const key = row.county || '—';
    const total = counties.get(key) ?? { name: key, planned_mu: 0, restored_mu: 0 };
    total.planned_mu += row.planned_mu ?? 0;
    total.restored_mu += row.restored_mu ?? 0;
    counties.set(key, total);
    city.planned_mu += row.planned_mu ?? 0;
    city.restored_mu += row.restored_mu ?? 0;
  }
  return { year, sites: rows, counties: [...counties.values()], city };
}

/** Total restored (city, or one county's sites) at the end of each year that has a figure. */
export function seriesByYear(sites: readonly RestorationSite[], figures: readonly DatedFigure[], county?: string): { year: number; restored_mu: number }[] {
  return figureYears(figures).map((year) => {
    const asOf = progressAsOf(sites, figures, year);
    const rows = county === undefined ? asOf.sites : asOf.sites.filter((s) => (s.county || '—') === county);
    return { year, restored_mu: rows.reduce((sum, s) => sum + (s.restored_mu ?? 0), 0) };
  });
}
