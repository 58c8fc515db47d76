import type { TableTexts } from '../exportTable.ts';

/** The table's texts as the Chinese UI gives them, for tests that write or compare exports. */
export const TEST_TABLE_TEXTS: TableTexts = {
  county: '县区',
  total: '合计',
  metrics: { county: '面积', area: '面积', share: '占比', length: '长度', count: '数量' },
  estimateMark: ' [≈ 估算]',
  planRow: '规划数字',
  planHeading: '规划与报道中的数字',
  planColumns: { label: '项目', value: '数值', unit: '单位', inTableUnit: '换算', years: '年限', source: '来源' },
  unitText: (u) => ({ mu: '亩', ha: '公顷', km2: '平方公里' })[u as string] ?? u,
  note: '≈ 为示意图形估算\n第二行',
};
