#!/usr/bin/env node
// Builds public/fonts/report-sc.otf, the font the PDF report embeds: Noto Sans CJK SC Regular
// (SIL Open Font License 1.1, Debian fonts-noto-cjk) cut down by HarfBuzz's hb-subset to the
// characters a report can hold — printable ASCII, GB2312's symbols and its 3,755 level-1 Hanzi,
// and every character of the bundled packs' data and the app's messages. Run after adding a pack
// whose names use rarer characters: `node scripts/fonts/build-report-font.mjs`.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TTC = process.env.NOTO_CJK_TTC ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FACE = 2; // Noto Sans CJK SC in Debian's collection (fc-query lists the faces).

/** One face of a TrueType/OpenType collection as a standalone font file (tables copied). */
function faceOfCollection(ttc, index) {
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') throw new Error(`${TTC} is not a font collection`);
  const start = ttc.readUInt32BE(12 + 4 * index);
  const numTables = ttc.readUInt16BE(start + 4);
  const records = Array.from({ length: numTables }, (_, i) => {
    const at = start + 12 + 16 * i;
    return { tag: ttc.subarray(at, at + 4), checksum: ttc.readUInt32BE(at + 4), offset: ttc.readUInt32BE(at + 8), length: ttc.readUInt32BE(at + 12) };
  });
  const headerLength = 12 + 16 * numTables;
  let offset = headerLength;
  const placed = records.map((r) => {
    const at = offset;
    offset += Math.ceil(r.length / 4) * 4;
    return { ...r, at };
  });
  const out = Buffer.alloc(offset);
  ttc.copy(out, 0, start, start + 12);
  placed.forEach((r, i) => {
    const at = 12 + 16 * i;
    r.tag.copy(out, at);
    out.writeUInt32BE(r.checksum, at + 4);
    out.writeUInt32BE(r.at, at + 8);
    out.writeUInt32BE(r.length, at + 12);
    ttc.copy(out, r.at, r.offset, r.offset + r.length);
  });
  return out;
}

function gb2312(rows) {
  const decoder = new TextDecoder('gbk');
  let text = '';
  for (const [first, last] of rows) for (let hi = first; hi <= last; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) text += decoder.decode(Uint8Array.of(hi, lo));
  return text.replace(/\uFFFD/g, '');
}

function textOf(dir, pattern) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return [textOf(full, pattern)];
    return pattern.test(name) ? [readFileSync(full, 'utf8')] : [];
  }).join('');
}

let ascii = '';
for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
const text = ascii + '≈°′″×÷±·—–…‘’“”、。，；：？！（）《》【】〔〕％／～' + gb2312([[0xa1, 0xa9], [0xb0, 0xd7]]) + textOf(join(root, 'data'), /\.(json|geojson)$/) + textOf(join(root, 'src', 'i18n', 'messages'), /\.ts$/);
const characters = [...new Set(text)].filter((c) => c.codePointAt(0) >= 0x20).join('');
const face = faceOfCollection(readFileSync(TTC), FACE);
const font = await subsetFont(face, characters, { targetFormat: 'sfnt' });
const target = join(root, 'public', 'fonts', 'report-sc.otf');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, font);
console.log(`${target}: ${characters.length} characters, ${(font.length / 1024).toFixed(0)} KiB`);
