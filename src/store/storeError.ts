/**
 * Why a store write or read failed, in the few kinds a person can act on: the disk (or the
 * browser's share of it) is full; the record was deleted elsewhere (another tab); the database
 * went away (upgraded or closed by another tab, or never opened); anything else.
 */
export type StoreErrorKind = 'quota' | 'deleted' | 'unavailable' | 'failed';

export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  constructor(kind: StoreErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.kind = kind;
  }
}

/** The StoreError for anything IndexedDB (or `idb`) throws. */
export function storeErrorOf(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  // Chromium reports a full quota as QuotaExceededError, on the request or as the transaction's abort.
  if (name === 'QuotaExceededError' || /quota/i.test(message)) return new StoreError('quota', message, { cause: error });
  if (name === 'InvalidStateError' || name === 'VersionError' || (name === 'UnknownError' && /closed/i.test(message))) {
    return new StoreError('unavailable', message, { cause: error });
  }
  return new StoreError('failed', message, { cause: error });
}
