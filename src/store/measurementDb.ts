/**
 * Measurements kept in the browser (IndexedDB via `idb`, src/store/recordDb.ts), as a RecordStore
 * and a DraftStore:
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
import type { MeasuredGeometry, Measurement, MeasurementDraft } from '../measure/types.ts';
import type { DraftStore, RecordStore } from './recordStore.ts';
import { openRecordDb } from './recordDb.ts';

const MEASURE_DB_NAME = 'shanshui-measure';
/** 1: measurements, one draft ('current'). 2: drafts per tab, tombstones. */
const DB_VERSION = 2;

export type MeasurementStore = RecordStore<Measurement> & DraftStore<MeasurementDraft>;

/**
 * Opens the measurements database. Rejects with a StoreError of kind 'unavailable' when the
 * database exists but cannot be opened by this page (a newer version, written by a newer app).
 * Resolves with null where there is no IndexedDB at all (the caller keeps work in memory).
 */
export function openMeasurementDb(dbName = MEASURE_DB_NAME): Promise<MeasurementStore | null> {
  return openRecordDb<Measurement, MeasurementDraft>({
    dbName,
    version: DB_VERSION,
    records: 'measurements',
    isRecord: isMeasurement,
    isDraft: (d) => isGeometry(d.geometry),
    order: (a, b) => a.createdAt.localeCompare(b.createdAt),
  });
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
