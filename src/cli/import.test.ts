import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { FIXTURES, maxLayerDifference, referenceLayer } from '../import/testSupport.ts';
import { run } from './import.ts';

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function cli(...args: string[]) {
  const out = sink();
  const err = sink();
  const code = await run(args, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

const f = (p: string) => FIXTURES + p;
/** The layer `import` printed on stdout. */
const layer = (stdout: string) => JSON.parse(stdout) as FeatureCollection;

describe('shanshui import (run)', () => {
  it('writes a WGS84 FeatureCollection matching ogr2ogr', async () => {
    const r = await cli(f('shp/xian1980-6deg-cm111.zip'), '--lang', 'en');
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as FeatureCollection;
    expect(maxLayerDifference(fc, referenceLayer('xian1980-6deg-cm111'))).toBeLessThan(1e-6);
    expect(r.stderr.trim().split('\n')).toHaveLength(1); // the datum warning
    expect(r.stderr).toMatch(/^shanshui: 警告 warning: .*Xian 1980/);
  });

  it('converts a zone-prefixed file without .prj and warns about the assumption', async () => {
    const r = await cli(f('shp/zone38-noprj.zip'));
    expect(r.code).toBe(0);
    expect(maxLayerDifference(layer(r.stdout), referenceLayer('zone38-noprj'))).toBeLessThan(1e-6);
    expect(r.stderr).toContain('EPSG:4526');
  });

  it('exits 2 with one line naming the likely CRS and --from-crs when the zone is unknown', async () => {
    const r = await cli(f('shp/cm114-noprj.zip'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--from-crs');
    expect(lines[0]).toMatch(/Likely: EPSG:4547 \(CGCS2000 \/ 3-degree Gauss-Kruger CM 114E/);
    const fixed = await cli(f('shp/cm114-noprj.zip'), '--from-crs', 'EPSG:4547');
    expect(fixed.code).toBe(0);
    expect(maxLayerDifference(layer(fixed.stdout), referenceLayer('cm114-noprj'))).toBeLessThan(1e-6);
  });

  it('answers bad input with exit 2 and one line, no stack trace', async () => {
    for (const args of [[f('source/../crs-reference.json')], [f('nope.geojson')], ['--bogus'], [], [f('kml/mixed.kml'), '--from-crs', 'EPSG:9999']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('reads a .shp with its sidecars from the same folder', async () => {
    const r = await cli(f('shp/loose/cgcs2000-3deg-cm114.shp'));
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as FeatureCollection;
    expect(fc.features[0].properties?.['名称']).toBe('漳泽湖湿地');
    expect(maxLayerDifference(fc, referenceLayer('cgcs2000-3deg-cm114'))).toBeLessThan(1e-6);
  });

  it('picks one layer, or says which exist', async () => {
    const both = await cli(f('shp/two-layers.zip'));
    expect(layer(both.stdout).features).toHaveLength(7);
    const one = await cli(f('shp/two-layers.zip'), '--layer', 'points-cgcs2000-cm114');
    expect(layer(one.stdout).features).toHaveLength(3);
    const none = await cli(f('shp/two-layers.zip'), '--layer', 'x');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('points-cgcs2000-cm114');
  });

  it('answers bad arguments and missing files in one line, in the language asked for', async () => {
    const missing = await cli('/nowhere/zones.kml', '--lang', 'en');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('shanshui: /nowhere/zones.kml: no such file\n');
    expect((await cli('/nowhere/zones.kml', '--lang', 'zh')).stderr).toBe('shanshui: /nowhere/zones.kml: 文件不存在\n');
    expect((await cli('/nowhere/zones.kml')).stderr).toBe('shanshui: /nowhere/zones.kml: 文件不存在 / /nowhere/zones.kml: no such file\n');
    const stdin = await cli('-');
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/cannot read standard input; give a file path/);
  });

  it('turns HTML descriptions into plain text on request', async () => {
    const r = await cli(f('kml/xss-cdata.kml'), '--text-descriptions');
    expect(layer(r.stdout).features[0].properties?.description).toBe('湿地面积 1.2 km²\n链接');
  });
});

describe('shanshui import: batches and odd sidecars', () => {
  it('writes the good file of a batch and reports the broken one on its own line (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shanshui-batch-'));
    const zip = readFileSync(f('shp/cgcs2000-3deg-cm114.zip'));
    writeFileSync(join(dir, 'cut.zip'), zip.subarray(0, zip.length - 40));
    const r = await cli(f('kml/mixed.kml'), join(dir, 'cut.zip'), '--lang', 'zh');
    expect(r.code).toBe(2);
    expect(layer(r.stdout).features).toHaveLength(9);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([`shanshui: ${join(dir, 'cut.zip')}: 压缩包已损坏或不完整（找不到压缩包结尾，文件可能不完整）。请重新下载或重新压缩后再导入。`]);
  });

  it.skipIf(process.platform === 'win32')('refuses a .dbf sidecar that is a FIFO instead of hanging on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shanshui-fifo-'));
    copyFileSync(f('shp/loose/cgcs2000-3deg-cm114.shp'), join(dir, 'z.shp'));
    execFileSync('mkfifo', [join(dir, 'z.dbf')]);
    const r = await cli(join(dir, 'z.shp'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`shanshui: ${join(dir, 'z.dbf')}: not a regular file (a folder, device or pipe)\n`);
  });
});

describe('shanshui import: the formats planners receive', () => {
  const gdal = (name: string) => JSON.parse(readFileSync(f(`wild/ref-${name}.geojson`), 'utf8')) as FeatureCollection;

  it('converts an Excel coordinate table as the app does, matching GDAL', async () => {
    const r = await cli(f('wild/控制点-经纬度.xlsx'));
    expect(r.code).toBe(0);
    expect(maxLayerDifference(layer(r.stdout), gdal('控制点-经纬度'))).toBeLessThan(1e-6);
  });

  it('converts a 界址点 file with its CRS from the header and warns about the wrong stated area', async () => {
    const r = await cli(f('wild/界址点-2000-38带.txt'), '--lang', 'zh');
    expect(r.code).toBe(0);
    expect(layer(r.stdout).features).toHaveLength(2);
    expect(r.stderr).toContain('ZD-02（2.5 / 0.5）');
  });

  it('converts a DXF and names its guessed zone; asks for --from-crs when it cannot tell', async () => {
    const r = await cli(f('wild/cass-gbk.dxf'), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(layer(r.stdout).features.map((x): unknown => x.properties?.Layer)).toEqual(['生态红线', '道路中线', '道路中线', '控制点', '注记']);
    expect(r.stderr).toContain('EPSG:4526');
    const noZone = await cli(f('wild/界址点-无带号.txt'), '--lang', 'en');
    expect(noZone.code).toBe(2);
    expect(noZone.stderr).toContain('--from-crs');
  });
});

// The real entry point: bin/shanshui.mjs → src/cli/main.ts → run().
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/shanshui.mjs`;
describe('shanshui import (spawned)', () => {
  const spawn = (...args: string[]) => spawnSync(process.execPath, [bin, 'import', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('converts and exits 0', () => {
    const r = spawn(f('shp/cgcs2000-3deg-cm114.zip'));
    expect(r.status).toBe(0);
    expect(maxLayerDifference(layer(r.stdout), referenceLayer('cgcs2000-3deg-cm114'))).toBeLessThan(1e-6);
  });

  it('is the command main.ts dispatches', () => {
    const r = spawn('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--from-crs');
  });

  it('exits 2 with one stderr line for an unknown zone', () => {
    const r = spawn(f('shp/cm114-noprj.zip'));
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain('--from-crs');
  });
});
