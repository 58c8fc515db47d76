import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { LABEL_MAX_CHARS, labelField } from './style.ts';

/** MapLibre's own expression evaluator, on one feature's properties. */
function labelOf(properties: Record<string, unknown>, lang: 'zh' | 'en'): unknown {
  const compiled = createExpression(labelField('name', lang), 'layers[0].layout.text-field');
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  return compiled.value.evaluate({ zoom: 10 }, { type: 'Point', properties } as never);
}

describe('labelField', () => {
  it('cuts a 20,000-character name to LABEL_MAX_CHARS characters and an ellipsis', () => {
    const long = '湿'.repeat(20_000);
    expect(labelOf({ name: long }, 'zh')).toBe(`${'湿'.repeat(LABEL_MAX_CHARS)}…`);
    expect(labelOf({ name: 'x', name_en: 'W'.repeat(20_000) }, 'en')).toBe(`${'W'.repeat(LABEL_MAX_CHARS)}…`);
  });

  it('keeps ordinary names whole, prefers the English twin in English, and draws nothing without a name', () => {
    expect(labelOf({ name: '漳泽湖国家城市湿地公园' }, 'zh')).toBe('漳泽湖国家城市湿地公园');
    expect(labelOf({ name: '潞州区', name_en: 'Luzhou' }, 'en')).toBe('Luzhou');
    expect(labelOf({ name: '潞州区' }, 'en')).toBe('潞州区');
    expect(labelOf({ name: 'a'.repeat(LABEL_MAX_CHARS) }, 'zh')).toBe('a'.repeat(LABEL_MAX_CHARS));
    expect(labelOf({}, 'zh')).toBe('');
  });
});
