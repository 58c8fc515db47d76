import { describe, expect, it } from 'vitest';
import { importBatch } from './importBatch.ts';
import { formatImportMessage } from './messages.ts';
import { fixtureBytes, fixtureInput } from './testSupport.ts';

describe('importing several files at once', () => {
  it('imports the good file beside a broken one and reports the broken one by name', async () => {
    const zip = fixtureBytes('shp/cgcs2000-3deg-cm114.zip');
    const result = await importBatch([fixtureInput('kml/mixed.kml'), { name: '断开.zip', bytes: zip.subarray(0, zip.length - 40) }]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers.map((l) => l.name)).toEqual(['mixed']);
    expect(result.failures).toHaveLength(1);
    const [failure] = result.failures!;
    expect(failure.files).toEqual(['断开.zip']);
    expect(failure.error.code).toBe('zip-corrupt');
    const zh = formatImportMessage(failure.error, 'zh');
    expect(zh).toMatch(/^断开\.zip：压缩包已损坏或不完整（找不到压缩包结尾/);
    // No English library text inside the Chinese message.
    expect(zh).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('keeps a shapefile needing a CRS choice apart, with its candidates, while the rest import', async () => {
    const result = await importBatch([fixtureInput('shp/cm114-noprj.zip'), fixtureInput('geojson/wgs84.geojson')], { regionHint: [111.929, 35.773, 113.781, 37.175] });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers.map((l) => l.name)).toEqual(['wgs84']);
    expect(result.failures?.[0]).toMatchObject({ files: ['cm114-noprj.zip'], error: { code: 'crs-needs-confirmation' } });
    expect(result.failures?.[0].candidates?.[0].crs).toBe('EPSG:4547');
  });

  it('fails as a whole only when every file fails, listing each', async () => {
    const result = await importBatch([fixtureInput('wild/kml-overlay-only.kml'), { name: 'empty.geojson', bytes: new Uint8Array() }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failures?.map((f) => [f.files[0], f.error.code])).toEqual([
      ['kml-overlay-only.kml', 'kml-overlays-only'],
      ['empty.geojson', 'file-empty'],
    ]);
  });

  it('keeps a shapefile’s loose parts together as one file', async () => {
    const parts = ['shp', 'dbf', 'prj', 'cpg'].map((ext) => fixtureInput(`shp/loose/cgcs2000-3deg-cm114.${ext}`));
    const result = await importBatch([...parts, fixtureInput('kml/mixed.kml')]);
    expect(result.ok && result.layers.map((l) => l.name)).toEqual(['cgcs2000-3deg-cm114', 'mixed']);
  });
});
