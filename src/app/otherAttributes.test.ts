import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_PAGE, otherAttributes } from './otherAttributes.ts';

describe('otherAttributes', () => {
  it('gives a page of 300,000 attributes, and their count', () => {
    const properties: Record<string, unknown> = { name: '宽表' };
    for (let i = 0; i < 300_000; i++) properties[`c${i}`] = i;
    const { keys, total } = otherAttributes(properties, (key) => key !== 'name', ATTRIBUTE_PAGE);
    expect(total).toBe(300_000);
    expect(keys).toEqual(Array.from({ length: ATTRIBUTE_PAGE }, (_, i) => `c${i}`));
    expect(otherAttributes(properties, (key) => key !== 'name', 3 * ATTRIBUTE_PAGE).keys).toHaveLength(3 * ATTRIBUTE_PAGE);
  });

  it('lists every attribute of an ordinary feature, in order', () => {
    expect(otherAttributes({ name: 'a', area: 1, note: 'x' }, (key) => key !== 'name', ATTRIBUTE_PAGE)).toEqual({ keys: ['area', 'note'], total: 2 });
  });
});
