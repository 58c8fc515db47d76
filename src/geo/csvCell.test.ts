import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../import/formats/csv.ts';
import { csvCell } from './csvCell.ts';

describe('csvCell', () => {
  it('writes text a spreadsheet would run as a formula as text, and reads back to the same text plus one apostrophe', () => {
    const hostile = ['=HYPERLINK("http://evil.example/","点我")', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '＝1+1', '＠SUM(A1)'];
    const line = hostile.map(csvCell).join(',');
    const [cells] = parseCsvRows(line, ',', 10);
    expect(cells).toEqual(hostile.map((text) => `'${text}`));
  });

  it('leaves ordinary text and numbers (negative ones too) as they are, quoting only what needs it', () => {
    expect(csvCell('潞州区')).toBe('潞州区');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
  });
});
