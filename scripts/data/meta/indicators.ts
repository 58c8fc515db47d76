/**
 * The plan's indicator table (规划指标体系, seed 002, after 二(三) 主要目标) as pack data:
 * written to data/changzhi/indicators.json and named in the manifest. Rows, 2020 values, 2025
 * targets and binding/expected are the plan's own words; `actuals` only where a dated public
 * source gives a value (with that source). The issue spoke of 28 indicators; the plan's table
 * numbers 29 (1–29), all carried here.
 */
import type { IndicatorActual, PlanIndicator, PlanIndicatorTable } from '../../../src/pack/types.ts';
import { PLAN_2022 } from './packs.ts';

const CAT = {
  ecology: { zh: '生态保护', en: 'Ecological protection' },
  environment: { zh: '环境质量', en: 'Environmental quality' },
  economy: { zh: '生态经济', en: 'Ecological economy' },
};
const QUOTA = { zh: '完成省下达指标', en: 'meet the provincial quota' };
const SAME = (s: string) => ({ zh: s, en: s });

const CZRB_2019 = '长治日报, 2019-01-05, 《长治水质优良率居全省第一》 (转载)';
const SDWB_2020 = '上党晚报, 2020-04, 《长治市地表水环境质量优于全国平均水平》 (转载)';
const CZRB_2025 = '长治日报, 2025-03-05 (题名未见, 记者贾志敏, 转载)';

type Row = [no: number, cat: keyof typeof CAT, zh: string, en: string, unit: string, baseline: string | null, target: { zh: string; en: string }, binding: boolean];

const ROWS: Row[] = [
  [1, 'ecology', '生态保护红线占国土面积比例', 'Ecological red line, share of the land area', '%', null, { zh: '不降低', en: 'not lower' }, true],
  [2, 'ecology', '森林覆盖率', 'Forest cover', '%', '26.85', QUOTA, true],
  [3, 'ecology', '森林草原火灾受害控制率', 'Forest and grassland fire damage rate', '%', null, SAME('≤0.5'), false],
  [4, 'ecology', '森林草原有害生物成灾控制率', 'Forest and grassland pest disaster rate', '%', null, SAME('≤3'), false],
  [5, 'ecology', '全市水土保持率', 'Soil and water conservation rate (city)', '%', null, SAME('≥65'), true],
  [6, 'ecology', '生态质量指数', 'Ecological quality index', '/', null, { zh: '稳中向好', en: 'stable or better' }, false],
  [7, 'environment', '市区空气质量优良天数比例', 'Share of days with good air (city area)', '%', '74.3', { zh: '稳定达到75.4%以上', en: 'steadily ≥ 75.4 %' }, true],
  [8, 'environment', '市区细颗粒物(PM2.5)浓度', 'PM2.5 concentration (city area)', 'μg/m³', '44', SAME('35'), true],
  [9, 'environment', '地表水国省考监测断面达到或优于Ⅲ类水体比例', 'National and provincial surface-water sections at class III or better', '%', '88.24 (17个断面)', { zh: '87.5 (24个断面)', en: '87.5 (24 sections)' }, true],
  [10, 'environment', '地表水劣V类水体比例', 'Surface water worse than class V', '%', '0', SAME('0'), true],
  [11, 'environment', '县级及以上城市建成区黑臭水体比例', 'Black and malodorous water in built-up areas (county level and above)', '%', null, SAME('0'), false],
  [12, 'environment', '县级及以上集中式饮用水水源地水质达到或优于Ⅲ类比例', 'Centralised drinking-water sources at class III or better (county level and above)', '%', '92.3', { zh: '保持稳定', en: 'keep stable' }, false],
  [13, 'environment', '受污染耕地安全利用率', 'Safe use of polluted farmland', '%', '100', SAME('100'), true],
  [14, 'environment', '重点建设用地安全利用', 'Safe use of key construction land', '%', null, { zh: '有效保障', en: 'effectively ensured' }, true],
  [15, 'environment', '地下水国控区域点位V类水比例', 'National groundwater points at class V', '%', null, SAME('0'), false],
  [16, 'environment', '农村生活污水治理率', 'Rural domestic sewage treatment rate', '%', null, SAME('≥25'), false],
  [17, 'environment', '化学需氧量排放总量减少', 'Reduction of total COD emissions', '%', '15.58', QUOTA, true],
  [18, 'environment', '氨氮排放总量减少', 'Reduction of total ammonia-nitrogen emissions', '%', '18.80', QUOTA, true],
  [19, 'environment', '氮氧化物排放总量减少', 'Reduction of total NOx emissions', '%', '29.74', QUOTA, true],
  [20, 'environment', '二氧化硫排放总量减少', 'Reduction of total SO₂ emissions', '%', '31.86', QUOTA, true],
  [21, 'environment', '挥发性有机物排放总量减少', 'Reduction of total VOC emissions', '%', null, QUOTA, true],
  [22, 'environment', '工业危险废弃物利用处置率', 'Use and disposal rate of industrial hazardous waste', '%', '100', SAME('100'), true],
  [23, 'environment', '县级以上医疗废物无害化处置率', 'Harmless disposal of medical waste (above county level)', '%', null, SAME('100'), true],
  [24, 'economy', '单位地区生产总值二氧化碳排放降低', 'Reduction of CO₂ emissions per unit of GDP', '%', null, QUOTA, true],
  [25, 'economy', '单位地区生产总值能源消耗降低', 'Reduction of energy use per unit of GDP', '%', null, QUOTA, true],
  [26, 'economy', '非化石能源占能源消费总量比例', 'Non-fossil share of energy use', '%', null, QUOTA, false],
  [27, 'economy', '万元地区生产总值用水量下降率', 'Reduction of water use per 10,000 yuan of GDP', '%', null, SAME('≥15'), true],
  [28, 'economy', '全市用水总量', 'Total water use (city)', '亿m³', '6.71', QUOTA, true],
  [29, 'economy', '灌溉水有效利用系数', 'Effective use coefficient of irrigation water', '/', null, SAME('≥0.58'), true],
];

