import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFiles } from './importFiles.ts';
import { fixtureBytes } from './testSupport.ts';
import { listZipEntries, readZipEntry } from './zip.ts';

const MB = 1024 * 1024;

/** Rewrites the declared uncompressed size of every entry (local and central headers). */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

/** A one-entry stored zip whose name is given as raw bytes, without the UTF-8 flag. */
function storedZip(nameBytes: number[], data: Uint8Array): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of data) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  crc = (crc ^ 0xffffffff) >>> 0;
  const n = nameBytes.length;
  const local = new Uint8Array(30 + n + data.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, data.length, true);
  lv.setUint16(26, n, true);
  local.set(nameBytes, 30);
  local.set(data, 30 + n);
  const central = new Uint8Array(46 + n);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, data.length, true);
  cv.setUint16(28, n, true);
  central.set(nameBytes, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length, true);
  const out = new Uint8Array(local.length + central.length + end.length);
  out.set(local, 0);
  out.set(central, local.length);
  out.set(end, local.length + central.length);
  return out;
}

describe('zip reading with limits', () => {
  const zeros = new Uint8Array(12 * MB);
  const bomb = zipSync({ 'bomb.shp': zeros, 'bomb.dbf': new Uint8Array(10) });

  it('refuses an entry whose declared size is over the budget, before inflating', async () => {
    expect(bomb.length).toBeLessThan(100_000); // > 100:1
    const result = await importFiles([{ name: 'bomb.zip', bytes: bomb }], { limits: { maxUnzippedBytes: 5 * MB } });
    expect(result).toMatchObject({ ok: false, error: { code: 'zip-too-large', params: { limitMB: 5 } } });
  });

  it('stops inflating as soon as an entry passes its (lying) declared size', () => {
    const liar = lieAboutSize(zipSync({ 'a.shp': zeros }), 1000);
    const [entry] = listZipEntries(liar, 10);
    expect(entry.size).toBe(1000);
    const budget = { remainingBytes: 100 * MB, limitBytes: 100 * MB };
    expect(() => readZipEntry(liar, entry, budget)).toThrow(/zip-corrupt/);
    expect(budget.remainingBytes).toBe(100 * MB);
  });

  it('stops at the budget when a lying entry claims a size within it', async () => {
    const liar = lieAboutSize(zipSync({ 'a.geojson': zeros }), 5 * MB);
    const result = await importFiles([{ name: 'liar.zip', bytes: liar }], { limits: { maxUnzippedBytes: 6 * MB } });
    expect(result).toMatchObject({ ok: false, error: { code: 'zip-too-large' } });
  });

  it('reports truncation and damage clearly', async () => {
    const good = fixtureBytes('shp/cgcs2000-3deg-cm114.zip');
    expect(await importFiles([{ name: 'cut.zip', bytes: good.subarray(0, good.length - 100) }])).toMatchObject({ ok: false, error: { code: 'zip-corrupt' } });
    const damaged = good.slice();
    const [first] = listZipEntries(good, 100);
    damaged[first.localHeaderOffset + 30 + first.name.length + 5] ^= 0xff;
    expect(await importFiles([{ name: 'damaged.zip', bytes: damaged }])).toMatchObject({ ok: false, error: { code: 'zip-corrupt' } });
  });

  it('refuses encrypted entries with their name', async () => {
    const zip = zipSync({ 'x.shp': strToU8('secret') }, { level: 0 });
    const view = new DataView(zip.buffer);
    for (let i = 0; i + 4 <= zip.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
    }
    expect(await importFiles([{ name: 'enc.zip', bytes: zip }])).toMatchObject({ ok: false, error: { code: 'zip-encrypted', params: { name: 'x.shp' } } });
  });

  it('decodes GBK file names written without the UTF-8 flag (Chinese Windows)', () => {
    const zip = storedZip([0xca, 0xfd, 0xbe, 0xdd, 0x2e, 0x63, 0x73, 0x76], strToU8('a')); // 数据.csv in GBK
    expect(listZipEntries(zip, 10)[0].name).toBe('数据.csv');
  });

  it('names Office documents and says when a zip holds no geodata', async () => {
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<document/>') });
    expect(await importFiles([{ name: 'report.docx', bytes: docx }])).toMatchObject({ ok: false, error: { code: 'format-unsupported', params: { format: 'Word (.docx)' } } });
    // Workbooks are read (formats/xlsx.ts); one without sheets is named as unreadable.
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(await importFiles([{ name: 'table.xlsx', bytes: xlsx }])).toMatchObject({ ok: false, error: { code: 'xlsx-invalid', params: { name: 'table' } } });
    const other = zipSync({ 'readme.txt': strToU8('hi') });
    expect(await importFiles([{ name: 'other.zip', bytes: other }])).toMatchObject({ ok: false, error: { code: 'zip-no-data', params: { found: 'readme.txt' } } });
  });

  it('limits the number of entries', async () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.csv`, strToU8('x,y\n1,2\n')])));
    expect(await importFiles([{ name: 'many.zip', bytes: many }], { limits: { maxZipEntries: 20 } })).toMatchObject({ ok: false, error: { code: 'zip-too-many-entries', params: { count: 50 } } });
  });

  it('does not open archives nested in archives, and says so', async () => {
    const inner = fixtureBytes('shp/cgcs2000-3deg-cm114.zip');
    const outer = zipSync({ 'inner.zip': inner, 'points.csv': strToU8('name,lon,lat\na,113.1,36.2\n') });
    const result = await importFiles([{ name: 'outer.zip', bytes: outer }]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers.map((l) => l.name)).toEqual(['outer']);
    expect(result.warnings).toContainEqual({ code: 'zip-nested-skipped', params: { count: 1 } });
  });
});
