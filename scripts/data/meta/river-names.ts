/**
 * Names for the GSHHG/WDBII river lines. WDBII has no names; a reach is the clipped chain of the
 * given level that passes within `maxAnchorDistanceDeg` of every anchor place. Anchors are places
 * the written sources put on the river; positions are approximate (≈ 1–3 km), which is enough to
 * tell the three GSHHG rivers of Changzhi apart.
 */
import type { Position } from 'geojson';

export interface ReachMeta {
  name: string;
  name_en: string;
  basin: string;
  level: number;
  order: number;
  anchors: { place: string; at: Position }[];
  maxAnchorDistanceDeg: number;
  nameSource: string;
  plan_ref?: string;
}

const PLAN_COLUMN_1 = '长政发〔2022〕56号 一(三) 专栏1';
const PLAN_WATER = '长政发〔2022〕56号 四(一)、专栏3';

/** Why a WDBII chain carries a name (guidance, not a citation: the line itself is GSHHG's). */
const ZHANG_SOURCE =
  'Natural Earth 10m rivers "Zhang" (public domain) follows this chain; the plan (长政发〔2022〕56号 一(三)) names 浊漳河 with its 南源、北源、西源 and 干流';

export const GSHHG_REACHES: ReachMeta[] = [
  {
    name: '浊漳河',
    name_en: 'Zhuozhang River',
    basin: '海河流域',
    level: 2,
    order: 0,
    anchors: [
      { place: '武乡县 (北源经武乡)', at: [112.93, 36.8] },
      { place: '黎城县 上遥镇—程家山镇 (浊漳河经黎城)', at: [113.33, 36.45] },
    ],
    maxAnchorDistanceDeg: 0.05,
    nameSource: ZHANG_SOURCE,
  },
  {
    name: '浊漳河南源',
    name_en: 'Zhuozhang River, south source',
    basin: '海河流域',
    level: 3,
    order: 2,
    anchors: [
      { place: '漳泽水库 (位于浊漳河南源干流上)', at: [113.03, 36.22] },
      { place: '长子县 (南源发源于长子县发鸠山)', at: [112.75, 36.1] },
    ],
    maxAnchorDistanceDeg: 0.05,
    nameSource: `${ZHANG_SOURCE}; the chain runs through 漳泽水库, which the plan puts on 浊漳河南源 (四(二) 漳泽湖生态修复)`,
    plan_ref: PLAN_WATER,
  },
  {
    name: '沁河',
    name_en: 'Qin River',
    basin: '黄河流域',
    level: 2,
    order: 5,
    anchors: [{ place: '沁源县城 (沁河穿城)', at: [112.34, 36.5] }],
    maxAnchorDistanceDeg: 0.04,
    nameSource: 'Natural Earth 10m rivers "Qin" (public domain) follows this chain through the 沁源 county seat; the plan (一(三) 专栏1) names 沁河 as the main Yellow River tributary in Changzhi',
    plan_ref: PLAN_COLUMN_1,
  },
];

/** The level-2 浊漳河 chain is split where 浊漳河南源 joins it (襄垣县合河口). */
export const JUNCTION_SPLIT = {
  chain: '浊漳河',
  /** The sources put the junction (合河口) in 襄垣县 (README "rivers"). */
  county: '襄垣县',
  tributary: '浊漳河南源',
  upstream: {
    ...GSHHG_REACHES[0],
    name: '浊漳河北源',
    name_en: 'Zhuozhang River, north source',
    order: 1,
    plan_ref: PLAN_WATER,
  } satisfies ReachMeta,
  downstream: {
    ...GSHHG_REACHES[0],
    name: '浊漳河干流',
    name_en: 'Zhuozhang River, main stem',
    order: 4,
    plan_ref: PLAN_WATER,
  } satisfies ReachMeta,
};
