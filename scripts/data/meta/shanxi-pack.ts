/** Manifest of the second pack, `data/shanxi/` (loaded with `?pack=shanxi`). */
import type { PackLayer, PackManifest } from '../../../src/pack/types.ts';
import { ATTRIBUTION_ECHARTS, ATTRIBUTION_GMT, ATTRIBUTION_SCHEMATIC, LAYER_COUNTIES } from './packs.ts';

export const SHANXI_LAYER_COUNTIES: PackLayer = {
  ...LAYER_COUNTIES,
  title: { zh: '县级行政区', en: 'Counties' },
  legend: {
    zh: '全省 11 市 116 个县级单元 (echarts 地图数据, 已转 WGS84; 已按 2018、2019 年区划调整; 大同市平城区与云冈区界线源数据未有, 合为一个单元)',
    en: 'All 11 cities, 116 county-level units (echarts map data in WGS84; 2018/2019 reforms applied; Datong’s Pingcheng and Yungang are one unit, their border is not in the source)',
  },
};

export const SHANXI_LAYER_SPRINGS: PackLayer = {
  id: 'springs',
  drawOrder: 30,
  file: 'springs.geojson',
  title: { zh: '岩溶大泉泉域', en: 'Karst spring domains' },
  geometry: 'polygon',
  style: { color: '#1f9e98', outline: '#137a75', fillOpacity: 0.16, lineWidth: 1.2, label: 'name' },
  legend: {
    zh: '新闻报道点名的泉域 (示意范围, 非法定边界)',
    en: 'Spring domains named in the news reports (schematic extents, not the legal boundaries)',
  },
};

export function shanxiManifest(bounds: [number, number, number, number], layers: PackLayer[] = [SHANXI_LAYER_COUNTIES]): PackManifest {
  return {
    id: 'shanxi',
    name: { zh: '山西省', en: 'Shanxi' },
    adcode: '140000',
    bounds,
    attribution: [ATTRIBUTION_ECHARTS, ATTRIBUTION_GMT, ATTRIBUTION_SCHEMATIC],
    context: [{ id: 'province', file: 'shanxi-outline.geojson', title: { zh: '山西省界', en: 'Shanxi province outline' } }],
    layers,
  };
}
