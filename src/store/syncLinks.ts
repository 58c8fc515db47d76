/**
 * What the server holds of each local record (a measurement, a restoration figure, …): its server id and version, and a fingerprint
 * of the content last sent or received. This table is the sync's durable outbox: a local record
 * whose fingerprint differs from its link's, a local record without a link, and a link whose
 * local record is gone are exactly the pending server writes. It is derived from the records
 * IndexedDB already keeps (every write lands there first, in one transaction), so no crash between
 * "stored" and "queued" can lose a write, and a reload finds the queue as it was.
 */
import { openDB } from 'idb';

export interface SyncLink {
  localId: string;
  serverId: string;
  serverVersion: number;
  /** contentKey() of the content the server has at serverVersion. */
  content: string;
}

export interface SyncLinks {
  all(): Promise<SyncLink[]>;
  put(link: SyncLink): Promise<void>;
  delete(localId: string): Promise<void>;
}

/** Links in memory: the stand-in of the controllers' Node tests (share one Map between two "tabs"). */
export function memoryLinks(backing = new Map<string, SyncLink>()): SyncLinks {
  return {
    all: () => Promise.resolve([...backing.values()].map((l) => ({ ...l }))),
    put: (link) => Promise.resolve(void backing.set(link.localId, { ...link })),
    delete: (localId) => Promise.resolve(void backing.delete(localId)),
  };
}

/**
 * Links in IndexedDB, one database per server user (two users of one browser never mix) and
 * collection (measurements: none given, the database of the first version; else e.g. 'restoration').
 */
export async function openSyncLinks(username: string, collection?: string): Promise<SyncLinks> {
  const db = await openDB(collection ? `shanshui-sync-${username}-${collection}` : `shanshui-sync-${username}`, 1, {
    upgrade(database) {
      database.createObjectStore('links', { keyPath: 'localId' });
    },
  });
  return {
    all: () => db.getAll('links') as Promise<SyncLink[]>,
    async put(link) {
      await db.put('links', link);
    },
    async delete(localId) {
      await db.delete('links', localId);
    },
  };
}
