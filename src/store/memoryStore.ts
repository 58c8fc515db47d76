/**
 * A RecordStore and DraftStore in memory: the stand-in where IndexedDB is unavailable (some private
 * windows: `persistent: false`), and the store of the controllers' tests. Two stores made on one
 * `MemoryBacking` behave like two tabs on one database: each sees the other's changes through
 * `onChange`. `failWrites` makes every write fail with that kind, as a full disk would.
 */
import type { DraftStore, RecordStore, StoredRecord, StoreChange } from './recordStore.ts';
import { StoreError, type StoreErrorKind } from './storeError.ts';

export interface MemoryBacking<T, D> {
  records: Map<string, T>;
  deleted: Set<string>;
  drafts: Map<string, { draft: D; at: number }>;
  /** Orders drafts by write (newest first). */
  clock: number;
  /** Every store on this backing, told of the others' writes. */
  tabs: Set<(change: StoreChange, from: object) => void>;
}

export function memoryBacking<T, D>(): MemoryBacking<T, D> {
  return { records: new Map(), deleted: new Set(), drafts: new Map(), clock: 0, tabs: new Set() };
}

export interface MemoryStore<T extends StoredRecord, D> extends RecordStore<T>, DraftStore<D> {
  /** While set, every write rejects with a StoreError of this kind (and changes nothing). */
  failWrites: StoreErrorKind | null;
  /** Ends the store as an upgrade in another tab would: listeners hear it, later calls reject. */
  makeUnavailable(): void;
}

export function createMemoryStore<T extends StoredRecord, D>(
  backing: MemoryBacking<T, D> = memoryBacking(),
  order: (a: T, b: T) => number = () => 0,
): MemoryStore<T, D> {
  const changeListeners = new Set<(change: StoreChange) => void>();
  const unavailableListeners = new Set<(error: Error) => void>();
  const self = {};
  let closed: StoreError | null = null;
  const hear = (change: StoreChange, from: object) => {
    if (from !== self) for (const l of changeListeners) l(change);
  };
  backing.tabs.add(hear);
  const tell = (change: StoreChange) => {
    for (const tab of backing.tabs) tab(change, self);
  };
  /** Runs `body` now and settles with its result; a throw becomes a rejection, as in an async method. */
  const settle = <R>(body: () => R): Promise<R> => new Promise<R>((resolve) => resolve(body()));
  const writable = () => {
    if (closed) throw closed;
    if (store.failWrites) throw new StoreError(store.failWrites, `write refused (${store.failWrites})`);
  };
  const live = (id: string): T => {
    const record = backing.records.get(id);
    if (!record || backing.deleted.has(id)) throw new StoreError('deleted', `${id} was deleted`);
    return record;
  };

  const store: MemoryStore<T, D> = {
    persistent: false,
    failWrites: null,
    list() {
      return settle(() => {
        if (closed) throw closed;
        return [...backing.records.values()].map((r) => structuredClone(r)).sort(order);
      });
    },
    get(id) {
      return settle(() => {
        if (closed) throw closed;
        const record = backing.records.get(id);
        return record ? structuredClone(record) : null;
      });
    },
    create(record, options) {
      return settle(() => {
        writable();
        if (backing.deleted.has(record.id)) throw new StoreError('deleted', `${record.id} was deleted`);
        const stored = { ...structuredClone(record), version: (backing.records.get(record.id)?.version ?? 0) + 1 };
        backing.records.set(record.id, stored);
        if (options?.clearDraft) backing.drafts.delete(options.clearDraft);
        tell({ type: 'put', id: record.id });
        return structuredClone(stored);
      });
    },
    patch(id, change) {
      return settle(() => {
        writable();
        const current = live(id);
        const stored = { ...current, ...structuredClone(change), version: (current.version ?? 0) + 1 } as T;
        backing.records.set(id, stored);
        tell({ type: 'put', id });
        return structuredClone(stored);
      });
    },
    delete(id) {
      return settle(() => {
        writable();
        backing.records.delete(id);
        backing.deleted.add(id);
        tell({ type: 'delete', id });
      });
    },
    undelete(record) {
      return settle(() => {
        writable();
        backing.deleted.delete(record.id);
        const stored = { ...structuredClone(record), version: (record.version ?? 0) + 1 };
        backing.records.set(record.id, stored);
        tell({ type: 'put', id: record.id });
        return structuredClone(stored);
      });
    },
    drafts() {
      return settle(() => {
        if (closed) throw closed;
        return [...backing.drafts.entries()].sort((a, b) => b[1].at - a[1].at).map(([key, { draft }]) => ({ key, draft: structuredClone(draft) }));
      });
    },
    putDraft(key, draft) {
      return settle(() => {
        writable();
        if (draft) backing.drafts.set(key, { draft: structuredClone(draft), at: ++backing.clock });
        else backing.drafts.delete(key);
      });
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onUnavailable(listener) {
      unavailableListeners.add(listener);
      return () => unavailableListeners.delete(listener);
    },
    makeUnavailable() {
      closed = new StoreError('unavailable', 'the database was closed for an upgrade in another tab');
      for (const l of unavailableListeners) l(closed);
    },
    close() {
      backing.tabs.delete(hear);
      closed ??= new StoreError('unavailable', 'closed');
    },
  };
  return store;
}
