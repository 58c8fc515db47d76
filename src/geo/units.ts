import type { Lang } from './lang.ts';

/** Units planners report areas in: 亩 (mu), 公顷 (ha), 平方公里 (km²), 平方米 (m²). */
export type AreaUnit = 'mu' | 'ha' | 'km2' | 'm2';

export const AREA_UNITS: readonly AreaUnit[] = ['mu', 'ha', 'km2', 'm2'];

/** 1 亩 = 10000/15 m² ≈ 666.667 m² (1 ha = 15 亩, 1 km² = 1,500 亩). */
export const SQUARE_METRES_PER_MU = 10000 / 15;

const SQUARE_METRES_PER_UNIT: Record<AreaUnit, number> = {
  mu: SQUARE_METRES_PER_MU,
  ha: 10_000,
  km2: 1_000_000,
  m2: 1,
};

/** Decimals shown by default: reports give 亩 to 0.01. */
export const DEFAULT_AREA_DECIMALS: Record<AreaUnit, number> = { mu: 2, ha: 2, km2: 2, m2: 0 };

const AREA_LABELS: Record<Lang, Record<AreaUnit, string>> = {
  zh: { mu: '亩', ha: '公顷', km2: '平方公里', m2: '平方米' },
  en: { mu: 'mu', ha: 'ha', km2: 'km²', m2: 'm²' },
};

/** Area in m² expressed in `unit`. */
export function convertArea(m2: number, unit: AreaUnit): number {
  return m2 / SQUARE_METRES_PER_UNIT[unit];
}

/** The unit's name as shown after a number: 亩 / mu, 公顷 / ha, 平方公里 / km², 平方米 / m². */
export function areaUnitLabel(unit: AreaUnit, lang: Lang): string {
  return AREA_LABELS[lang][unit];
}

/** Label of a length unit: `米` / `m`, `公里` / `km`. */
export function lengthUnitLabel(unit: 'm' | 'km', lang: Lang): string {
  return lang === 'zh' ? (unit === 'km' ? '公里' : '米') : unit;
}

export interface FormatOptions {
  /** Digits after the decimal point (default per unit, see DEFAULT_AREA_DECIMALS). */
  decimals?: number;
  /** Append the unit label (default true). */
  withUnit?: boolean;
}

/**
 * An area in m² as text in `unit`, grouped by thousands: `70,897.71 亩` (zh) or `70,897.71 mu`
 * (en). Throws RangeError for NaN or Infinity rather than printing a meaningless figure.
 */
export function formatArea(m2: number, unit: AreaUnit, lang: Lang, options: FormatOptions = {}): string {
  const text = formatNumber(convertArea(m2, unit), options.decimals ?? DEFAULT_AREA_DECIMALS[unit]);
  return options.withUnit === false ? text : `${text} ${areaUnitLabel(unit, lang)}`;
}

/**
 * A length in m as text: metres below 1 km (`850 m` / `850 米`), kilometres from 1 km on
 * (`12.35 km` / `12.35 公里`). Default decimals: 0 for m, 2 for km.
 */
export function formatLength(m: number, lang: Lang, options: FormatOptions = {}): string {
  // Decided after rounding: 999.6 m is "1.00 km", not "1,000 m".
  const km = Math.abs(Number(m.toFixed(options.decimals ?? 0))) >= 1000;
  const text = formatNumber(km ? m / 1000 : m, options.decimals ?? (km ? 2 : 0));
  if (options.withUnit === false) return text;
  const label = lengthUnitLabel(km ? 'km' : 'm', lang);
  return `${text} ${label}`;
}

/** A share (0–1) as a percentage: `12.34%`. */
export function formatPercent(share: number, decimals = 2): string {
  return `${formatNumber(share * 100, decimals)}%`;
}

/** `value` rounded to `digits` significant digits: an estimate must not look more exact than it is. */
export function significant(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
  return Math.round(value / magnitude) * magnitude;
}

/** Decimals that show `value` to `digits` significant digits (none for large values). */
export function significantDecimals(value: number, digits = 3): number {
  return Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value) || 1)));
}

/** A number with `decimals` digits and thousands separated by commas: `1,234,567.80`. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value}`);
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
