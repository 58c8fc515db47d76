// indicator-table messages. zh is the source of truth; en must have the same keys.
export const zh = {
  'indicators.heading': '规划指标',
  'indicators.intro': '{n} 项指标：2020 年现状与 2025 年目标按规划原文；“实际值”只列公开来源给出的带年份数值。',
  'indicators.col.no': '序号',
  'indicators.col.name': '指标',
  'indicators.col.unit': '单位',
  'indicators.col.baseline': '2020 年现状',
  'indicators.col.target': '2025 年目标',
  'indicators.col.kind': '属性',
  'indicators.col.actual': '实际值',
  'indicators.binding': '约束性',
  'indicators.expected': '预期性',
  'indicators.none': '—',
  'indicators.actual': '{year} 年：{value}',
  'indicators.source': '来源：{source}',
};

export const en = {
  'indicators.heading': 'Plan indicators',
  'indicators.intro': '{n} indicators: 2020 status and 2025 target as the plan words them; “actual” lists only dated values a public source gives.',
  'indicators.col.no': 'No.',
  'indicators.col.name': 'Indicator',
  'indicators.col.unit': 'Unit',
  'indicators.col.baseline': '2020 status',
  'indicators.col.target': '2025 target',
  'indicators.col.kind': 'Kind',
  'indicators.col.actual': 'Actual',
  'indicators.binding': 'binding',
  'indicators.expected': 'expected',
  'indicators.none': '—',
  'indicators.actual': '{year}: {value}',
  'indicators.source': 'Source: {source}',
} satisfies Record<keyof typeof zh, string>;
