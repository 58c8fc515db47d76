/**
 * The plan's indicator table under the map caption (`indicators=1`): each indicator's name, the
 * plan's 2020 status and 2025 target, unit, binding or expected, and the latest dated actual value
 * with its year and source where the pack cites one. `indicatorTableText` gives plain rows (tested
 * in Node); `indicatorTable` draws them as a <table> with textContent only.
 */
import { localText, translate, type Lang } from '../i18n/coreText.ts';
import type { PlanIndicatorTable } from '../pack/types.ts';

export interface IndicatorTableText {
  caption: string;
  head: string[];
  /** One row per indicator; the first cell (the name) is the row's header. */
  rows: string[][];
  /** "来源：…" for the plan itself. */
  source: string;
}

const COLUMNS = ['name', 'baseline', 'target', 'unit', 'kind', 'actual'] as const;

/** A pack's source cites, then quotes after ": "; the table shows the citation only. */
export function citation(source: string): string {
  return source.split(/:\s/)[0].trim();
}

export function indicatorTableText(table: PlanIndicatorTable, lang: Lang): IndicatorTableText {
  const none = translate(lang, 'embed.indicators.none');
  const rows = table.indicators.map((row) => {
    const latest = row.actuals?.length ? row.actuals.reduce((a, b) => (b.year > a.year ? b : a)) : undefined;
    return [
      localText(row.name, lang),
      row.baseline_2020 ?? none,
      localText(row.target_2025, lang),
      row.unit === '/' ? none : row.unit,
      translate(lang, row.binding ? 'embed.indicators.binding' : 'embed.indicators.expected'),
      latest ? translate(lang, 'embed.indicators.actual', { year: latest.year, value: localText(latest.value, lang), source: citation(latest.source) }) : none,
    ];
  });
  return {
    caption: localText(table.title, lang),
    head: COLUMNS.map((c) => translate(lang, `embed.indicators.col.${c}`)),
    rows,
    source: translate(lang, 'embed.source', { sources: table.source }),
  };
}

function cell<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, scope?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  // textContent only: every cell comes from a data pack, never trusted markup.
  node.textContent = text;
  if (scope) node.setAttribute('scope', scope);
  return node;
}

export function indicatorTable(text: IndicatorTableText): HTMLElement {
  const section = document.createElement('div');
  section.className = 'embed-indicators';
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  head.append(...text.head.map((h) => cell('th', h, 'col')));
  table.createCaption().textContent = text.caption;
  const body = table.createTBody();
  for (const [name, ...values] of text.rows) body.insertRow().append(cell('th', name, 'row'), ...values.map((v) => cell('td', v)));
  section.append(table, cell('p', text.source));
  return section;
}

/** Appends the table after `bar` (the caption's bar), or warns when the pack has none. */
export function showIndicators(bar: HTMLElement, table: PlanIndicatorTable | undefined, lang: Lang): void {
  if (table) bar.after(indicatorTable(indicatorTableText(table, lang)));
  else console.warn('山水嵌入：数据包中没有规划指标表，已忽略 indicators=1 / Shanshui embed: this pack has no indicator table, indicators=1 ignored');
}
