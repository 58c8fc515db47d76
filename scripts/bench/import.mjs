#!/usr/bin/env node
/**
 * Import bench (issue 7): a 50 MB GeoJSON (WGS84) and a 100,000-polygon shapefile (CGCS2000 3° GK
 * CM 114°E, zipped, written by ogr2ogr) go through the import worker's code in Node — parse,
 * reproject, tile-index, and cut + encode the tiles of the first view (1280×800 px fitted to the
 * data) — each in a fresh process (plus a 10k-placemark KML, for the slower XML path) so its peak memory is its own. The same run times
 * `ogr2ogr -t_srs EPSG:4326` converting the same file to GeoJSON, and prints our time as a ratio
 * of it. Targets: < 10 s and < 1.5 GB per file.
 *
 * Same work on both sides (issue 12): `shanshui import FILE > out.geojson` against
 * `ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson FILE`, each a fresh process from start to the
 * finished WGS84 GeoJSON on disk — process start, reading, parsing, reprojecting and writing. Ours
 * also checks every geometry, detects the CRS and decodes text encodings (GDAL trusts the file); no
 * tiles are cut on either side. The first figure (worker path) is what the app does: no file is
 * written, the first view's tiles are cut.
 *
 * Needs gdal-bin (ogr2ogr) for the shapefile and the reference; without it, prints what it can.
 * Files go to $TMPDIR/shanshui-bench-import (reused when present).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writePolygons } from './lib/writePolygons.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIR = path.join(tmpdir(), 'shanshui-bench-import');
const GEOJSON = path.join(DIR, 'zones-50mb.geojson');
const SHP_SOURCE = path.join(DIR, 'polygons-100k.geojson');
const SHP_ZIP = path.join(DIR, 'polygons-100k-cgcs2000-cm114.zip');
const KML = path.join(DIR, 'placemarks-10k.kml');
const TARGET_MS = 10_000;
const TARGET_MB = 1536;

function hasOgr2ogr() {
  return spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' }).status === 0;
}

async function prepare() {
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(GEOJSON)) {
    // 67,000 polygons of 24 corners ≈ 50 MB.
    await writePolygons(GEOJSON, 67_000, 24, 1);
  }
  if (!existsSync(SHP_ZIP) && hasOgr2ogr()) {
    await writePolygons(SHP_SOURCE, 100_000, 12, 2);
    const shpDir = path.join(DIR, 'shp');
    mkdirSync(shpDir, { recursive: true });
    execFileSync('ogr2ogr', ['-q', '-overwrite', '-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-t_srs', 'EPSG:4547', '-nln', 'polygons', path.join(shpDir, 'polygons.shp'), SHP_SOURCE]);
    const { zipSync } = await import('fflate');
    const files = {};
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
      const p = path.join(shpDir, `polygons.${ext}`);
      if (existsSync(p)) files[`polygons.${ext}`] = new Uint8Array(readFileSync(p));
    }
    writeFileSync(SHP_ZIP, zipSync(files, { level: 6 }));
  }
  if (!existsSync(KML) && existsSync(SHP_SOURCE) && hasOgr2ogr()) {
    // KML goes through a DOM (xmldom + togeojson): far slower per feature, so a smaller file.
    execFileSync('ogr2ogr', ['-q', '-f', 'KML', '-limit', '10000', '-nln', 'placemarks', KML, SHP_SOURCE]);
  }
}

/** Child process: one import through the worker's code; prints JSON figures. */
async function measure(file) {
  const { tsImport } = await import('tsx/esm/api');
  const { createImportWorkerApi } = await tsImport(pathToFileURL(path.join(ROOT, 'src/import/workerApi.ts')).href, import.meta.url);
  const api = createImportWorkerApi();
  const stages = {};
  let last = performance.now();
  const t0 = last;
  const cpu0 = process.cpuUsage();
  const mark = (name) => {
    const now = performance.now();
    stages[name] = Math.round(now - last);
    last = now;
  };
  const bytes = new Uint8Array(readFileSync(file));
  mark('read');
  let parseEnd = 0;
  const result = await api.importFiles([{ name: path.basename(file), bytes }], {}, (p) => {
    if (p.stage === 'reproject' && !parseEnd) parseEnd = performance.now();
  });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.error)}`);
  const importEnd = performance.now();
  stages.parse = Math.round((parseEnd || importEnd) - last);
  stages.checkReprojectTileIndex = Math.round(importEnd - (parseEnd || importEnd));
  last = importEnd;
  const layer = result.layers[0];
  if (!layer.tiles) throw new Error('layer was not tiled');
  // First view: the data's bbox fitted into 1280×800 px; cut and encode every tile it shows.
  const [w, s, e, n] = layer.bbox;
  const y = (lat) => (1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2;
  const zoom = Math.max(0, Math.min(layer.tiles.maxZoom, Math.floor(Math.min(Math.log2((1280 / 256) / ((e - w) / 360)), Math.log2((800 / 256) / (y(s) - y(n)))))));
  const nTiles = 2 ** zoom;
  let tiles = 0;
  let tileBytes = 0;
  for (let tx = Math.floor(((w + 180) / 360) * nTiles); tx <= Math.floor(((e + 180) / 360) * nTiles); tx++) {
    for (let ty = Math.floor(y(n) * nTiles); ty <= Math.floor(y(s) * nTiles); ty++) {
      const pbf = api.getTile(layer.tiles.indexId, zoom, tx, ty);
      tiles++;
      tileBytes += pbf?.length ?? 0;
    }
  }
  mark('firstViewTiles');
  const total = Math.round(performance.now() - t0);
  const used = process.cpuUsage(cpu0);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  // After display: the layer's GeoJSON for IndexedDB / statistics (not part of the display time).
  const json = api.getLayerJson(layer.tiles.indexId);
  const jsonMs = Math.round(performance.now() - last);
  const jsonMB = Math.round(json.length / 1048576);
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    JSON.stringify({ total, cpuMs, stages, maxRssMB, features: layer.featureCount, vertices: layer.vertexCount, sourceCrs: layer.sourceCrs, zoom, tiles, tileKB: Math.round(tileBytes / 1024), jsonMs, jsonMB }),
  );
}

function runChild(file) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', import.meta.filename, '--measure', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`measure ${file} failed: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout);
}

