import { describe, expect, it } from 'vitest';
import { KNOWN_MESSAGE_CODES, formatImportMessage, importMessageText } from './messages.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('import messages', () => {
  it.each(KNOWN_MESSAGE_CODES)('%s has a Chinese and an English sentence', (code) => {
    const { zh, en } = importMessageText({ code, params: {} });
    expect(zh.length).toBeGreaterThan(8);
    expect(CJK.test(zh)).toBe(true);
    expect(en.length).toBeGreaterThan(15);
    // English may quote Chinese column names (经度/纬度) but is otherwise English.
    expect(CJK.test(en.replace(/经度|纬度/g, ''))).toBe(false);
    expect(zh).not.toMatch(/undefined|\[object/);
    expect(en).not.toMatch(/undefined|\[object/);
  });

  it('puts the parameters in and gives CLI advice on the CLI', () => {
    const m = { code: 'crs-needs-confirmation' as const, params: { layer: '沉陷区', candidates: 'EPSG:4547, EPSG:4546' } };
    expect(formatImportMessage(m, 'en', 'cli')).toContain('--from-crs');
    expect(formatImportMessage(m, 'en', 'ui')).not.toContain('--from-crs');
    expect(formatImportMessage(m, 'zh', 'ui')).toContain('EPSG:4547, EPSG:4546');
    expect(formatImportMessage({ code: 'file-too-large', params: { name: 'a.zip', sizeMB: 250, limitMB: 200 } }, 'zh')).toBe(
      '文件 a.zip 有 250 MB，超过 200 MB 的上限。请裁剪或拆分后再导入。',
    );
  });

  it('renders a code it does not know without failing', () => {
    expect(formatImportMessage({ code: 'nope' as never }, 'en')).toBe('Import problem (nope).');
  });

  it('is one line', () => {
    for (const code of KNOWN_MESSAGE_CODES) expect(formatImportMessage({ code, params: { detail: 'a\nb' } }, 'en')).not.toContain('\n');
  });

  it('keeps English library text out of every Chinese message, and names the file', () => {
    for (const code of KNOWN_MESSAGE_CODES) {
      const zh = formatImportMessage({ code, params: { detail: 'end of archive not found (file truncated?)', file: '规划.zip' } }, 'zh');
      expect(zh, code).not.toContain('archive');
      expect(zh, code).toContain('规划');
      expect(formatImportMessage({ code, params: { detail: 'end of archive not found', file: '规划.zip' } }, 'en'), code).toContain('规划');
    }
  });
});
