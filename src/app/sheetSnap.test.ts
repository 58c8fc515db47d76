import { describe, expect, it } from 'vitest';
import { nextSnap, snapAfterDrag, snapHeight } from './sheetSnap.ts';

describe('bottom sheet snap points', () => {
  // A 375 × 812 phone: the map area under a 48 px header is 764 px tall.
  const available = 764;

  it('rests at 120 px, half (382 px) or full (764 px)', () => {
    expect([snapHeight('peek', available), snapHeight('half', available), snapHeight('full', available)]).toEqual([120, 382, 764]);
  });

  it('a slow drag ends at the nearest point; a flick goes one step its way', () => {
    expect(snapAfterDrag(200, available)).toBe('peek');
    expect(snapAfterDrag(300, available)).toBe('half');
    expect(snapAfterDrag(600, available)).toBe('full');
    expect(snapAfterDrag(200, available, 1)).toBe('half');
    expect(snapAfterDrag(500, available, -1)).toBe('half');
    expect(snapAfterDrag(300, available, -1)).toBe('peek');
  });

  it('the handle steps up, down, or round', () => {
    expect(nextSnap('peek', 'up')).toBe('half');
    expect(nextSnap('full', 'up')).toBe('full');
    expect(nextSnap('half', 'down')).toBe('peek');
    expect(nextSnap('full', 'cycle')).toBe('peek');
  });
});
