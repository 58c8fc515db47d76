import { terminalText } from './terminalText.ts';

/** Display width in a terminal: CJK and other wide characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export type Align = 'left' | 'right';

/**
 * A plain-text table: columns padded to the widest cell (CJK-aware), numbers right-aligned,
 * a rule under the header. `rows` may contain null for a horizontal rule.
 */
export function textTable(header: string[], rows: Array<string[] | null>, align: Align[]): string {
  // Cells carry names from the user's files: no control character reaches the terminal.
  const safeRows = rows.map((r) => (r ? r.map(terminalText) : null));
  // A loop, not Math.max(...cells): hundreds of thousands of rows would overflow the call stack.
  const widths = header.map((h) => displayWidth(h));
  for (const r of safeRows) {
    if (!r) continue;
    for (let c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c], displayWidth(r[c] ?? ''));
  }
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c] - displayWidth(cell));
        return align[c] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [line(header), rule];
  for (const r of safeRows) lines.push(r ? line(r) : rule);
  return lines.join('\n');
}