/** `shanshui import FILE > out.geojson` (the CLI bundle, a fresh process): wall and CPU milliseconds. */
function timeCliToDisk(file) {
  const out = path.join(DIR, 'shanshui-out.geojson');
  rmSync(out, { force: true });
  // Once first, so the CLI bundle (built on first use) exists before the timed run.
  spawnSync(process.execPath, [path.join(ROOT, 'bin/shanshui.mjs'), 'import', '--help'], { encoding: 'utf8' });
  const t = performance.now();
  const r = spawnSync('bash', ['-c', '"$1" "$2" import "$3" > "$4" && times', 'bench', process.execPath, path.join(ROOT, 'bin/shanshui.mjs'), file, out], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = Math.round(performance.now() - t);
  if (r.status !== 0) throw new Error(`shanshui import failed: ${r.stderr.slice(0, 300)}`);
  const [, children = ''] = r.stdout.trim().split('\n');
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  return { wall, cpu: Math.round(seconds * 1000), outMB: Math.round(statSync(out).size / 1048576) };
}

/** ogr2ogr converting the same file to WGS84 GeoJSON: wall and CPU milliseconds. */
function timeOgr2ogr(file) {
  const out = path.join(DIR, 'ogr2ogr-out.geojson');
  const src = file.endsWith('.zip') ? `/vsizip/${file}` : file;
  rmSync(out, { force: true });
  const t = performance.now();
  // bash's `times` prints the children's user and system time after the command.
  const r = spawnSync('bash', ['-c', 'ogr2ogr -q -f GeoJSON -t_srs EPSG:4326 "$1" "$2" && times', 'bench', out, src], { encoding: 'utf8' });
  const wall = Math.round(performance.now() - t);
  if (r.status !== 0) throw new Error(`ogr2ogr failed: ${r.stderr}`);
  const [, children = ''] = r.stdout.trim().split('\n');
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  return { wall, cpu: Math.round(seconds * 1000) };
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3]);
} else {
  await prepare();
  const ogr = hasOgr2ogr();
  // [label, file, issue target applies]
  const cases = [
    ['50 MB GeoJSON', GEOJSON, true],
    ['100k-polygon shapefile', SHP_ZIP, true],
    ['10k-placemark KML', KML, false],
  ].filter(([, f]) => existsSync(f));
  const { loadavg } = await import('node:os');
  console.log(`import bench: load average ${loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores (wall times stretch under load; CPU times and ratios less so)`);
  for (const [label, file, targeted] of cases) {
    const ours = runChild(file);
    const reference = ogr ? timeOgr2ogr(file) : undefined;
    const sizeMB = (statSync(file).size / 1048576).toFixed(1);
    const met = ours.total < TARGET_MS && ours.maxRssMB < TARGET_MB;
    console.log(
      `import ${label} (${sizeMB} MB, ${ours.features} features, ${ours.vertices} vertices, ${ours.sourceCrs}): ` +
        `${ours.total} ms wall, ${ours.cpuMs} ms CPU [wall: ${Object.entries(ours.stages).map(([k, v]) => `${k} ${v}`).join(', ')}], ` +
        `first view z${ours.zoom} ${ours.tiles} tiles ${ours.tileKB} KB, then ${ours.jsonMB} MB GeoJSON for storage in ${ours.jsonMs} ms, peak RSS ${ours.maxRssMB} MB` +
        (reference !== undefined
          ? `; ogr2ogr → GeoJSON EPSG:4326 ${reference.wall} ms wall, ${reference.cpu} ms CPU; ratio ours/ogr2ogr ${(ours.total / reference.wall).toFixed(2)} wall, ${(ours.cpuMs / Math.max(1, reference.cpu)).toFixed(2)} CPU`
          : '; ogr2ogr not installed, no reference') +
        (targeted ? ` (target < ${TARGET_MS / 1000} s and < ${TARGET_MB} MB: ${met ? 'met' : 'NOT met'})` : ' (no target set for KML)'),
    );
    if (reference !== undefined) {
      const disk = timeCliToDisk(file);
      console.log(
        `import-to-disk ${label}: shanshui import → ${disk.outMB} MB WGS84 GeoJSON ${disk.wall} ms wall, ${disk.cpu} ms CPU; ` +
          `ogr2ogr the same ${reference.wall} ms wall, ${reference.cpu} ms CPU; ratio ${(disk.wall / reference.wall).toFixed(2)} wall, ${(disk.cpu / Math.max(1, reference.cpu)).toFixed(2)} CPU`,
      );
    }
  }
  if (!cases.some(([, f]) => f === SHP_ZIP)) console.log('import: shapefile case skipped (needs ogr2ogr from gdal-bin)');
}
