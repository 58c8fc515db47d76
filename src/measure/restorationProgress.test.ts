import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { PlanFigure } from '../pack/types.ts';
import { restorationProgress } from './restorationProgress.ts';
import { changzhiPack } from './testing/changzhiPack.ts';

describe('restorationProgress with the Changzhi pack', () => {
  const { manifest, layers } = changzhiPack();
  const progress = restorationProgress(layers, manifest.plan_figures);

  // Independent reference: the published figures (seed 001, 长治日报 2025-01): 雄山五矿 treats
  // 602 亩 at 北张村、须村、朔村 in 上党区, 180 亩 of it finished in 2024; the city must restore
  // 70,897.71 亩 of subsidence in 9 coal counties within 4 years.
  it('finds the one site with published figures: 602 亩 planned, 180 亩 restored, in 上党区', () => {
    expect(progress.sites).toHaveLength(1);
    const [site] = progress.sites;
    expect(site.layerId).toBe('subsidence');
    expect(site.county).toBe('上党区');
    expect(site.planned_mu).toBe(602);
    expect(site.restored_mu).toBe(180);
    expect(site.ratio).toBeCloseTo(180 / 602, 12);
    expect(progress.issues).toEqual([]);
  });

  it('sums per county and overall', () => {
    expect(progress.counties).toEqual([{ county: '上党区', planned_mu: 602, restored_mu: 180, ratio: 180 / 602, sites: 1 }]);
    expect(progress.totals).toEqual({ planned_mu: 602, restored_mu: 180, ratio: 180 / 602, sites: 1 });
  });

  it('puts the city-wide target of 70,897.71 亩 over 4 years beside the known sites, as a share', () => {
    expect(progress.targets).toHaveLength(1);
    const [target] = progress.targets;
    expect(target.figureId).toBe('subsidence_total');
    expect(target.value_mu).toBe(70897.71);
    expect(target.years).toBe(4);
    expect(target.knownPlannedShare).toBeCloseTo(602 / 70897.71, 12);
    expect(target.knownRestoredShare).toBeCloseTo(180 / 70897.71, 12);
    // Counts, t/day and km² figures of other layers are not restoration targets.
    expect(progress.targets.map((t) => t.figureId)).not.toContain('coal_mines');
  });
});

describe('restorationProgress with other data', () => {
  const site = (properties: Record<string, unknown>) => ({ type: 'Feature' as const, properties, geometry: { type: 'Point' as const, coordinates: [113, 36] } });
  const layer = (features: ReturnType<typeof site>[]): { id: string; title: { zh: string; en: string }; data: FeatureCollection } => ({
    id: 'mines',
    title: { zh: '矿山', en: 'Mines' },
    data: { type: 'FeatureCollection', features },
  });

  it('groups sites by county, splits a list of counties into one label, and keeps unknown values unknown', () => {
    const p = restorationProgress([
      layer([
        site({ name: 'A', county: '长子县', plan_area_mu: 100, restored_area_mu: 25 }),
        site({ name: 'B', counties: '潞州区、长子县', plan_area_mu: 50 }),
        site({ name: 'C', county: '长子县', plan_area_mu: 300, restored_area_mu: 300 }),
        site({ name: 'D', county: '沁县' }),
      ]),
    ]);
    expect(p.sites.map((s) => s.name)).toEqual(['A', 'B', 'C']);
    expect(p.sites[1]).toMatchObject({ county: '潞州区、长子县', planned_mu: 50, restored_mu: null, ratio: null });
    expect(p.counties).toEqual([
      { county: '长子县', planned_mu: 400, restored_mu: 325, ratio: 325 / 400, sites: 2 },
      { county: '潞州区、长子县', planned_mu: 50, restored_mu: 0, ratio: null, sites: 1 },
    ]);
    // The overall ratio uses only sites that state both figures, not B's unknown progress.
    expect(p.totals).toEqual({ planned_mu: 450, restored_mu: 325, ratio: 325 / 400, sites: 3 });
  });

  it('reports unusable values instead of counting them', () => {
    const p = restorationProgress([
      layer([
        site({ name: 'text', plan_area_mu: '602亩', restored_area_mu: 10 }),
        site({ name: 'negative', plan_area_mu: -5 }),
        site({ name: 'too much', plan_area_mu: 10, restored_area_mu: 12 }),
      ]),
    ]);
    expect(p.issues.map((i) => [i.name, i.property, i.problem])).toEqual([
      ['text', 'plan_area_mu', 'not-a-number'],
      ['negative', 'plan_area_mu', 'negative'],
      ['too much', 'restored_area_mu', 'restored-exceeds-plan'],
    ]);
    expect(p.sites[0].planned_mu).toBeNull();
    expect(p.sites[1].planned_mu).toBeNull();
  });

  it('converts a target given in hectares or km² to 亩 (1 ha = 15 亩, 1 km² = 1,500 亩)', () => {
    const figures: PlanFigure[] = [
      { id: 'ha', layer: 'mines', label: { zh: '', en: '' }, value: 100, unit: 'ha', source: 's' },
      { id: 'km2', layer: 'mines', label: { zh: '', en: '' }, value: 2, unit: 'km2', source: 's' },
      { id: 'other-layer', layer: 'wetlands', label: { zh: '', en: '' }, value: 5, unit: 'mu', source: 's' },
    ];
    const p = restorationProgress([layer([site({ name: 'A', plan_area_mu: 150 })])], figures);
    expect(p.targets.map((t) => [t.figureId, t.value_mu])).toEqual([
      ['ha', 1500],
      ['km2', 3000],
    ]);
    expect(p.targets[0].knownPlannedShare).toBeCloseTo(0.1, 12);
  });
});
