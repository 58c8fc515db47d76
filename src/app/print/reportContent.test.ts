import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { zoneStatistics } from '../../geo/zoneStatistics.ts';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.ts';
import { loadPack } from '../../pack/loadPack.ts';
import type { LoadedPack } from '../../pack/types.ts';
import { countyMembers } from '../stats/countyMembers.ts';
import { countyTable, type CountyTable } from '../stats/countyTable.ts';
import { KIND_KEY, statisticsInput } from '../stats/statisticsInput.ts';
import { drawReport, fitLayout, type Painter } from './drawReport.ts';
import { pageLayout, type Orientation, type Paper } from './printLayout.ts';
import { reportContent } from './reportContent.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const fileFetch = ((url: string | URL) => Promise.resolve(new Response(readFileSync(path.join(DATA, new URL(url).pathname.replace(/^\/data\//, '')))))) as typeof fetch;
const t = (key: MessageKey, params?: MessageParams) => translate('zh', key, params);

let pack: LoadedPack;
let table: CountyTable;
beforeAll(async () => {
  pack = await loadPack('http://pack.test/data/changzhi/pack.json', fileFetch);
  const input = statisticsInput(pack.layers)!;
  const counties = pack.layers.find((l) => l.id === 'counties')!;
  table = countyTable(zoneStatistics(input.regions, input.zones, { kindKey: KIND_KEY }), input.kinds, counties, await countyMembers(pack.layers, counties, () => Promise.resolve()));
});

/** Records what a report draws; text width as CJK full-width (1 em) or Latin (0.55 em). */
function recorder() {
  const texts: { x: number; y: number; text: string; right: number }[] = [];
  const em = (size: number) => (size * 25.4) / 72;
  const width = (text: string, size: number) => [...text].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 1 : 0.55) * em(size), 0);
  const painter: Painter = {
    text: (x, y, text, size, o = {}) => {
      const w = width(text, size);
      const left = o.align === 'right' ? x - w : o.align === 'center' ? x - w / 2 : x;
      texts.push({ x: left, y, text, right: left + w });
    },
    textWidth: width,
    rect: () => {},
    line: () => {},
    circle: () => {},
    mapImage: () => {},
  };
  return { painter, texts };
}

describe('the printed report', () => {
  it('holds the title, the county rows with the plan row, the notes and the sources', () => {
    const content = reportContent({ pack, layers: pack.layers, visible: new Set(['counties', 'subsidence']), table, unit: 'mu', lang: 'zh', t, date: new Date('2026-12-03T00:00:00Z') });
    expect(content.subtitle).toBe('长治市 · 2026-12-03');
    expect(content.table[0]).toContain('采煤沉陷区治理 (亩) ≈');
    expect(content.table.map((r) => r[0])).toEqual(['县区', ...table.rows.map((r) => r.name), '全市合计', '规划数字']);
    expect(content.table.at(-1)).toContain('70,897.71');
    expect(content.legend.map((e) => e.label)).toEqual(['县级行政区', '采煤沉陷区治理 (示意)']);
    expect(content.sources.some((s) => s.includes('长治日报'))).toBe(true);
  });

  for (const [paper, orientation] of [
    ['A4', 'portrait'],
    ['A4', 'landscape'],
    ['A3', 'portrait'],
    ['A3', 'landscape'],
  ] as [Paper, Orientation][]) {
    it(`${paper} ${orientation}: every line of text lies on the paper, inside the margins`, () => {
      const content = reportContent({ pack, layers: pack.layers, visible: new Set(pack.layers.map((l) => l.id)), table, unit: 'mu', lang: 'zh', t, date: new Date('2026-12-03T00:00:00Z') });
      const layout = fitLayout(content, pageLayout(paper, orientation));
      expect(layout.map.height).toBeGreaterThanOrEqual(layout.height / 3 - 1e-9);
      const { painter, texts } = recorder();
      drawReport(painter, content, layout, 250_000);
      expect(texts.length).toBeGreaterThan(50);
      for (const text of texts) {
        expect(text.y, text.text).toBeLessThanOrEqual(layout.height - 8);
        expect(text.x, text.text).toBeGreaterThanOrEqual(8);
        expect(text.right, text.text).toBeLessThanOrEqual(layout.width - 8);
      }
    });
  }
});
