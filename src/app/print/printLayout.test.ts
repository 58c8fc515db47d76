import { describe, expect, it } from 'vitest';
import { fitScale, pageLayout, scaleBar, scaleText } from './printLayout.ts';

describe('pageLayout', () => {
  it('fills the paper within 12 mm margins, map above (portrait) or beside (landscape) the tables', () => {
    const a4 = pageLayout('A4', 'portrait');
    expect([a4.width, a4.height]).toEqual([210, 297]);
    expect(a4.map).toMatchObject({ x: 12, width: 186 });
    expect(a4.side.y + a4.side.height).toBe(285);
    const a3 = pageLayout('A3', 'landscape');
    expect([a3.width, a3.height]).toEqual([420, 297]);
    expect(a3.side.x + a3.side.width).toBe(408);
    expect(a3.map.height).toBe(a3.side.height);
  });
});

describe('scales', () => {
  it('fits a box: 1° of longitude at 36° (90,062 m) in a 186 mm frame needs 1:509,000', () => {
    // 111,320 m × cos 36° = 90,061.6 m; ÷ 0.186 m × 1.05 = 508,412 → 509,000.
    expect(fitScale([112, 35.9, 113, 36.1], { x: 0, y: 0, width: 186, height: 160 })).toBe(509_000);
  });

  it('picks a 1-2-5 scale bar length', () => {
    expect(scaleBar(50_000, 40)).toEqual({ metres: 2000, mm: 40 });
    expect(scaleBar(250_000, 30)).toEqual({ metres: 5000, mm: 20 });
    expect(scaleText(250_000)).toBe('1:250,000');
  });
});
