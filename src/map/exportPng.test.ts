import { describe, expect, it } from 'vitest';
import { metresPerPixel, niceScale } from './exportPng.ts';

describe('scale bar arithmetic', () => {
  it('metres per pixel halves with each zoom level and shrinks with latitude', () => {
    // At zoom 0 a 512 px tile spans the equator.
    expect(metresPerPixel(0, 0) * 512).toBeCloseTo(40075016.686, 3);
    expect(metresPerPixel(36, 9) / metresPerPixel(36, 10)).toBeCloseTo(2, 12);
    expect(metresPerPixel(60, 5) / metresPerPixel(0, 5)).toBeCloseTo(0.5, 12);
  });

  it('picks the longest 1-2-5 length that fits', () => {
    expect(niceScale(100, 140)).toEqual({ metres: 10000, pixels: 100 });
    expect(niceScale(30, 140).metres).toBe(2000);
    expect(niceScale(0.9, 140).metres).toBe(100);
    for (const mpp of [0.37, 3.1, 47, 512, 7777]) {
      const { metres, pixels } = niceScale(mpp, 140);
      expect(pixels).toBeLessThanOrEqual(140);
      expect(pixels).toBeGreaterThan(140 / 5);
      expect(String(metres)).toMatch(/^[125]0*$|^0\.[0-9]*[125]$/);
    }
  });
});
