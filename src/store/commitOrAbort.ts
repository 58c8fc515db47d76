import { storeErrorOf } from './storeError.ts';

/**
 * Runs `body` in an IndexedDB transaction and resolves with its result once the transaction has
 * committed. A failure aborts the transaction (nothing of it is kept) and rejects with one
 * StoreError; the transaction's own rejection is that same failure, so it is not reported twice.
 */
export async function commitOrAbort<T extends { done: Promise<void>; abort(): void }, R>(tx: T, body: (tx: T) => Promise<R>): Promise<R> {
  const done = tx.done;
  try {
    const result = await body(tx);
    await done;
    return result;
  } catch (error) {
    done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request, or finished.
    }
    throw storeErrorOf(error);
  }
}
