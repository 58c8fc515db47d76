import { describe, expect, it } from 'vitest';
import { packErrorText } from '../i18n/index.ts';
import { checkIndicators, checkManifest, PackLoadError, packManifestUrl, requestPack } from './loadPack.ts';
import { findRegionLayer, isCountedLayer } from './roles.ts';

const BASE = 'https://maps.example.org/shanshui/index.html';

describe('packManifestUrl', () => {
  it('maps a bare id to a bundled pack and keeps same-origin paths', () => {
    expect(packManifestUrl(null, BASE)).toBe('https://maps.example.org/shanshui/data/changzhi/pack.json');
    expect(packManifestUrl('shanxi', BASE)).toBe('https://maps.example.org/shanshui/data/shanxi/pack.json');
    expect(packManifestUrl('/bureau/packs/lucheng.json', BASE)).toBe('https://maps.example.org/bureau/packs/lucheng.json');
  });

  it('refuses a pack on another origin', () => {
    expect(() => packManifestUrl('https://evil.example/pack.json', BASE)).toThrow(PackLoadError);
    expect(() => packManifestUrl('//evil.example/pack.json', BASE)).toThrow(/other-origin/);
  });
});

describe('requestPack', () => {
  it('never throws: a refused pack is a rejected promise with a reason in both languages', async () => {
    const fetchImpl = (() => {
      throw new Error('must not fetch');
    }) as unknown as typeof fetch;
    const request = requestPack('https://evil.example/pack.json', BASE, fetchImpl);
    const error = await request.pack.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackLoadError);
    expect(packErrorText(error, 'zh')).toMatch(/^数据包不在本站/);
    expect(packErrorText(error, 'en')).toMatch(/^the pack is on another site/);
  });

  it('words an HTTP failure with its status', async () => {
    const fetchImpl = (() => Promise.resolve(new Response('', { status: 404 }))) as typeof fetch;
    const error = await requestPack('nowhere', BASE, fetchImpl).pack.catch((e: unknown) => e);
    expect(packErrorText(error, 'zh')).toBe('服务器未返回文件（HTTP 404）');
    expect(packErrorText(error, 'en')).toBe('the server did not return the file (HTTP 404)');
  });
});

describe('loadPack: layer files', () => {
  const manifest = (files: string[]) => ({
    id: 'p',
    name: { zh: 'p', en: 'p' },
    bounds: [0, 0, 1, 1],
    layers: files.map((file, i) => ({ id: `l${i}`, role: i === 0 ? 'regions' : undefined, file, title: { zh: 'l', en: 'l' }, style: { color: '#000' } })),
  });
  const serving = (files: string[]) => {
    const fetched: string[] = [];
    const fetchImpl = ((url: string | URL) => {
      fetched.push(String(url));
      return Promise.resolve(new Response(String(url).endsWith('pack.json') ? JSON.stringify(manifest(files)) : '{"type":"FeatureCollection","features":[]}'));
    }) as typeof fetch;
    return { fetched, fetchImpl };
  };

  it('resolves layer files against the manifest', async () => {
    const { fetched, fetchImpl } = serving(['counties.geojson', '../shared/rivers.geojson', '/other/lakes.geojson']);
    await requestPack('/bureau/packs/pack.json', BASE, fetchImpl).pack;
    expect(fetched.slice(1).sort()).toEqual(['https://maps.example.org/bureau/shared/rivers.geojson', 'https://maps.example.org/bureau/packs/counties.geojson', 'https://maps.example.org/other/lakes.geojson'].sort());
  });

  it('refuses a same-origin pack whose layer file is on another host, before fetching any layer file', async () => {
    for (const file of ['https://evil.example/zones.geojson', '//evil.example/zones.geojson', 'data:application/json,{}']) {
      const { fetched, fetchImpl } = serving(['counties.geojson', file]);
      const error = await requestPack('shanxi', BASE, fetchImpl).pack.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackLoadError);
      expect((error as PackLoadError).code).toBe('file-other-origin');
      expect(fetched).toEqual(['https://maps.example.org/shanshui/data/shanxi/pack.json']);
      expect(packErrorText(error, 'zh')).toBe(`图层文件不在数据包所在的网站：只从数据包自己的网站读取文件（${file}）`);
      expect(packErrorText(error, 'en')).toMatch(/^a layer file is on another site/);
    }
  });
});

describe('checkManifest: layer roles', () => {
  const layer = (id: string, extra: Record<string, unknown> = {}) => ({ id, file: `${id}.geojson`, title: { zh: id, en: id }, style: { color: '#000' }, ...extra });
  const manifest = (layers: unknown[]) => ({ id: 'p', name: { zh: 'p', en: 'p' }, bounds: [0, 0, 1, 1], layers });

  it('takes a pack whose one regions layer has any id', () => {
    const m = checkManifest(manifest([layer('xian', { role: 'regions' }), layer('shidi')]), 'x/pack.json');
    expect(findRegionLayer(m.layers)?.id).toBe('xian');
    expect(m.layers.filter(isCountedLayer).map((l) => l.id)).toEqual(['shidi']);
  });

  it('names the problem when there is no regions layer, two, or an unknown role', () => {
    expect(() => checkManifest(manifest([layer('counties'), layer('wetlands')]), 'x')).toThrow(/exactly one layer with "role": "regions" \(has 0\)/);
    expect(() => checkManifest(manifest([layer('a', { role: 'regions' }), layer('b', { role: 'regions' })]), 'x')).toThrow(/\(has 2\)/);
    expect(() => checkManifest(manifest([layer('a', { role: 'regions' }), layer('b', { role: 'county' })]), 'x')).toThrow(/layer "b": "role" must be one of regions, zones, reference/);
  });
});

describe('loadPack: the indicator table', () => {
  /** Serves the repository's data/ folder as https://maps.example.org/shanshui/data/… */
  const fileFetch = (async (input: RequestInfo | URL) => {
    const { readFile } = await import('node:fs/promises');
    const url = new URL(input instanceof Request ? input.url : input);
    const rel = url.pathname.replace('/shanshui/', '');
    try {
      return new Response(await readFile(new URL(`../../${rel}`, import.meta.url)));
    } catch {
      return new Response('', { status: 404 });
    }
  }) as typeof fetch;

  it('loads the Changzhi table the manifest names: 29 rows of the plan, 2020 values and 2025 targets as the plan words them', async () => {
    const pack = await requestPack(null, BASE, fileFetch).pack;
    const rows = pack.indicators!.indicators;
    expect(rows.map((r) => r.no)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    const pm25 = rows.find((r) => r.name.zh === '市区细颗粒物(PM2.5)浓度')!;
    expect([pm25.baseline_2020, pm25.target_2025.zh, pm25.binding]).toEqual(['44', '35', true]);
    const sections = rows.find((r) => r.no === 9)!;
    expect(sections.baseline_2020).toBe('88.24 (17个断面)');
    expect(sections.actuals?.map((a) => a.year)).toEqual([2018, 2019, 2024]);
    expect(rows.filter((r) => !r.binding).length).toBe(8);
  });

  it('loads a pack without a table and names a broken table', async () => {
    const shanxi = await requestPack('shanxi', BASE, fileFetch).pack;
    expect(shanxi.indicators).toBeUndefined();
    expect(() => checkIndicators({ title: { zh: 't', en: 't' }, indicators: [{ no: 1, name: { zh: 'a', en: 'a' } }] }, 'x.json')).toThrow(/row 1 needs "no", "name" and "target_2025"/);
    expect(() => checkIndicators([], 'x.json')).toThrow(/has no "indicators" list/);
  });
});
