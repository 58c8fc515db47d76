import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadHarfbuzz, subsetFont } from './subsetFont.ts';

const require = createRequire(import.meta.url);
const FONT = path.resolve(import.meta.dirname, '../../../public/fonts/report-sc.otf');

describe('subsetFont', () => {
  it('cuts the report font to a report’s characters; poppler reads the PDF text back', async () => {
    const hb = await loadHarfbuzz(readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')));
    const font = new Uint8Array(readFileSync(FONT));
    const text = '长治生态分区图 襄垣县 70,897.71 亩 ≈2,150 公顷 1:250,000';
    const subset = subsetFont(hb, font, text);
    expect(subset.byteLength).toBeLessThan(font.byteLength / 20);

    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const embedded = await doc.embedFont(subset, { subset: false });
    doc.addPage([595, 842]).drawText(text, { x: 40, y: 780, size: 16, font: embedded });
    const dir = mkdtempSync(path.join(tmpdir(), 'subset-'));
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, await doc.save());
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).trim()).toBe(text);
    // poppler builds the font and draws it without a complaint.
    const rendered = spawnSync('pdftoppm', ['-r', '20', '-png', file], { encoding: 'latin1' });
    expect(rendered.stderr).not.toMatch(/Error|Couldn't create a font/);
    expect(rendered.stdout.length).toBeGreaterThan(100);
  });
});
