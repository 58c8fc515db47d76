import { describe, expect, it } from 'vitest';
import { parseAppState, serializeAppState } from './urlState.ts';

describe('app URL state', () => {
  it('round-trips every field', () => {
    const state = {
      pack: 'shanxi',
      lang: 'en' as const,
      view: [113.11612, 36.19531, 9.5] as [number, number, number],
      layers: ['counties', 'rivers'],
      county: '140423',
      unit: 'ha' as const,
    };
    const query = serializeAppState(state);
    expect(query).toBe('?pack=shanxi&lang=en&view=113.11612,36.19531,9.50&layers=counties,rivers&county=140423&unit=ha');
    expect(parseAppState(query)).toEqual(state);
  });

  it('drops bad values instead of failing', () => {
    expect(parseAppState('?lang=fr&view=1,2&county=abc&unit=acre')).toEqual({});
    expect(parseAppState('?view=200,36,9')).toEqual({});
  });

  it('keeps an explicitly empty layer list (every layer hidden)', () => {
    expect(parseAppState('?layers=').layers).toEqual([]);
  });
});
