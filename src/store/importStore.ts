/**
 * Imported layers kept in the browser (IndexedDB via `idb`) until the user removes them: one store
 * of records (settings, small) and one of data (the layer's WGS84 GeoJSON as UTF-8 bytes, kept in a Blob). Bytes,
 * not objects: writing and reading a flat buffer costs the page a copy, while a 50 MB object graph
 * would be cloned on the main thread for seconds. Where IndexedDB is unavailable an in-memory store
 * stands in and says so (`persistent: false`).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { commitOrAbort } from './commitOrAbort.ts';
import { StoreError, storeErrorOf, type StoreErrorKind } from './storeError.ts';
import type { ImportRecord } from './importedLayer.ts';

export const IMPORT_DB_NAME = 'shanshui-imports';
const DB_VERSION = 1;

interface ImportDb extends DBSchema {
  layers: { key: string; value: ImportRecord };
  /** A Blob (older entries: an ArrayBuffer). */
  data: { key: string; value: Blob | ArrayBuffer };
}

export interface ImportStore {
  readonly persistent: boolean;
  /** Every record, in panel order. */
  list(): Promise<ImportRecord[]>;
  /** The layer's GeoJSON bytes, or null when missing. */
  getData(id: string): Promise<ArrayBuffer | null>;
  /** Adds a layer: record and data in one transaction (both or neither). */
  add(record: ImportRecord, data: ArrayBuffer): Promise<void>;
  /**
   * Replaces the record only (settings changed). Rejects with a StoreError of kind 'deleted' when
   * the layer is gone (removed in another tab): a record is never written without its data.
   */
  putRecord(record: ImportRecord): Promise<void>;
  remove(id: string): Promise<void>;
  close(): void;
}

export async function openImportStore(dbName = IMPORT_DB_NAME): Promise<ImportStore> {
  let db: IDBPDatabase<ImportDb>;
  try {
    if (typeof indexedDB === 'undefined') return memoryImportStore();
    db = await openDB<ImportDb>(dbName, DB_VERSION, {
      upgrade(database) {
        if (!database.objectStoreNames.contains('layers')) database.createObjectStore('layers', { keyPath: 'id' });
        if (!database.objectStoreNames.contains('data')) database.createObjectStore('data');
      },
      // Another tab opens a newer version: let go at once rather than hold its upgrade up.
      blocking: () => db.close(),
    });
  } catch {
    return memoryImportStore();
  }
  return {
    persistent: true,
    async list() {
      const all = await db.getAll('layers');
      return all.filter(isRecord).sort((a, b) => a.order - b.order);
    },
    async getData(id) {
      const value = await db.get('data', id);
      if (!value) return null;
      return value instanceof ArrayBuffer ? value : await value.arrayBuffer();
    },
    async add(record, data) {
      try {
        await addLayer(record, data);
      } catch (error) {
        throw storeErrorOf(error);
      }
    },
    async putRecord(record) {
      // Checked and written in one transaction: a removal in another tab cannot slip in between.
      const tx = db.transaction(['layers', 'data'], 'readwrite', { durability: 'strict' });
      await commitOrAbort(tx, async () => {
        if ((await tx.objectStore('data').getKey(record.id)) === undefined) throw new StoreError('deleted', `${record.id} was removed`);
        await tx.objectStore('layers').put(record);
      });
    },
    async remove(id) {
      try {
        const tx = db.transaction(['layers', 'data'], 'readwrite', { durability: 'strict' });
        await Promise.all([tx.objectStore('layers').delete(id), tx.objectStore('data').delete(id), tx.done]);
      } catch (error) {
        throw storeErrorOf(error);
      }
    },
    close() {
      db.close();
    },
  };

  async function addLayer(record: ImportRecord, data: ArrayBuffer): Promise<void> {
    // Stored as a Blob: putting a 50 MB ArrayBuffer held the page ~400 ms (the value is
    // serialized, and compressed, on the calling thread); a Blob's bytes go to the browser
    // process without that.
    const blob = typeof Blob === 'undefined' ? data : new Blob([data]);
    const tx = db.transaction(['layers', 'data'], 'readwrite', { durability: 'strict' });
    await Promise.all([tx.objectStore('data').put(blob, record.id), tx.objectStore('layers').put(record), tx.done]);
  }
}

/** Keeps layers for this page only. `failWrites` makes every write fail with that kind, as a full disk would. */
export function memoryImportStore(): ImportStore & { failWrites: StoreErrorKind | null } {
  const records = new Map<string, ImportRecord>();
  const data = new Map<string, ArrayBuffer>();
  const writable = () => {
    if (store.failWrites) throw new StoreError(store.failWrites, `write refused (${store.failWrites})`);
  };
  /** Runs `body` now and settles with its result; a throw becomes a rejection, as in an async method. */
  const settle = <R>(body: () => R): Promise<R> => new Promise<R>((resolve) => resolve(body()));
  const store = {
    persistent: false,
    failWrites: null as StoreErrorKind | null,
    list() {
      return settle(() => [...records.values()].sort((a, b) => a.order - b.order));
    },
    getData(id: string) {
      return settle(() => data.get(id) ?? null);
    },
    add(record: ImportRecord, bytes: ArrayBuffer) {
      return settle(() => {
        writable();
        records.set(record.id, record);
        data.set(record.id, bytes);
      });
    },
    putRecord(record: ImportRecord) {
      return settle(() => {
        writable();
        if (!data.has(record.id)) throw new StoreError('deleted', `${record.id} was removed`);
        records.set(record.id, record);
      });
    },
    remove(id: string) {
      return settle(() => {
        writable();
        records.delete(id);
        data.delete(id);
      });
    },
    close() {},
  };
  return store;
}

/** A stored value that is a usable record (an older or damaged entry is skipped, not trusted). */
export function isRecord(value: unknown): value is ImportRecord {
  const r = value as ImportRecord;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    r.id.startsWith('import-') &&
    typeof r.name === 'string' &&
    typeof r.color === 'string' &&
    Array.isArray(r.propertyKeys) &&
    typeof r.sourceCrs === 'string' &&
    typeof r.featureCount === 'number' &&
    typeof r.order === 'number'
  );
}
