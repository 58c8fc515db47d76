/**
 * Which imported layers the user has hidden, kept in the browser beside the layers themselves, so
 * a reload shows them as they were left. (Shared links name pack layers only: imported data stay
 * in this browser.)
 */
const KEY = 'shanshui.hiddenImports';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export function hiddenImports(storage: Storage | undefined = globalThis.localStorage): Set<string> {
  try {
    const ids: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set(); // storage disabled or garbled: everything shown
  }
}

export function storeHiddenImports(ids: Iterable<string>, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify([...ids].sort()));
  } catch {
    // Not kept; the layers still show as chosen for this session.
  }
}
