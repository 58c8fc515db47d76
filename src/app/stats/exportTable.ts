/**
 * The county table as CSV (UTF-8 with BOM, so Excel opens Chinese correctly); `tableXlsx.ts` writes
 * the same cells as a workbook. Both hold exactly the numbers the on-screen table shows.
 */
import { csvCell } from '../../geo/csvCell.ts';
import type { Lang } from '../../i18n/index.ts';
import { cellNumber, columnTitle, type CountyTable, type Metric, type TableUnit } from './countyTable.ts';

export interface TableTexts {
  county: string;
  total: string;
  metrics: Record<Metric | 'county', string>;
  /** A closing line explaining estimates and sources. */
  note: string;
}

/** Header row plus one row per county and the totals row, as cells (strings and numbers). */
export function tableCells(table: CountyTable, unit: TableUnit, lang: Lang, texts: TableTexts): (string | number)[][] {
  const header = [texts.county, ...table.columns.map((c) => columnTitle(c, unit, lang, texts.metrics) + (c.estimate ? (lang === 'zh' ? ' [估算]' : ' [estimate]') : ''))];
  const row = (name: string, values: Record<string, number>) => [name, ...table.columns.map((c) => cellNumber(c, values[c.key] ?? 0, unit).value)];
  return [header, ...table.rows.map((r) => row(lang === 'en' ? r.nameEn : r.name, r.values)), row(texts.total, table.totals)];
}

export function tableCsv(table: CountyTable, unit: TableUnit, lang: Lang, texts: TableTexts): string {
  const lines = tableCells(table, unit, lang, texts).map((cells) => cells.map(csvCell).join(','));
  lines.push('', csvCell(texts.note));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

