/**
 * The team's records (restoration figures, indicator values) kept in this browser, one database
 * per server user and collection, so a figure typed while the server is unreachable is stored
 * before anything is sent (src/controllers/teamRecordsController.ts) and another user of this
 * browser never sees it. The store is src/store/recordDb.ts (the measurements' store).
 */
import { openRecordDb } from './recordDb.ts';
import type { RecordStore } from './recordStore.ts';

/** A team record as this browser keeps it: the body as sent, and what the server last said of it. */
export interface LocalTeamRecord<B> {
  id: string;
  /** This browser's version (the store's, not the server's). */
  version?: number;
  body: B;
  createdAt: string;
  /** Set once the server has it: its version, who changed it last, when. */
  team?: { version: number; updatedBy: string; updatedAt: string };
}

const isLocalTeamRecord = <B>(value: unknown): value is LocalTeamRecord<B> => {
  const r = value as Partial<LocalTeamRecord<B>> | null;
  return typeof r?.id === 'string' && typeof r.createdAt === 'string' && typeof r.body === 'object' && r.body !== null;
};

/** Opens the collection's database for `username`; null where IndexedDB is missing (kept in memory then). */
export function openTeamRecordDb<B>(username: string, collection: string): Promise<RecordStore<LocalTeamRecord<B>> | null> {
  return openRecordDb<LocalTeamRecord<B>, never>({
    dbName: `shanshui-team-${username}-${collection}`,
    version: 1,
    records: 'records',
    isRecord: isLocalTeamRecord,
    isDraft: () => false,
    order: (a, b) => a.createdAt.localeCompare(b.createdAt),
  });
}
