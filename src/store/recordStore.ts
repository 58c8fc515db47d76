/**
 * What a controller needs of a place that keeps records: the browser's IndexedDB today, a server
 * (and the sync queue in front of it) later. Every write resolves with the record as stored (its
 * new `version`) or rejects with a `StoreError`; nothing is written in the background.
 */

/** A record the store keeps: an id, and a version the store raises on every write (absent: never stored). */
export interface StoredRecord {
  id: string;
  version?: number;
}

/** A change made by someone else (another tab, later a server): the record to read again, or gone. */
export type StoreChange = { type: 'put'; id: string } | { type: 'delete'; id: string };

export interface RecordStore<T extends StoredRecord> {
  /** False for the in-memory stand-in: the UI warns that nothing survives a reload. */
  readonly persistent: boolean;
  /** Every live record (deleted ones are not listed). Rejects when the records cannot be read. */
  list(): Promise<T[]>;
  /** One record, or null when it does not exist or was deleted. */
  get(id: string): Promise<T | null>;
  /**
   * Stores a new record (version 1). Rejects with kind 'deleted' when the id was deleted.
   * `clearDraft`: removes that draft in the same transaction (the shape becomes the record).
   */
  create(record: T, options?: { clearDraft?: string }): Promise<T>;
  /**
   * Changes only the given fields of the stored record (read, merge and write in one transaction,
   * so a change made elsewhere to other fields is kept). Rejects with 'deleted' when it is gone.
   */
  patch(id: string, change: Partial<Omit<T, 'id' | 'version'>>): Promise<T>;
  /** Deletes the record for good: later writes to it are refused (a tombstone is kept). */
  delete(id: string): Promise<void>;
  /** Takes back a delete made here: the record is stored again as it was. */
  undelete(record: T): Promise<T>;
  /** Changes made elsewhere. Returns the unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void;
  /** Called when the store can no longer be used (e.g. another tab upgraded the database). */
  onUnavailable(listener: (error: Error) => void): () => void;
  close(): void;
}

/** Unfinished work kept per tab (key), so one tab's sketch never replaces another's. */
export interface DraftStore<D> {
  /** Every kept draft with its key, newest first. */
  drafts(): Promise<{ key: string; draft: D }[]>;
  /** Writes (or with null, removes) the draft under `key`. */
  putDraft(key: string, draft: D | null): Promise<void>;
}
