/**
 * Restoration progress: for every feature that states a planned area (`plan_area_mu`) and/or an
 * area already restored (`restored_area_mu`), planned vs restored 亩 per site and per county, and
 * the plan's region-wide target (a `plan_figures` entry in 亩 for the same layer) beside the sum
 * of the sites we know. The sites named in published texts are only part of the target, so the
 * result carries that share explicitly for the UI to label as partial.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { SQUARE_METRES_PER_MU } from '../geo/units.ts';
import type { LocalText, PlanFigure } from '../pack/types.ts';

export interface ProgressSourceLayer {
  id: string;
  title: LocalText;
  data: FeatureCollection;
}

/** A value in a site's attributes that is unusable (text, negative: left out) or questionable (restored > planned: kept as stated, and flagged). */
export interface ProgressIssue {
  layerId: string;
  index: number;
  name: string;
  property: 'plan_area_mu' | 'restored_area_mu';
  problem: 'not-a-number' | 'negative' | 'restored-exceeds-plan';
  value: unknown;
}

export interface RestorationSite {
  layerId: string;
  index: number;
  name: string;
  name_en?: string;
  /** County label: the `county` attribute, else the `counties` list joined with 、. */
  county: string;
  planned_mu: number | null;
  restored_mu: number | null;
  /** restored / planned, or null if either is unknown or planned is 0. */
  ratio: number | null;
  status?: string;
  year?: number;
}

export interface ProgressTotals {
  planned_mu: number;
  restored_mu: number;
  /** restored / planned over sites that state both, or null if none does. */
  ratio: number | null;
  sites: number;
}

export interface CountyProgress extends ProgressTotals {
  county: string;
}

export interface ProgressTarget {
  figureId: string;
  layerId: string;
  label: LocalText;
  value_mu: number;
  years?: number;
  source: string;
  plan_ref?: string;
  /** Sum of the known sites' planned 亩 in this layer / the target. */
  knownPlannedShare: number;
  /** Sum of the known sites' restored 亩 in this layer / the target. */
  knownRestoredShare: number;
}

export interface RestorationProgress {
  sites: RestorationSite[];
  counties: CountyProgress[];
  totals: ProgressTotals;
  targets: ProgressTarget[];
  issues: ProgressIssue[];
}

const MU_PER_UNIT: Partial<Record<PlanFigure['unit'], number>> = {
  mu: 1,
  ha: 10_000 / SQUARE_METRES_PER_MU,
  km2: 1_000_000 / SQUARE_METRES_PER_MU,
  m2: 1 / SQUARE_METRES_PER_MU,
};

export function restorationProgress(layers: readonly ProgressSourceLayer[], planFigures: readonly PlanFigure[] = []): RestorationProgress {
  const sites: RestorationSite[] = [];
  const issues: ProgressIssue[] = [];
  for (const layer of layers) {
    layer.data.features.forEach((feature, index) => {
      const props = feature?.properties ?? {};
      if (!('plan_area_mu' in props) && !('restored_area_mu' in props)) return;
      const name = textOf(props.name) || `#${index + 1}`;
      const read = (property: ProgressIssue['property']): number | null => {
        if (!(property in props) || props[property] === null) return null;
        const value: unknown = props[property];
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          issues.push({ layerId: layer.id, index, name, property, problem: 'not-a-number', value });
          return null;
        }
        if (value < 0) {
          issues.push({ layerId: layer.id, index, name, property, problem: 'negative', value });
          return null;
        }
        return value;
      };
      const planned = read('plan_area_mu');
      const restored = read('restored_area_mu');
      if (planned !== null && restored !== null && restored > planned) {
        issues.push({ layerId: layer.id, index, name, property: 'restored_area_mu', problem: 'restored-exceeds-plan', value: restored });
      }
      const nameEn = textOf(props.name_en);
      const year = typeof props.year === 'number' ? props.year : undefined;
      sites.push({
        layerId: layer.id,
        index,
        name,
        ...(nameEn ? { name_en: nameEn } : {}),
        county: countyOf(feature),
        planned_mu: planned,
        restored_mu: restored,
        ratio: planned !== null && restored !== null && planned > 0 ? restored / planned : null,
        ...(textOf(props.status) ? { status: textOf(props.status) } : {}),
        ...(year !== undefined ? { year } : {}),
      });
    });
  }

  const byCounty = new Map<string, RestorationSite[]>();
  for (const site of sites) {
    const list = byCounty.get(site.county);
    if (list) list.push(site);
    else byCounty.set(site.county, [site]);
  }
  const counties = [...byCounty].map(([county, list]) => ({ county, ...totalsOf(list) }));

  const targets: ProgressTarget[] = [];
  const siteLayers = new Set(sites.map((s) => s.layerId));
  for (const figure of planFigures) {
    const factor = MU_PER_UNIT[figure.unit];
    if (factor === undefined || !siteLayers.has(figure.layer) || !(figure.value > 0)) continue;
    const value_mu = figure.value * factor;
    const known = totalsOf(sites.filter((s) => s.layerId === figure.layer));
    targets.push({
      figureId: figure.id,
      layerId: figure.layer,
      label: figure.label,
      value_mu,
      ...(figure.years !== undefined ? { years: figure.years } : {}),
      source: figure.source,
      ...(figure.plan_ref ? { plan_ref: figure.plan_ref } : {}),
      knownPlannedShare: known.planned_mu / value_mu,
      knownRestoredShare: known.restored_mu / value_mu,
    });
  }

  return { sites, counties, totals: totalsOf(sites), targets, issues };
}

function totalsOf(sites: readonly RestorationSite[]): ProgressTotals {
  let planned_mu = 0;
  let restored_mu = 0;
  let bothPlanned = 0;
  let bothRestored = 0;
  for (const s of sites) {
    planned_mu += s.planned_mu ?? 0;
    restored_mu += s.restored_mu ?? 0;
    if (s.planned_mu !== null && s.restored_mu !== null) {
      bothPlanned += s.planned_mu;
      bothRestored += s.restored_mu;
    }
  }
  return { planned_mu, restored_mu, ratio: bothPlanned > 0 ? bothRestored / bothPlanned : null, sites: sites.length };
}

/** County label of a feature: the `county` attribute, else the `counties` list joined with 、. */
export function countyOf(feature: Feature): string {
  const props = feature.properties ?? {};
  const single = textOf(props.county);
  if (single) return single;
  const several = textOf(props.counties);
  if (several) return several.split(/[、,，;；\s]+/).filter(Boolean).join('、');
  return '';
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
