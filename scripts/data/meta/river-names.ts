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

const ZHANG_SOURCE =
  'Natural Earth 10m rivers "Zhang" (public domain); 《漳河在哪里?》 (南源出长子发鸠山, 西源出沁县, 北源出榆社, 三源在襄垣汇合, 经黎城, 自平顺出境) https://995866.com/jindailishi/fi6v21azwn.html';

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
    nameSource:
      `${ZHANG_SOURCE}; 漳泽水库 "位于长治市北郊浊漳河南源干流上" https://www.maigoo.com/citiao/118275.html`,
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
    nameSource:
      'Natural Earth 10m rivers "Qin" (public domain); 沁源县沁河源头 (沁河发源于沁源县王陶乡河底村, 由小南川出县境) http://qixingquan.com/article-36992-1.html',
    plan_ref: PLAN_COLUMN_1,
  },
];

/** The level-2 浊漳河 chain is split where 浊漳河南源 joins it (襄垣县合河口). */
export const JUNCTION_SPLIT = {
  chain: '浊漳河',
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
