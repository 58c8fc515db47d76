/**
 * Measurements kept in the browser (IndexedDB via `idb`), as a RecordStore and a DraftStore:
 * - every write is one strict-durability transaction, confirmed before it resolves, and a failure
 *   rejects with a StoreError (a full disk is kind 'quota'), never silently;
 * - a patch reads, merges and writes inside one transaction, so two tabs changing different
 *   fields of one measurement keep both changes;
 * - a delete leaves a tombstone (store `deleted`), checked by every later write in the same
 *   transaction: a rename from another tab cannot bring a deleted measurement back;
 * - drafts (the shape being drawn) are kept per tab, and a finished shape is saved and its draft
 *   removed in one transaction, so a crash at any moment leaves one or the other;
 * - other tabs hear of every write (BroadcastChannel) and read the record again;
 * - when another tab opens a newer version of the database this tab closes its connection at once
 *   (`blocking`), instead of holding the upgrade up, and says so.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { MeasuredGeometry, Measurement, MeasurementDraft } from '../measure/types.ts';
import type { DraftStore, RecordStore, StoreChange } from './recordStore.ts';
import { commitOrAbort } from './commitOrAbort.ts';
import { StoreError, storeErrorOf } from './storeError.ts';

const MEASURE_DB_NAME = 'shanshui-measure';
/** 1: measurements, one draft ('current'). 2: drafts per tab, tombstones. */
const DB_VERSION = 2;

interface MeasureDb extends DBSchema {
  measurements: { key: string; value: Measurement };
  drafts: { key: string; value: MeasurementDraft & { key: string } };
  deleted: { key: string; value: { id: string; deletedAt: string } };
}

export type MeasurementStore = RecordStore<Measurement> & DraftStore<MeasurementDraft>;

type Names = StoreNames<MeasureDb>[];

/**
 * Opens the measurements database. Rejects with a StoreError of kind 'unavailable' when the
 * database exists but cannot be opened by this page (a newer version, written by a newer app).
 * Resolves with null where there is no IndexedDB at all (the caller keeps work in memory).
 */
export async function openMeasurementDb(dbName = MEASURE_DB_NAME): Promise<MeasurementStore | null> {
  if (typeof indexedDB === 'undefined') return null;
  const unavailableListeners = new Set<(error: Error) => void>();
  let closedError: StoreError | null = null;
  const closeFor = (error: StoreError) => {
    if (closedError) return;
    closedError = error;
    db.close();
    for (const l of unavailableListeners) l(error);
  };
  let db: IDBPDatabase<MeasureDb>;
  try {
    db = await openDB<MeasureDb>(dbName, DB_VERSION, {
      upgrade(database) {
        if (!database.objectStoreNames.contains('measurements')) database.createObjectStore('measurements', { keyPath: 'id' });
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
  async function write<R>(names: Names, body: (tx: IDBPTransaction<MeasureDb, Names, 'readwrite'>) => Promise<R>): Promise<R> {
    if (closedError) throw closedError;
    let tx: IDBPTransaction<MeasureDb, Names, 'readwrite'>;
    try {
      tx = db.transaction(names, 'readwrite', { durability: 'strict' });
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
        const all = await db.getAll('measurements');
        return all.filter(isMeasurement).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      }),
    get: (id) =>
      read(async () => {
        const m = await db.get('measurements', id);
        return m && isMeasurement(m) ? m : null;
      }),
    async create(record, options) {
      const stored = await write(['measurements', 'deleted', 'drafts'], async (tx) => {
        if (await tx.objectStore('deleted').get(record.id)) throw gone(record.id);
        const before = await tx.objectStore('measurements').get(record.id);
        const next = { ...record, version: (before?.version ?? 0) + 1 };
        await tx.objectStore('measurements').put(next);
        if (options?.clearDraft) await tx.objectStore('drafts').delete(options.clearDraft);
        return next;
      });
      announce({ type: 'put', id: record.id });
      return stored;
    },
    async patch(id, change) {
      const stored = await write(['measurements', 'deleted'], async (tx) => {
        const current = await tx.objectStore('measurements').get(id);
        if (!current || (await tx.objectStore('deleted').get(id))) throw gone(id);
        const next: Measurement = { ...current, ...change, version: (current.version ?? 0) + 1 };
        await tx.objectStore('measurements').put(next);
        return next;
      });
      announce({ type: 'put', id });
      return stored;
    },
    async delete(id) {
      await write(['measurements', 'deleted'], async (tx) => {
        await tx.objectStore('measurements').delete(id);
        await tx.objectStore('deleted').put({ id, deletedAt: new Date().toISOString() });
      });
      announce({ type: 'delete', id });
    },
    async undelete(record) {
      const stored = await write(['measurements', 'deleted'], async (tx) => {
        await tx.objectStore('deleted').delete(record.id);
        const next = { ...record, version: (record.version ?? 0) + 1 };
        await tx.objectStore('measurements').put(next);
        return next;
      });
      announce({ type: 'put', id: record.id });
      return stored;
    },
    drafts: () =>
      read(async () => {
        const all = await db.getAll('drafts');
        return all
          .filter((d) => isGeometry(d.geometry))
          .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
          .map(({ key, ...draft }) => ({ key, draft }));
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

/** Records from an older or foreign version are skipped rather than breaking the list. */
function isMeasurement(value: unknown): value is Measurement {
  const m = value as Partial<Measurement> | null;
  return typeof m?.id === 'string' && typeof m.name === 'string' && typeof m.createdAt === 'string' && isGeometry(m.geometry);
}

function isGeometry(value: unknown): value is MeasuredGeometry {
  const g = value as { type?: unknown; coordinates?: unknown } | null;
  return (g?.type === 'Polygon' || g?.type === 'MultiPolygon' || g?.type === 'LineString') && Array.isArray(g.coordinates);
}