/** Dated values a public source gives for an indicator (none invented, none derived). */
const ACTUALS: Record<number, IndicatorActual[]> = {
  9: [
    {
      year: 2018,
      value: { zh: '88.24 (17个断面中15个优良, 1—11月)', en: '88.24 (15 of 17 sections good, January–November)' },
      source: `${CZRB_2019}: 去年1—11月份, 长治市17个国、省考核断面中, 水质优良(Ⅲ类以上)断面15个, 优良率88.24%`,
    },
    {
      year: 2019,
      value: { zh: '76.47 (17个国省控断面中13个优良)', en: '76.47 (13 of 17 national and provincial sections good)' },
      source: `${SDWB_2020}: 2019年, 长治市17个国省控断面中优良断面达13个, 优良比例为76.47%`,
    },
    {
      year: 2024,
      value: { zh: '100 (10个国控断面, 口径不同于24个国省考断面)', en: '100 (the 10 national sections only, not the 24 national and provincial ones)' },
      source: `${CZRB_2025}: 2024年, 我市纳入国家考核的10个国控断面水环境质量优良率达100%`,
    },
  ],
  10: [
    { year: 2019, value: { zh: '0 (无劣Ⅴ类水质断面)', en: '0 (no section worse than class V)' }, source: `${SDWB_2020}: 无劣Ⅴ类水质断面` },
    { year: 2024, value: { zh: '0 (无劣Ⅴ类水体)', en: '0 (no water worse than class V)' }, source: `${CZRB_2025}: 无劣Ⅴ类水体` },
  ],
};

export function changzhiIndicators(): PlanIndicatorTable {
  return {
    title: { zh: '规划指标体系 (2020年现状 → 2025年目标)', en: 'Plan indicators (2020 status → 2025 target)' },
    source: `${PLAN_2022.slice(0, -1)} 二(三) 规划指标体系)`,
    indicators: ROWS.map(([no, cat, zh, en, unit, baseline, target, binding]): PlanIndicator => ({
      no,
      category: CAT[cat],
      name: { zh, en },
      unit,
      baseline_2020: baseline,
      target_2025: target,
      binding,
      ...(ACTUALS[no] ? { actuals: ACTUALS[no] } : {}),
    })),
  };
}
