import { describe, expect, it } from 'vitest';
import { decodeText, descriptionText, normalizeEncodingLabel } from './text.ts';
import { fixtureBytes } from './testSupport.ts';

describe('decodeText', () => {
  it('uses a BOM, then the declaration, then UTF-8, then GBK (saying it guessed)', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'utf-8', guessed: false });
    expect(decodeText(new TextEncoder().encode('经度'))).toEqual({ text: '经度', encoding: 'utf-8', guessed: false });
    const gbk = new Uint8Array([0xbe, 0xad, 0xb6, 0xc8]); // 经度 in GBK
    expect(decodeText(gbk)).toEqual({ text: '经度', encoding: 'gb18030', guessed: true });
    expect(decodeText(gbk, 'CP936')).toEqual({ text: '经度', encoding: 'gbk', guessed: false });
  });

  it('decodes the GBK CSV fixture written by iconv', () => {
    expect(decodeText(fixtureBytes('csv/points-jingwei-gbk.csv')).text.split('\n')[0]).toBe('经度,纬度,名称,类型,编号');
  });

  it('maps .cpg and code-page names', () => {
    expect(normalizeEncodingLabel('CP936')).toBe('gbk');
    expect(normalizeEncodingLabel('ANSI 936')).toBe('gbk');
    expect(normalizeEncodingLabel('936')).toBe('gbk');
    expect(normalizeEncodingLabel('GB2312')).toBe('gbk');
    expect(normalizeEncodingLabel('65001')).toBe('utf-8');
    expect(normalizeEncodingLabel('UTF-8')).toBe('utf-8');
    expect(normalizeEncodingLabel('1252')).toBe('windows-1252');
    expect(normalizeEncodingLabel('no such')).toBeUndefined();
  });
});

describe('descriptionText', () => {
  it('keeps the text and drops markup, scripts and handlers', () => {
    const html = '<img src="x" onerror="alert(1)"><script>alert(2)</script><p>湿地 &amp; 河流</p><br/>面积&nbsp;<b>1.2</b>&#32;km&#178;<style>p{}</style>';
    expect(descriptionText(html)).toBe('湿地 & 河流\n面积 1.2 km²');
  });

  it('handles unterminated tags and comments', () => {
    expect(descriptionText('a<!-- hidden')).toBe('a');
    expect(descriptionText('a<script>alert(1)')).toBe('a');
    expect(descriptionText('a <b')).toBe('a');
    expect(descriptionText('1 &lt; 2')).toBe('1 < 2');
    expect(descriptionText('')).toBe('');
  });
});
