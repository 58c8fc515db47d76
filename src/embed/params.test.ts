import { describe, expect, it } from 'vitest';
import { EMBED_DEFAULTS, parseEmbedParams, resolveLayers, serializeEmbedParams, type EmbedParams } from './params.ts';

function parse(search: string): { params: EmbedParams; warnings: string[] } {
  const warnings: string[] = [];
  return { params: parseEmbedParams(search, (w) => warnings.push(w)), warnings };
}

describe('parseEmbedParams', () => {
  it('gives the defaults, without warnings, for an empty query', () => {
    expect(parse('')).toEqual({ params: { ...EMBED_DEFAULTS }, warnings: [] });
  });

  it('reads every parameter', () => {
    const { params, warnings } = parse('?pack=shanxi&layers=counties,%20wetlands&county=140428&view=112.9,36.1,9.5&lang=en&legend=0&controls=none&static=1&dark=1&inset=0&indicators=1&title=%E6%B9%BF%E5%9C%B0%20%20map');
    expect(warnings).toEqual([]);
    expect(params).toEqual({
      pack: 'shanxi',
      layers: ['counties', 'wetlands'],
      county: '140428',
      view: [112.9, 36.1, 9.5],
      lang: 'en',
      legend: false,
      controls: 'none',
      static: true,
      dark: true,
      inset: false,
      indicators: true,
      title: '湿地 map',
    });
  });

  it('falls back to the default for each bad value and says so, naming the parameter', () => {
    const { params, warnings } = parse('?layers=,,&county=14042&view=200,36,9&lang=fr&legend=yes&controls=all&static=2&dark=on&inset=off&utm_source=news');
    expect(params).toEqual({ ...EMBED_DEFAULTS });
    for (const name of ['layers', 'county', 'view', 'lang', 'legend', 'controls', 'static', 'dark', 'inset', 'utm_source']) {
      expect(warnings.filter((w) => w.includes(name)), name).toHaveLength(1);
    }
    expect(warnings).toHaveLength(10);
  });

  it('reads indicators=1|true|0|false, and falls back to no table with one warning for anything else', () => {
    expect(parse('?indicators=1').params.indicators).toBe(true);
    expect(parse('?indicators=true').params.indicators).toBe(true);
    expect(parse('?indicators=0')).toEqual({ params: { ...EMBED_DEFAULTS }, warnings: [] });
    const { params, warnings } = parse('?indicators=yes');
    expect(params.indicators).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('indicators="yes"');
    expect(serializeEmbedParams({ lang: 'en', indicators: true })).toBe('?lang=en&indicators=1');
    expect(serializeEmbedParams({ lang: 'en', indicators: false })).toBe('?lang=en');
  });

  it('cuts an over-long title and warns', () => {
    const { params, warnings } = parse(`?title=${'长'.repeat(200)}`);
    expect(params.title).toHaveLength(120);
    expect(warnings).toHaveLength(1);
  });
});

describe('serializeEmbedParams', () => {
  it('writes only what differs from the defaults (and the language), and parses back to the same', () => {
    const chosen: EmbedParams = { ...EMBED_DEFAULTS, layers: ['counties', 'rivers'], county: '140423', lang: 'zh', controls: 'full', dark: true, inset: false, title: '襄垣 & 河流' };
    const query = serializeEmbedParams(chosen);
    expect(query).toBe('?layers=counties,rivers&county=140423&lang=zh&controls=full&dark=1&inset=0&title=%E8%A5%84%E5%9E%A3+%26+%E6%B2%B3%E6%B5%81');
    expect(parse(query)).toEqual({ params: chosen, warnings: [] });
  });
});

describe('resolveLayers', () => {
  const ids = ['counties', 'rivers', 'wetlands'];
  it('keeps the known ids and warns about the others', () => {
    const warnings: string[] = [];
    expect([...resolveLayers(['wetlands', 'lava', 'counties'], ids, ['counties'], (w) => warnings.push(w))]).toEqual(['wetlands', 'counties']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('lava');
  });

  it('uses the defaults when none is known or none is asked for', () => {
    const warnings: string[] = [];
    expect([...resolveLayers(['lava'], ids, ['counties', 'rivers'], (w) => warnings.push(w))]).toEqual(['counties', 'rivers']);
    expect([...resolveLayers(undefined, ids, ['counties'], (w) => warnings.push(w))]).toEqual(['counties']);
    expect(warnings).toHaveLength(1);
  });
});
