import { describe, expect, it } from 'vitest';
import { StoreError, storeErrorOf } from './storeError.ts';

describe('storeErrorOf', () => {
  it('names what IndexedDB throws in the kinds a person can act on', () => {
    expect(storeErrorOf(new DOMException('The quota has been exceeded.', 'QuotaExceededError')).kind).toBe('quota');
    expect(storeErrorOf(new DOMException('The database connection is closing.', 'InvalidStateError')).kind).toBe('unavailable');
    expect(storeErrorOf(new DOMException('The requested version (2) is less than the existing version (99).', 'VersionError')).kind).toBe('unavailable');
    expect(storeErrorOf(new DOMException('Internal error.', 'UnknownError')).kind).toBe('failed');
    const own = new StoreError('deleted', 'gone');
    expect(storeErrorOf(own)).toBe(own);
    expect(storeErrorOf(new DOMException('x', 'QuotaExceededError')).cause).toBeInstanceOf(DOMException);
  });
});
