import { describe, expect, it } from 'vitest';
import { basemapBefore, isTileTemplate, storeBasemap, storedBasemap } from './basemap.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('optional basemap setting', () => {
  it('accepts only http(s) tile templates with {z}/{x}/{y}', () => {
    expect(isTileTemplate('https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY')).toBe(true);
    expect(isTileTemplate('https://tile.example.org/{z}/{x}/{y}.png')).toBe(true);
    expect(isTileTemplate('https://tile.example.org/{z}/{x}.png')).toBe(false);
    expect(isTileTemplate('javascript:alert(1)//{z}{x}{y}')).toBe(false);
    expect(isTileTemplate('')).toBe(false);
  });

  it('is off until set, and remembers a valid template', () => {
    const storage = memoryStorage();
    expect(storedBasemap(storage)).toBeNull();
    storeBasemap('https://tile.example.org/{z}/{x}/{y}.png', storage);
    expect(storedBasemap(storage)).toBe('https://tile.example.org/{z}/{x}/{y}.png');
    storeBasemap(null, storage);
    expect(storedBasemap(storage)).toBeNull();
    storage.setItem('shanshui.basemap', 'not a url');
    expect(storedBasemap(storage)).toBeNull();
  });

  it('goes above the background and the opaque context fills, under the outlines and every pack layer', () => {
    expect(basemapBefore(['background', 'context-province-fill', 'context-province-line', 'pack-counties-fill'])).toBe('context-province-line');
    expect(basemapBefore(['background', 'pack-counties-fill'])).toBe('pack-counties-fill');
    expect(basemapBefore(['background'])).toBeUndefined();
  });
});
