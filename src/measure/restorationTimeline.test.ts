import { describe, expect, it } from 'vitest';
import type { RestorationSite } from './restorationProgress.ts';
import { figureYears, packFigures, timelineSites, progressAsOf, seriesByYear, type DatedFigure } from './restorationTimeline.ts';

const site = (name: string, county: string, planned_mu: number | null, restored_mu: number | null = null, year?: number): RestorationSite => ({
  layerId: 'subsidence',
  index: 0,
  name,
  county,
  planned_mu,
  restored_mu,
  ratio: null,
  ...(year !== undefined ? { year } : {}),
});

const sites = [site('北张村', '上党区', 602, 180, 2024), site('五阳煤矿', '襄垣县', null), site('漳泽湖西岸', '潞州区、长子县', null)];
const team: DatedFigure[] = [
  { site: '五阳煤矿', date: '2026-06-30', restored_mu: 40, author: 'xy' },
  { site: '五阳煤矿', date: '2027-03-01', restored_mu: 95.5, author: 'xy' },
  { site: '北张村', date: '2026-11-02', restored_mu: 300, author: 'ed' },
];

describe('restoration progress over time', () => {
  const figures = [...packFigures(sites), ...team];

  it('takes the pack’s own dated figure as a reading of its year', () => {
    expect(packFigures(sites)).toEqual([{ site: '北张村', date: '2024', restored_mu: 180, author: null }]);
    expect(figureYears(figures)).toEqual([2024, 2026, 2027]);
  });

  it('uses each site’s latest reading by the end of the year, never adding two readings of one site', () => {
    const in2026 = progressAsOf(sites, figures, 2026);
    expect(in2026.sites.map((s) => [s.name, s.restored_mu, s.date])).toEqual([
      ['北张村', 300, '2026-11-02'],
      ['五阳煤矿', 40, '2026-06-30'],
      ['漳泽湖西岸', null, null],
    ]);
    expect(in2026.city).toEqual({ name: '', planned_mu: 602, restored_mu: 340 });
    expect(progressAsOf(sites, figures, 2025).city.restored_mu).toBe(180);
    expect(progressAsOf(sites, figures, 2027).counties).toEqual([
      { name: '上党区', planned_mu: 602, restored_mu: 300 },
      { name: '襄垣县', planned_mu: 0, restored_mu: 95.5 },
      { name: '潞州区、长子县', planned_mu: 0, restored_mu: 0 },
    ]);
  });

  it('gives one total per year with a figure, for the city or one county', () => {
    expect(seriesByYear(sites, figures)).toEqual([
      { year: 2024, restored_mu: 180 },
      { year: 2026, restored_mu: 340 },
      { year: 2027, restored_mu: 395.5 },
    ]);
    expect(seriesByYear(sites, figures, '襄垣县').map((p) => p.restored_mu)).toEqual([0, 40, 95.5]);
  });

  it('takes every feature of a layer that states figures for some sites as a site', () => {
    const layer = {
      id: 'subsidence',
      data: {
        type: 'FeatureCollection' as const,
        features: [
          { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [113, 36] }, properties: { name: '北张村', county: '上党区', plan_area_mu: 602 } },
          { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [113, 36] }, properties: { name: '漳泽湖西岸', counties: '潞州区、长子县' } },
        ],
      },
    };
    const other = { id: 'lakes', data: { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [113, 36] }, properties: { name: '漳泽湖' } }] } };
    const known = [{ ...site('北张村', '上党区', 602), index: 0 }];
    expect(timelineSites([layer, other], known).map((s) => [s.name, s.county, s.planned_mu])).toEqual([
      ['北张村', '上党区', 602],
      ['漳泽湖西岸', '潞州区、长子县', null],
    ]);
  });
});
