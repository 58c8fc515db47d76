import { describe, expect, it } from 'vitest';
import {
  areaUnitLabel,
  convertArea,
  formatArea,
  formatLength,
  formatNumber,
  formatPercent,
  significant,
  significantDecimals,
  SQUARE_METRES_PER_MU,
} from './units.ts';

describe('convertArea', () => {
  it('uses 1 亩 = 10000/15 m², 1 ha = 15 亩, 1 km² = 1,500 亩', () => {
    expect(convertArea(10_000, 'mu')).toBeCloseTo(15, 12);
    expect(convertArea(1_000_000, 'mu')).toBeCloseTo(1500, 9);
    expect(convertArea(1_000_000, 'ha')).toBe(100);
    expect(convertArea(2_500_000, 'km2')).toBe(2.5);
    expect(convertArea(123.4, 'm2')).toBe(123.4);
    expect(SQUARE_METRES_PER_MU).toBeCloseTo(666.6667, 4);
  });
});

describe('formatArea', () => {
  it('writes the plan figure 70,897.71 亩 in both languages', () => {
    const m2 = 70_897.71 * SQUARE_METRES_PER_MU;
    expect(formatArea(m2, 'mu', 'zh')).toBe('70,897.71 亩');
    expect(formatArea(m2, 'mu', 'en')).toBe('70,897.71 mu');
  });

  it('uses the unit labels and default decimals', () => {
    expect(formatArea(13_955_000_000, 'km2', 'zh')).toBe('13,955.00 平方公里');
    expect(formatArea(13_955_000_000, 'km2', 'en')).toBe('13,955.00 km²');
    expect(formatArea(1_234_567, 'ha', 'zh')).toBe('123.46 公顷');
    expect(formatArea(1_234_567.4, 'm2', 'en')).toBe('1,234,567 m²');
    expect(formatArea(602 * SQUARE_METRES_PER_MU, 'mu', 'zh', { decimals: 0, withUnit: false })).toBe('602');
    expect(areaUnitLabel('ha', 'en')).toBe('ha');
  });

  it('refuses NaN and Infinity', () => {
    expect(() => formatArea(Number.NaN, 'mu', 'zh')).toThrow(RangeError);
    expect(() => formatArea(Number.POSITIVE_INFINITY, 'km2', 'en')).toThrow(RangeError);
  });
});

describe('formatLength', () => {
  it('gives metres below 1 km and kilometres from 1 km', () => {
    expect(formatLength(850.4, 'zh')).toBe('850 米');
    expect(formatLength(850.4, 'en')).toBe('850 m');
    expect(formatLength(999.4, 'en')).toBe('999 m');
    expect(formatLength(1000, 'en')).toBe('1.00 km');
    expect(formatLength(999.6, 'zh')).toBe('1.00 公里');
    expect(formatLength(123_456.7, 'zh')).toBe('123.46 公里');
  });
});

describe('formatNumber and formatPercent', () => {
  it('groups thousands and handles signs', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-1234.5, 1)).toBe('-1,234.5');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(999.999, 2)).toBe('1,000.00');
    expect(formatPercent(0.12345)).toBe('12.35%');
  });
});

describe('significant figures for estimates', () => {
  it('rounds to three significant digits and says how many decimals show them', () => {
    expect(significant(517_501.06)).toBe(518_000);
    expect(significant(0.012345)).toBeCloseTo(0.0123, 12);
    expect(significant(-2_346)).toBe(-2_350);
    expect(significant(0)).toBe(0);
    expect(significantDecimals(518_000)).toBe(0);
    expect(significantDecimals(14.4)).toBe(1);
    expect(significantDecimals(0.0123)).toBe(4);
  });
});
