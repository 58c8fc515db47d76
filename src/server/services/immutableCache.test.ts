import { describe, expect, it } from 'vitest';
import { ImmutableCache } from './immutableCache.ts';

describe('ImmutableCache', () => {
  it('keeps the most recently used entries within its byte budget', () => {
    const cache = new ImmutableCache<{ body: string }>(10, (v) => v.body.length);
    cache.set('a', { body: 'aaaa' });
    cache.set('b', { body: 'bbbb' });
    expect(cache.get('a')?.body).toBe('aaaa'); // a is now the most recent
    cache.set('c', { body: 'cccc' }); // 12 bytes > 10: the least recent (b) goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body).toBe('aaaa');
    expect(cache.get('c')?.body).toBe('cccc');
    cache.set('huge', { body: 'x'.repeat(11) });
    expect(cache.get('huge')).toBeUndefined();
  });
});
