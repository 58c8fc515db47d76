/**
 * Excel coordinate tables (.xlsx) through `read-excel-file` (MIT), loaded only when a workbook is
 * imported (its code is a separate chunk of the import worker). The first sheet with coordinate
 * columns is read like a CSV (`parseTable`): 经度/纬度, X/Y (with 点号 for parcels), WKT. Numbers are
 * taken as the digits the sheet stores, so nothing is lost to float formatting.
 *
 * The declared sizes of the workbook's parts are checked against the unzip budget first: the
 * library inflates them whole.
 */
import { type ImportContext, type RawLayer } from '../context.ts';
import { ImportFailure, fail } from '../failure.ts';
import type { ImportMessage } from '../types.ts';
import type { ZipEntryInfo } from '../zip.ts';
import { parseTable } from './csv.ts';
import { valueText } from '../valueText.ts';

/** A zip whose entries are an Excel workbook's. */
export function isXlsxEntries(entries: ZipEntryInfo[]): boolean {
  return entries.some((e) => e.name === 'xl/workbook.xml');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().replace(/T00:00:00\.000Z$/, '');
  return valueText(value);
}

export async function parseXlsx(bytes: Uint8Array, entries: ZipEntryInfo[], name: string, ctx: ImportContext): Promise<RawLayer> {
  const unzipped = entries.reduce((sum, e) => sum + e.size, 0);
  if (unzipped > ctx.budget.remainingBytes) fail('zip-too-large', { limitMB: Math.round(ctx.budget.limitBytes / 1048576) });
  ctx.budget.remainingBytes -= unzipped;
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = await readXlsxFile<string>(buffer, { parseNumber: (text) => text });
  } catch (error) {
    fail('xlsx-invalid', { name, detail: error instanceof Error ? error.message.slice(0, 120) : 'unreadable' });
  }
  ctx.progress('parse', 0.5);
  let firstFailure: ImportFailure | undefined;
  for (const sheet of sheets) {
    const rows = sheet.data.map((row) => row.map(cellText)).filter((row) => row.some((cell) => cell.trim() !== ''));
    if (rows.length === 0) continue;
    const warnings: ImportMessage[] = [];
    try {
      const layer = parseTable(rows, name, ctx, { decimalComma: false, format: 'xlsx', warnings });
      if (sheets.length > 1) layer.name = `${name} ${sheet.sheet}`;
      return layer;
    } catch (error) {
      // A sheet without coordinates (a cover sheet, notes): try the next one.
      if (!(error instanceof ImportFailure)) throw error;
      firstFailure ??= error;
    }
  }
  if (firstFailure) throw firstFailure;
  return fail('file-empty', { name });
}
