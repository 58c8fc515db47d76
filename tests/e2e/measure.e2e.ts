/**
 * The measuring tool in the built app, driven with the mouse as a planner would: draw on the map
 * canvas, read the 亩 figure from the list, check it against the geo core's geodesicArea of the
 * shape the browser stored (read straight from IndexedDB), reload and find it again, rename,
 * recolour, hide, delete, export it and read the export back with an independent KML parser.
 */
import { readFileSync } from 'node:fs';
import { kml as kmlToGeoJSON } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry, LineString, Polygon, Position } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { geodesicArea } from '../../src/geo/geodesicArea.ts';
import { geodesicLength } from '../../src/geo/geodesicLength.ts';
import { formatArea, formatLength } from '../../src/geo/units.ts';
import { browserForFile, openPage, screenshot, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const session = browserForFile();

interface Point {
  x: number;
  y: number;
}

/** Page coordinates of a [lon, lat] on the map canvas. */
async function toPage(page: Page, lonLat: [number, number]): Promise<Point> {
  const p = await page.evaluate((ll) => window.shanshui!.map.project(ll), lonLat);
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Clicks like a person: move there (the pointer passes over the map), press, release. */
async function clickAt(page: Page, at: Point): Promise<void> {
  await page.mouse.move(at.x, at.y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
}

async function dragFromTo(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y, { steps: 3 });
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

interface StoredMeasurement {
  id: string;
  name: string;
  color: string;
  hidden: boolean;
  geometry: Geometry;
}

/** The measurements exactly as the app stored them in IndexedDB (read with the raw API). */
async function storedMeasurements(page: Page): Promise<StoredMeasurement[]> {
  return page.evaluate(
    () =>
      new Promise<StoredMeasurement[]>((resolve, reject) => {
        const open = indexedDB.open('shanshui-measure');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('measurements').objectStore('measurements').getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result.sort((a: { createdAt: string }, b: { createdAt: string }) => a.createdAt.localeCompare(b.createdAt)));
          };
          get.onerror = () => reject(get.error ?? new Error('IndexedDB get failed'));
        };
      }),
  );
}

/** Distinct vertices of the unfinished sketch the app keeps in IndexedDB (0 if none). */
/** The vertices of the unfinished sketch kept in IndexedDB (the closing point once). */
async function draftVertices(page: Page): Promise<number[][]> {
  return page.evaluate(
    () =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open('shanshui-measure');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          // One draft per tab (this test has one tab).
          const get = open.result.transaction('drafts').objectStore('drafts').getAll() as IDBRequest<({ geometry?: { coordinates?: number[][][] } } | undefined)[]>;
          get.onsuccess = () => {
            open.result.close();
            const ring: number[][] = get.result[0]?.geometry?.coordinates?.[0] ?? [];
            resolve(ring.slice(0, -1));
          };
        };
      }),
  );
}

const near = (p: number[], q: number[]) => Math.abs(p[0] - q[0]) < 0.005 && Math.abs(p[1] - q[1]) < 0.005;

/** Frames the map on a spot (as a planner would zoom in), clear of the toolbar at the top left. */
async function frame(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ center, zoom }) => window.shanshui!.map.jumpTo({ center, zoom }), { center, zoom });
  await waitForMapIdle(page);
}

async function openMeasuring(page: Page, { snapping = false } = {}): Promise<void> {
  await page.getByRole('button', { name: '测量', exact: true }).click();
  await page.getByRole('toolbar', { name: '测量工具' }).waitFor();
  await setSnapping(page, snapping);
}

async function setSnapping(page: Page, on: boolean): Promise<void> {
  const snap = page.getByLabel('吸附到边界');
  if ((await snap.isChecked()) !== on) await snap.click();
}

/** Waits until the list holds `n` measurements. */
/** n measurements listed and stored: the list shows a shape at once, the store confirms it a moment later. */
async function waitForCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.measure-item').length === n, n);
  await expect.poll(async () => (await storedMeasurements(page)).length, { timeout: 10_000 }).toBe(n);
}

