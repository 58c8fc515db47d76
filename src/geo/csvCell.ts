/**
 * One CSV cell, for every CSV the app writes (the county table, the measurements). Text that a
 * spreadsheet would run as a formula — starting with = + - @ (or their full-width forms, which
 * some spreadsheet locales accept too), a tab or a carriage return — gets a leading apostrophe, so
 * a layer named `=HYPERLINK(…)` stays text. Header cells go through it as well. Numbers are
 * written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
