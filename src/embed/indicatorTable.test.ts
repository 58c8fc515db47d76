import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIndicators } from '../pack/loadPack.ts';
import { citation, indicatorTableText } from './indicatorTable.ts';

const FILE = path.resolve(import.meta.dirname, '../../data/changzhi/indicators.json');
const table = checkIndicators(JSON.parse(readFileSync(FILE, 'utf8')), FILE);

describe('indicatorTableText on the Changzhi pack', () => {
  it('gives one row of six non-empty cells per indicator, with the plan as source', () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = indicatorTableText(table, lang);
      expect(text.head).toHaveLength(6);
      expect(text.rows).toHaveLength(table.indicators.length);
      for (const row of text.rows) {
        expect(row).toHaveLength(6);
        for (const value of row) expect(value.trim()).not.toBe('');
      }
    }
    const zh = indicatorTableText(table, 'zh');
    expect(zh.caption).toBe(table.title.zh);
    expect(zh.head).toEqual(['指标', '2020 年现状', '2025 年目标', '单位', '属性', '最新实际值']);
    expect(zh.source).toMatch(/^来源：长治市人民政府, 2022, 《/);
  });

  it('writes the plan’s values, unit and kind, and "—" where the plan or the sources have nothing', () => {
    const zh = indicatorTableText(table, 'zh').rows;
    expect(zh.find((r) => r[0] === '森林覆盖率')).toEqual(['森林覆盖率', '26.85', '完成省下达指标', '%', '约束性', '—']);
    expect(zh.find((r) => r[0] === '生态质量指数')).toEqual(['生态质量指数', '—', '稳中向好', '—', '预期性', '—']);
    const en = indicatorTableText(table, 'en').rows;
    expect(en.find((r) => r[0] === 'Forest cover')).toEqual(['Forest cover', '26.85', 'meet the provincial quota', '%', 'binding', '—']);
  });

  it('gives the latest dated actual value with its year and cited source, without the quote', () => {
    const row = table.indicators.find((r) => r.actuals && r.actuals.length > 1)!;
    const latest = Math.max(...row.actuals!.map((a) => a.year));
    const en = indicatorTableText(table, 'en').rows.find((r) => r[0] === row.name.en)!;
    expect(en[5].startsWith(`${latest}: `)).toBe(true);
    const water = indicatorTableText(table, 'zh').rows.find((r) => r[0] === '地表水国省考监测断面达到或优于Ⅲ类水体比例')!;
    expect(water[5]).toBe('2024 年：100 (10个国控断面, 口径不同于24个国省考断面)（长治日报, 2025-03-05 (题名未见, 记者贾志敏, 转载)）');
  });
});

describe('citation', () => {
  it('keeps publisher, date and title and drops the quote after ": "', () => {
    expect(citation('上党晚报, 2020-04, 《长治市地表水环境质量优于全国平均水平》 (转载): 无劣Ⅴ类水质断面')).toBe('上党晚报, 2020-04, 《长治市地表水环境质量优于全国平均水平》 (转载)');
    expect(citation('长治市人民政府网, 2025-03-05, 《标题》')).toBe('长治市人民政府网, 2025-03-05, 《标题》');
  });
});