const items = (page: Page) => page.locator('.measure-item');
const live = (page: Page) => page.getByTestId('measure-live');

/** Canvas centre in page coordinates (the map is framed so that it lies in the area drawn on). */
async function canvasCentre(page: Page): Promise<Point> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  // Right of centre: the toolbar covers the top left.
  return { x: box.x + box.width * 0.62, y: box.y + box.height * 0.55 };
}

// A quadrilateral in the north of 沁源县, away from county labels and zone boundaries.
const QUAD: [number, number][] = [
  [112.08, 36.93],
  [112.3, 36.95],
  [112.33, 36.8],
  [112.1, 36.78],
];

describe('measuring on the map', () => {
  it('draws a polygon with the mouse; its 亩 figure is the geo core’s area of the stored shape; rename, colour, hide, export; a reload keeps it and the unfinished sketch; delete', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await frame(page, [112.12, 36.86], 9);
    await openMeasuring(page);

    for (const ll of QUAD) await clickAt(page, await toPage(page, ll));
    // Live figures while drawing, in the panel's unit (亩 by default).
    await page.waitForFunction(() => document.querySelector('[data-testid="measure-live"]')?.textContent?.endsWith('4 个顶点'));
    expect(await live(page).innerText()).toMatch(/^面积 [\d,]+\.\d\d 亩 · 周长 [\d.]+ 公里 · 4 个顶点$/);
    await clickAt(page, await toPage(page, QUAD[0])); // clicking the first vertex finishes
    await waitForCount(page, 1);
    await screenshot(page, 'measure-polygon');

    const item = items(page).first();
    const shown = await item.getByTestId('measure-area-mu').innerText();
    const [stored] = await storedMeasurements(page);
    expect(stored.geometry.type).toBe('Polygon');
    const ring = (stored.geometry as Polygon).coordinates[0];
    expect(ring).toHaveLength(5);
    // The stored vertices are where the mouse clicked, to a pixel (terra-draw may store the ring
    // counter-clockwise).
    for (const q of QUAD) expect(ring.some((p) => near(p, q))).toBe(true);
    const area = geodesicArea(stored.geometry as Polygon);
    expect(shown).toBe(formatArea(area, 'mu', 'zh'));
    expect(await item.locator('.measure-figure').innerText()).toContain(`${formatArea(area, 'ha', 'zh')} · ${formatArea(area, 'km2', 'zh', { decimals: 4 })}`);

    // Under it: the split by county (all in 沁源县) and the overlap with the zone layers.
    const counties = item.getByTestId('breakdown-counties');
    await counties.locator('tbody tr').first().waitFor();
    expect(await counties.locator('tbody tr').allInnerTexts()).toEqual([`沁源县\t${shown}\t100.00%`]);
    const zones = await item.getByTestId('breakdown-zones').locator('tbody tr').allInnerTexts();
    expect(zones.join('\n')).toContain('两山');

    // Rename, recolour and hide it.
    const name = item.getByRole('textbox', { name: /名称/ });
    await name.fill('北张村复垦一期');
    await name.press('Enter');
    await item.getByLabel(/颜色/).fill('#1b7f79');
    expect(await page.evaluate(() => window.shanshui!.map.querySourceFeatures('measure-shapes').length)).toBeGreaterThan(0);
    await item.getByRole('button', { name: '在地图上隐藏“北张村复垦一期”' }).click();
    await page.waitForFunction(() => window.shanshui!.map.querySourceFeatures('measure-shapes').length === 0);

    // Export it as KML and read it back with togeojson: the same shape, area and attributes.
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: '将“北张村复垦一期”导出为 KML' }).click()]);
    expect(download.suggestedFilename()).toBe('北张村复垦一期.kml');
    const kmlText = readFileSync((await download.path()), 'utf8');
    const [fromKml] = kmlToGeoJSON(new DOMParser().parseFromString(kmlText, 'text/xml')).features as Feature[];
    expect(fromKml.properties?.name).toBe('北张村复垦一期');
    expect(formatArea(geodesicArea(fromKml.geometry as Polygon), 'mu', 'zh')).toBe(shown);
    expect(Math.abs(geodesicArea(fromKml.geometry as Polygon) / area - 1)).toBeLessThan(1e-12);
    expect(`${Number(fromKml.properties?.area_mu).toLocaleString('en', { minimumFractionDigits: 2 })} 亩`).toBe(shown);

    // Export all as CSV: UTF-8 with BOM, area_m2 and area_mu columns.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '全部导出 CSV' }).click()]);
    const csv = readFileSync((await csvDownload.path()));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toMatch(/^\uFEFFname,kind,area_m2,area_mu,/);
    expect(csv.toString('utf8')).toContain('北张村复垦一期,polygon,');

    // Start another shape and leave it unfinished: the sketch is kept too (as if the tab crashed).
    const SKETCH: [number, number][] = [
      [112.15, 36.9],
      [112.25, 36.91],
      [112.22, 36.84],
    ];
    for (const ll of SKETCH) await clickAt(page, await toPage(page, ll));
    // Saved at once, vertex by vertex (no waiting for a pause), and without the pointer's point.
    await expect
      .poll(async () => {
        const placed = await draftVertices(page);
        return placed.length === SKETCH.length && SKETCH.every((q, i) => near(placed[i], q));
      }, { timeout: 10_000 })
      .toBe(true);

    // Reload: everything is still there, as left, and the sketch is offered back.
    await page.reload();
    await waitForMapIdle(page);
    await waitForCount(page, 1);
    await page.getByRole('group', { name: '上次关闭页面时有一个未完成的图形。' }).getByRole('button', { name: '恢复' }).click();
    await waitForCount(page, 2);
    const sketch = (await storedMeasurements(page))[1];
    expect(sketch.name).toBe('恢复的草图 2');
    expect((sketch.geometry as Polygon).coordinates[0]).toHaveLength(SKETCH.length + 1);
    for (const q of SKETCH) expect((sketch.geometry as Polygon).coordinates[0].some((p) => near(p, q))).toBe(true);
    const again = items(page).first();
    expect(await again.getByTestId('measure-area-mu').innerText()).toBe(shown);
    expect(await again.getByRole('textbox', { name: /名称/ }).inputValue()).toBe('北张村复垦一期');
    expect(await again.getByLabel(/颜色/).inputValue()).toBe('#1b7f79');
    expect(await again.getByRole('button', { name: '在地图上隐藏“北张村复垦一期”' }).getAttribute('aria-pressed')).toBe('true');
    // On the map: the restored sketch only; the hidden one stays hidden.
    await waitForMapIdle(page);
    const onMap = await page.evaluate(() => [...new Set(window.shanshui!.map.querySourceFeatures('measure-shapes').map((f) => f.properties.id as string))]);
    expect(onMap).toEqual([sketch.id]);

    // Delete, and the deletion is stored too; it can be taken back.
    await again.getByRole('button', { name: '删除“北张村复垦一期”' }).click();
    await waitForCount(page, 1);
    expect((await storedMeasurements(page)).map((m) => m.name)).toEqual(['恢复的草图 2']);
    await page.locator('.measure-deleted').getByRole('button', { name: '恢复' }).click();
    await waitForCount(page, 2);
    expect((await storedMeasurements(page)).map((m) => m.name)).toEqual(['北张村复垦一期', '恢复的草图 2']);

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('refuses a self-intersecting shape but keeps it editable; undo, Esc, lines, snapping, measure this, restoration progress', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, baseUrl);
    await waitForMapIdle(page);
    await frame(page, [112.12, 36.86], 9);
    await openMeasuring(page);
    const c = await canvasCentre(page);

    // A bow-tie: its diagonals cross. Enter finishes it; it is refused with the reason.
    const A = { x: c.x - 80, y: c.y - 50 };
    const B = { x: c.x + 80, y: c.y + 50 };
    const C = { x: c.x + 80, y: c.y - 50 };
    const D = { x: c.x - 80, y: c.y + 50 };
    for (const p of [A, B, C, D]) await clickAt(page, p);
    await page.keyboard.press('Enter');
    const alert = page.locator('.measure-message.alert');
    await alert.filter({ hasText: '图形自相交' }).waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.innerText()).toContain('图形仍可编辑');
    expect(await items(page).count()).toBe(0);
    await screenshot(page, 'measure-self-intersecting');

    // Still editable: drag the last vertex above the top edge; the shape is now simple and measured.
    await dragFromTo(page, D, { x: c.x, y: c.y - 100 });
    await waitForCount(page, 1);
    expect(await alert.textContent()).toBe('');
    const [fixed] = await storedMeasurements(page);
    expect(await items(page).first().getByTestId('measure-area-mu').innerText()).toBe(formatArea(geodesicArea(fixed.geometry as Polygon), 'mu', 'zh'));
    await page.getByRole('button', { name: '完成编辑' }).click();
    await page.getByRole('button', { name: '完成', exact: true }).waitFor();

    // Undo takes back the last vertex; Esc drops the shape being drawn.
    await page.getByRole('button', { name: '多边形' }).click();
    for (const [dx, dy] of [[-60, 60], [40, 90], [100, 40]]) await clickAt(page, { x: c.x + dx, y: c.y + dy });
    await page.waitForFunction(() => document.querySelector('[data-testid="measure-live"]')?.textContent?.includes('3 个顶点'));
    await page.getByRole('button', { name: '撤销' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="measure-live"]')?.textContent?.includes('2 个顶点'));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('[data-testid="measure-live"]')?.textContent === '在地图上开始绘制…');
    expect(await items(page).count()).toBe(1);

    // A distance: two clicks and Enter; the length is the geodesic length of the stored line.
    await page.getByRole('button', { name: '距离' }).click();
    await clickAt(page, { x: c.x - 100, y: c.y + 80 });
    await clickAt(page, { x: c.x + 120, y: c.y - 30 });
    await page.keyboard.press('Enter');
    await waitForCount(page, 2);
    const line = (await storedMeasurements(page))[1].geometry as LineString;
    expect(line.type).toBe('LineString');
    expect(await items(page).nth(1).getByTestId('measure-length').innerText()).toBe(formatLength(geodesicLength(line), 'zh'));

    // Edit the vertices of a saved measurement from the list: drag a corner; the figure follows.
    const before = (await storedMeasurements(page))[0];
    const figureBefore = await items(page).first().getByTestId('measure-area-mu').innerText();
    await items(page).first().getByRole('button', { name: '编辑“测量 1”的顶点' }).click();
    await page.getByRole('button', { name: '完成编辑' }).waitFor();
    await dragFromTo(page, A, { x: A.x - 40, y: A.y - 30 });
    await page.waitForFunction((old) => document.querySelector('[data-testid="measure-area-mu"]')?.textContent !== old, figureBefore);
    const after = (await storedMeasurements(page))[0];
    expect(after.id).toBe(before.id);
    expect(geodesicArea(after.geometry as Polygon)).toBeGreaterThan(geodesicArea(before.geometry as Polygon));
    expect(await items(page).first().getByTestId('measure-area-mu').innerText()).toBe(formatArea(geodesicArea(after.geometry as Polygon), 'mu', 'zh'));
    await page.getByRole('button', { name: '完成编辑' }).click();
    await page.getByRole('button', { name: '完成', exact: true }).waitFor();

    // Snapping: a click 4 px beside a county boundary puts the vertex on the boundary.
    await page.getByRole('button', { name: '多边形' }).click();
    await setSnapping(page, true);
    // The longest county edge (3.4 km), framed at zoom 11 where it spans ~120 px.
    const longest = await page.evaluate(() => {
      let best = { a: [0, 0], b: [0, 0], length: 0 };
      for (const f of window.shanshui!.pack.layers.find((l) => l.id === 'counties')!.data.features) {
        const g = f.geometry;
        const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
        for (const ring of rings) {
          for (let i = 1; i < ring.length; i++) {
            const [x0, y0] = ring[i - 1];
            const [x1, y1] = ring[i];
            const length = Math.hypot((x1 - x0) * Math.cos((y0 * Math.PI) / 180), y1 - y0);
            if (length > best.length) best = { a: ring[i - 1], b: ring[i], length };
          }
        }
      }
      return best;
    });
    await frame(page, [(longest.a[0] + longest.b[0]) / 2, (longest.a[1] + longest.b[1]) / 2], 11);
    const pa = await toPage(page, longest.a as [number, number]);
    const pb = await toPage(page, longest.b as [number, number]);
    const len = Math.hypot(pb.x - pa.x, pb.y - pa.y);
    expect(len).toBeGreaterThan(60);
    const edge = { a: longest.a, b: longest.b, mx: (pa.x + pb.x) / 2, my: (pa.y + pb.y) / 2, nx: -(pb.y - pa.y) / len, ny: (pb.x - pa.x) / len };
    const near = { x: edge.mx + 4 * edge.nx, y: edge.my + 4 * edge.ny };
    await clickAt(page, near);
    await clickAt(page, { x: near.x + 70 * edge.nx + 30 * edge.ny, y: near.y + 70 * edge.ny - 30 * edge.nx });
    await clickAt(page, { x: near.x + 70 * edge.nx - 30 * edge.ny, y: near.y + 70 * edge.ny + 30 * edge.nx });
    await page.keyboard.press('Enter');
    await waitForCount(page, 3);
    const snappedRing = ((await storedMeasurements(page))[2].geometry as Polygon).coordinates[0];
    const onEdge = (p: Position) => distanceToSegmentDeg(p, edge.a, edge.b);
    expect(Math.min(...snappedRing.map(onEdge))).toBeLessThan(1e-8);

    // Measure an existing feature, as the feature details' “measure this” does.
    const id = await page.evaluate(() => {
      const springs = window.shanshui!.pack.layers.find((l) => l.id === 'springs')!;
      const feature = springs.data.features.find((f) => f.properties.name === '辛安泉域重点保护区')!;
      return window.shanshuiMeasure!.measureFeature(feature as never, '辛安泉域重点保护区', 'springs');
    });
    expect(id).toBeTruthy();
    await waitForCount(page, 4);
    const measured = items(page).nth(3);
    expect(await measured.innerText()).toContain('来自要素：辛安泉域重点保护区');
    const zoneRows = measured.getByTestId('breakdown-zones').locator('tbody tr');
    await zoneRows.first().waitFor();
    const zoneText = (await zoneRows.allInnerTexts()).join('\n');
    // The spring zones are schematic: their areas are estimates, "≈" and three significant digits.
    expect(zoneText).toMatch(/辛安泉域重点保护区\t≈[\d,.]+ 亩\t100\.00%/);
    expect(zoneText).toMatch(/泉域保护区\t≈[\d,.]+ 亩\t100\.00%/);
    const countyRows = await measured.getByTestId('breakdown-counties').locator('tbody tr').allInnerTexts();
    const shares = countyRows.map((r) => Number(r.split('\t')[2].replace('%', '')));
    expect(Math.abs(shares.reduce((s, x) => s + x, 0) - 100)).toBeLessThan(0.05);

    // Restoration progress: the one site with published figures, and the city target, as partial.
    const progress = page.locator('.restoration-section');
    await progress.scrollIntoViewIfNeeded();
    const sites = await progress.getByTestId('restoration-sites').locator('tbody tr').allInnerTexts();
    expect(sites).toEqual([expect.stringMatching(/^上党区北张村、须村、朔村采煤沉陷区 · 上党区\t602\.00 亩\t180\.00 亩\t\s*29\.9%$/)]);
    expect(await progress.getByTestId('restoration-target').innerText()).toContain('70,897.71 亩（4 年内）');
    expect(await progress.getByTestId('restoration-partial').innerText()).toContain('部分数据');
    expect(await progress.getByTestId('restoration-partial').innerText()).toContain('0.85%');
    const bar = progress.getByRole('progressbar').nth(1);
    expect(await bar.getAttribute('aria-valuenow')).toBe('29.9');
    await screenshot(page, 'measure-progress');

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

/** Distance in degrees from p to segment ab (planar; for telling "on the edge" from "off it"). */
function distanceToSegmentDeg(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
}
