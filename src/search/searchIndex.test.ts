import { describe, expect, it } from 'vitest';
import { pinyinOf } from './pinyinOf.ts';
import { buildSearchIndex, searchIndex, type SearchEntry } from './searchIndex.ts';

const COUNTIES = ['潞州区', '上党区', '屯留区', '潞城区', '襄垣县', '平顺县', '黎城县', '壶关县', '长子县', '武乡县', '沁县', '沁源县'];
const entries: SearchEntry<string>[] = [
  ...COUNTIES.map((name) => ({ name, alt: undefined, rank: 0, value: `county:${name}` })),
  { name: '三漳湿地公园', alt: 'Sanzhang Wetland Park', rank: 1, value: 'wetland:三漳' },
  { name: '襄垣县采煤沉陷区', rank: 1, value: 'subsidence:襄垣' },
  { name: '长子县污水处理厂尾水人工湿地净化工程', rank: 1, value: 'wetland:长子' },
  { name: 'Parcel 17', rank: 1, value: 'import:17' },
];

describe('searchIndex', async () => {
  const index = await buildSearchIndex(entries, pinyinOf);
  const values = (q: string) => searchIndex(index, q).map((e) => e.value);

  it('finds by pinyin initials and full pinyin, in context (长子 = zhangzi)', () => {
    expect(values('xyx')).toEqual(['county:襄垣县', 'subsidence:襄垣']);
    expect(values('zhangzi')[0]).toBe('county:长子县');
    // 长 of 长子 is zhang; only 厂 (chang) of the treatment plant matches.
    expect(values('chang')).toEqual(['wetland:长子']);
    expect(values('qinyuan')).toEqual(['county:沁源县']);
    expect(values('QYX')).toEqual(['county:沁源县']);
  });

  it('finds by characters, counties before features, prefixes before the middle', () => {
    expect(values('襄垣')).toEqual(['county:襄垣县', 'subsidence:襄垣']);
    expect(values('湿地')).toEqual(['wetland:三漳', 'wetland:长子']);
    expect(values('沁')).toEqual(['county:沁县', 'county:沁源县']);
  });

  it('finds by the English name and plain Latin names, ignoring case and spaces', () => {
    expect(values('sanzhang')).toEqual(['wetland:三漳']);
    expect(values('parcel17')).toEqual(['import:17']);
    expect(values('  ')).toEqual([]);
  });

  it('keeps the shortest names of a large match set, up to the limit', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ name: `地块${'甲'.repeat(i % 7)}${i}`, rank: 1, value: i }));
    const big = await buildSearchIndex(many, pinyinOf);
    const found = searchIndex(big, 'dk', 5);
    // 地块0 and 地块7 (3 characters), then 地块甲1, 地块甲8, 地块14 (4).
    expect(found.map((e) => e.value)).toEqual([0, 7, 1, 8, 14]);
  });
});
