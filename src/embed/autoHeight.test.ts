import { describe, expect, it } from 'vitest';
import { heightMessages, naturalMapHeight } from './autoHeight.ts';

describe('naturalMapHeight', () => {
  it('is 0.7 × the width, at least 240 px on a phone and at most 520 px on a wide page', () => {
    expect(naturalMapHeight(320)).toBe(240);
    expect(naturalMapHeight(375)).toBe(263);
    expect(naturalMapHeight(640)).toBe(448);
    expect(naturalMapHeight(1200)).toBe(520);
  });
});

describe('heightMessages', () => {
  it('speaks both the loader format and AMP embed-size', () => {
    expect(heightMessages(612)).toEqual([{ 'shanshui-height': 612 }, { sentinel: 'amp', type: 'embed-size', height: 612 }]);
  });
});
