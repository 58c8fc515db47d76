/**
 * The county table as CSV (UTF-8 with BOM, so Excel opens Chinese correctly); `tableXlsx.ts` writes
 * the same cells as a workbook. Both hold every figure the screen shows: the county rows and totals
 * (estimates marked in their column titles), the plan's own figures as a row in the table's unit,
 * and the list of plan and report figures with their sources, then the note on estimates.
 */
import { csvCell } from '../../geo/csvCell.ts';
import type { Lang } from '../../i18n/index.ts';
import { localText } from '../../i18n/index.ts';
import type { PlanFigure } from '../../pack/types.ts';
import { cellNumber, columnTitle, planAreaFigures, type CountyTable, type Metric, type TableUnit } from './countyTable.ts';

export interface TableTexts {
  county: string;
  total: string;
  metrics: Record<Metric | 'county', string>;
  /** Appended to the title of a column of estimates: " [估算 ≈，示意图形]". */
  estimateMark: string;
  /** First cell of the row holding the plan's own figures for each column. */
  planRow: string;
  /** Heading of the list of plan and report figures, and its column titles. */
  planHeading: string;
  planColumns: { label: string; value: string; unit: string; inTableUnit: string; years: string; source: string };
  unitText: (unit: PlanFigure['unit']) => string;
  /** Closing lines explaining estimates and sources. */
  note: string;
}

type Cell = string | number;

/**
 * Header row, one row per county, the totals row, the plan row, then the plan figures with their
 * sources and the note. Numbers stay numbers (a spreadsheet can sum them).
 */
export function tableCells(table: CountyTable, unit: TableUnit, lang: Lang, texts: TableTexts, planFigures: readonly PlanFigure[] = []): Cell[][] {
  const header = [texts.county, ...table.columns.map((c) => columnTitle(c, unit, lang, texts.metrics) + (c.estimate ? texts.estimateMark : ''))];
  const row = (name: string, values: Record<string, number>) => [name, ...table.columns.map((c) => cellNumber(c, values[c.key] ?? 0, unit).value)];
  const cells: Cell[][] = [header, ...table.rows.map((r) => row(lang === 'en' ? r.nameEn : r.name, r.values)), row(texts.total, table.totals)];
  const planCells = table.columns.map((c): Cell => {
    if (!c.kind || c.metric !== 'area') return '';
    const figures = planAreaFigures([...planFigures], c.kind.id).map(({ m2 }) => cellNumber({ ...c, estimate: false }, m2, unit).value);
    return figures.length === 1 ? figures[0] : figures.join(' / ');
  });
  if (planCells.some((c) => c !== '')) cells.push([texts.planRow, ...planCells]);
  if (planFigures.length > 0) {
    const p = texts.planColumns;
    cells.push([], [texts.planHeading], [p.label, p.value, p.unit, p.inTableUnit, p.years, p.source]);
    for (const f of planFigures) {
      const area = planAreaFigures([f], f.layer)[0];
      const converted = area ? cellNumber({ key: '', kind: null, metric: 'area', estimate: false }, area.m2, unit).value : '';
      cells.push([localText(f.label, lang), f.value, texts.unitText(f.unit), converted, f.years ?? '', f.source + (f.plan_ref ? ` · ${f.plan_ref}` : '')]);
    }
  }
  cells.push([], ...texts.note.split('\n').map((line) => [line]));
  return cells;
}

export function tableCsv(table: CountyTable, unit: TableUnit, lang: Lang, texts: TableTexts, planFigures: readonly PlanFigure[] = []): string {
  const lines = tableCells(table, unit, lang, texts, planFigures).map((cells) => cells.map(csvCell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
