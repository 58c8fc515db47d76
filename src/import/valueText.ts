/**
 * A value read from user data (a feature property, a spreadsheet cell) as text: what `String()`
 * gives for primitives, arrays and dates, and JSON for a plain object (not "[object Object]").
 */
export function valueText(value: unknown): string {
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) return JSON.stringify(value);
  return String(value);
}
