import { describe, expect, it } from 'vitest';
import { sourceParts } from './sourceParts.ts';

describe('sourceParts', () => {
  it('keeps the cited title as text and shows the link decoded', () => {
    const source = '长治国家城市湿地公园, 面积740公顷 (https://www.newton.com.tw/wiki/%E9%95%B7%E6%B2%BB%E5%9C%8B%E5%AE%B6); 《山西一地多个乡级行政区划调整》 https://new.qq.com/omn/20210407/20210407A03NT000.html';
    expect(sourceParts(source)).toEqual([
      { text: '长治国家城市湿地公园, 面积740公顷 (' },
      { href: 'https://www.newton.com.tw/wiki/%E9%95%B7%E6%B2%BB%E5%9C%8B%E5%AE%B6', label: 'www.newton.com.tw/wiki/長治國家' },
      { text: '); 《山西一地多个乡级行政区划调整》 ' },
      { href: 'https://new.qq.com/omn/20210407/20210407A03NT000.html', label: 'new.qq.com/omn/20210407/20210407A03NT000.html' },
    ]);
  });

  it('leaves text without links alone and a malformed escape as written', () => {
    expect(sourceParts('长政发〔2022〕56号')).toEqual([{ text: '长政发〔2022〕56号' }]);
    expect(sourceParts('see http://x.test/%E9%95')).toEqual([{ text: 'see ' }, { href: 'http://x.test/%E9%95', label: 'x.test/%E9%95' }]);
  });
});
