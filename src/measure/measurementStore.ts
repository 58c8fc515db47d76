/**
 * Measurements kept in the browser (IndexedDB via `idb`): every change is written at once in its
 * own strict-durability transaction, so a reload, a crash or a closed tab loses nothing. The shape
 * being drawn is kept too (as a draft, written when a vertex is added), and offered back on reload.
 * Where IndexedDB is unavailable (some private windows) an in-memory store stands in and says so.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { MeasuredGeometry, Measurement, MeasurementKind } from './types.ts';

export const MEASURE_DB_NAME = 'shanshui-measure';
const DB_VERSION = 1;

/** The shape being drawn when the page went away. */
export interface MeasurementDraft {
  kind: MeasurementKind;
  geometry: MeasuredGeometry;
  savedAt: string;
}

interface MeasureDb extends DBSchema {
  measurements: { key: string; value: Measurement };
  drafts: { key: string; value: MeasurementDraft & { key: string } };
}

export interface MeasurementStore {
  /** False for the in-memory stand-in: the UI warns that nothing survives a reload. */
  readonly persistent: boolean;
  list(): Promise<Measurement[]>;
  put(measurement: Measurement): Promise<void>;
  remove(id: string): Promise<void>;
  getDraft(): Promise<MeasurementDraft | null>;
  putDraft(draft: MeasurementDraft | null): Promise<void>;
  close(): void;
}

const DRAFT_KEY = 'current';

export async function openMeasurementStore(dbName = MEASURE_DB_NAME): Promise<MeasurementStore> {
  let db: IDBPDatabase<MeasureDb>;
  try {
    if (typeof indexedDB === 'undefined') return memoryStore();
    db = await openDB<MeasureDb>(dbName, DB_VERSION, {
      upgrade(database) {
        if (!database.objectStoreNames.contains('measurements')) database.createObjectStore('measurements', { keyPath: 'id' });
        if (!database.objectStoreNames.contains('drafts')) database.createObjectStore('drafts', { keyPath: 'key' });
      },
    });
  } catch {
    return memoryStore();
  }
  const strict = { durability: 'strict' } as const;
  return {
    persistent: true,
    async list() {
      const all = await db.getAll('measurements');
      return all.filter(isMeasurement).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async put(measurement) {
      const tx = db.transaction('measurements', 'readwrite', strict);
      await Promise.all([tx.store.put(measurement), tx.done]);
    },
    async remove(id) {
      const tx = db.transaction('measurements', 'readwrite', strict);
      await Promise.all([tx.store.delete(id), tx.done]);
    },
    async getDraft() {
      const draft = await db.get('drafts', DRAFT_KEY);
      if (!draft || !isGeometry(draft.geometry)) return null;
      const { key: _key, ...rest } = draft;
      return rest;
    },
    async putDraft(draft) {
      const tx = db.transaction('drafts', 'readwrite', strict);
      await Promise.all([draft ? tx.store.put({ ...draft, key: DRAFT_KEY }) : tx.store.delete(DRAFT_KEY), tx.done]);
    },
    close() {
      db.close();
    },
  };
}

function memoryStore(): MeasurementStore {
  const items = new Map<string, Measurement>();
  let draft: MeasurementDraft | null = null;
  return {
    persistent: false,
    list: async () => [...items.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    put: async (m) => void items.set(m.id, structuredClone(m)),
    remove: async (id) => void items.delete(id),
    getDraft: async () => draft,
    putDraft: async (d) => {
      draft = d;
    },
    close() {},
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
