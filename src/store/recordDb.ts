/**
 * Records kept in the browser (IndexedDB via `idb`), as a RecordStore and a DraftStore — the
 * measurements (src/store/measurementDb.ts) and the team's restoration figures and indicator values
 * (src/store/teamRecordDb.ts) alike:
 * - every write is one strict-durability transaction, confirmed before it resolves, and a failure
 *   rejects with a StoreError (a full disk is kind 'quota'), never silently;
 * - a patch reads, merges and writes inside one transaction, so two tabs changing different
 *   fields of one record keep both changes;
 * - a delete leaves a tombstone (store `deleted`), checked by every later write in the same
 *   transaction: a rename from another tab cannot bring a deleted record back;
 * - drafts (the shape being drawn) are kept per tab, and a finished shape is saved and its draft
 *   removed in one transaction, so a crash at any moment leaves one or the other;
 * - other tabs hear of every write (BroadcastChannel) and read the record again;
 * - when another tab opens a newer version of the database this tab closes its connection at once
 *   (`blocking`), instead of holding the upgrade up, and says so.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { DraftStore, RecordStore, StoredRecord, StoreChange } from './recordStore.ts';
import { commitOrAbort } from './commitOrAbort.ts';
import { StoreError, storeErrorOf } from './storeError.ts';

export interface RecordDbOptions<T extends StoredRecord, D> {
  dbName: string;
  version: number;
  /** The object store of the records (keyPath `id`); `drafts` and `deleted` sit beside it. */
  records: string;
  /** Whether a stored value is a record of this version (older or foreign ones are skipped, not fatal). */
  isRecord: (value: unknown) => value is T;
  isDraft: (value: D) => boolean;
  order: (a: T, b: T) => number;
}

type Tx = IDBPTransaction<unknown, string[], 'readwrite'>;

/**
 * Opens a records database. Rejects with a StoreError of kind 'unavailable' when the
 * database exists but cannot be opened by this page (a newer version, written by a newer app).
 * Resolves with null where there is no IndexedDB at all (the caller keeps work in memory).
 */
export async function openRecordDb<T extends StoredRecord, D>(options: RecordDbOptions<T, D>): Promise<(RecordStore<T> & DraftStore<D>) | null> {
  const { dbName, records, isRecord } = options;
  if (typeof indexedDB === 'undefined') return null;
  const unavailableListeners = new Set<(error: Error) => void>();
  let closedError: StoreError | null = null;
  const closeFor = (error: StoreError) => {
    if (closedError) return;
    closedError = error;
    db.close();
    for (const l of unavailableListeners) l(error);
  };
  let db: IDBPDatabase;
  try {
    db = await openDB(dbName, options.version, {
      upgrade(database) {
        if (!database.objectStoreNames.contains(records)) database.createObjectStore(records, { keyPath: 'id' });
        if (!database.objectStoreNames.contains('drafts')) database.createObjectStore('drafts', { keyPath: 'key' });
        if (!database.objectStoreNames.contains('deleted')) database.createObjectStore('deleted', { keyPath: 'id' });
      },
      // Another tab wants a newer version: step aside at once (it would wait for us forever).
      blocking: () => closeFor(new StoreError('unavailable', 'the database is being upgraded by another tab')),
      terminated: () => closeFor(new StoreError('unavailable', 'the browser closed the database')),
    });
  } catch (error) {
    const e = storeErrorOf(error);
    if (e.kind === 'unavailable') throw e;
    // Some private windows refuse IndexedDB altogether: work is kept in memory, and the UI says so.
    return null;
  }

  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(dbName);
  const changeListeners = new Set<(change: StoreChange) => void>();
  if (channel) {
    channel.onmessage = (event: MessageEvent<StoreChange>) => {
      for (const l of changeListeners) l(event.data);
    };
  }
  const announce = (change: StoreChange) => channel?.postMessage(change);

  /** One readwrite transaction: the body's result once it is committed, or a StoreError. */
  async function write<R>(names: string[], body: (tx: Tx) => Promise<R>): Promise<R> {
    if (closedError) throw closedError;
    let tx: Tx;
    try {
      tx = db.transaction<string[], 'readwrite'>(names, 'readwrite', { durability: 'strict' });
    } catch (error) {
      throw storeErrorOf(error);
    }
    return commitOrAbort(tx, body);
  }

  async function read<R>(body: () => Promise<R>): Promise<R> {
    if (closedError) throw closedError;
    try {
      return await body();
    } catch (error) {
      throw storeErrorOf(error);
    }
  }

  const gone = (id: string) => new StoreError('deleted', `${id} was deleted`);

  return {
    persistent: true,
    list: () =>
      read(async () => {
        const all: unknown[] = await db.getAll(records);
        return all.filter(isRecord).sort(options.order);
      }),
    get: (id) =>
      read(async () => {
        const m: unknown = await db.get(records, id);
        return isRecord(m) ? m : null;
      }),
    async create(record, options) {
      const stored = await write([records, 'deleted', 'drafts'], async (tx) => {
        if (await tx.objectStore('deleted').get(record.id)) throw gone(record.id);
        const before = (await tx.objectStore(records).get(record.id)) as T | undefined;
        const next = { ...record, version: (before?.version ?? 0) + 1 };
        await tx.objectStore(records).put(next);
        if (options?.clearDraft) await tx.objectStore('drafts').delete(options.clearDraft);
        return next;
      });
      announce({ type: 'put', id: record.id });
      return stored;
    },
    async patch(id, change) {
      const stored = await write([records, 'deleted'], async (tx) => {
        const current = (await tx.objectStore(records).get(id)) as T | undefined;
        if (!current || (await tx.objectStore('deleted').get(id))) throw gone(id);
        const next: T = { ...current, ...change, version: (current.version ?? 0) + 1 };
        await tx.objectStore(records).put(next);
        return next;
      });
      announce({ type: 'put', id });
      return stored;
    },
    async delete(id) {
      await write([records, 'deleted'], async (tx) => {
        await tx.objectStore(records).delete(id);
        await tx.objectStore('deleted').put({ id, deletedAt: new Date().toISOString() });
      });
      announce({ type: 'delete', id });
    },
    async undelete(record) {
      const stored = await write([records, 'deleted'], async (tx) => {
        await tx.objectStore('deleted').delete(record.id);
        const next = { ...record, version: (record.version ?? 0) + 1 };
        await tx.objectStore(records).put(next);
        return next;
      });
      announce({ type: 'put', id: record.id });
      return stored;
    },
    drafts: () =>
      read(async () => {
        const all = (await db.getAll('drafts')) as (D & { key: string; savedAt: string })[];
        return all
          .filter((d) => options.isDraft(d))
          .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
          .map(({ key, ...draft }) => ({ key, draft: draft as D }));
      }),
    async putDraft(key, draft) {
      await write(['drafts'], async (tx) => {
        if (draft) await tx.objectStore('drafts').put({ ...draft, key });
        else await tx.objectStore('drafts').delete(key);
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
    close() {
      channel?.close();
      closedError ??= new StoreError('unavailable', 'closed');
      db.close();
    },
  };
}
