/**
 * The team's shared records for React: restoration figures, indicator values, shared layers and
 * published versions, each a controller (src/controllers) created once per page and loaded when a
 * user signs in (cleared on sign-out). Figures and values are offline-first: kept in this browser
 * per user (IndexedDB, in memory where there is none) and synced under the measurements' Web Lock.
 * Without a server nothing here is loaded or shown.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { PublishController } from '../../controllers/publishController.ts';
import { TeamRecordsController, type IndicatorRecord, type RecordBody, type RestorationRecord } from '../../controllers/teamRecordsController.ts';
import { createMemoryStore } from '../../store/memoryStore.ts';
import type { RecordStore } from '../../store/recordStore.ts';
import { openSyncLinks } from '../../store/syncLinks.ts';
import { openTeamRecordDb, type LocalTeamRecord } from '../../store/teamRecordDb.ts';
import { exclusive } from '../sync/sync.tsx';
import { ServerApi, type ServerRecord } from '../../store/serverApi.ts';
import { useSession } from '../session/session.tsx';
import { TeamContext } from './teamSlots.tsx';

export interface TeamControllers {
  restorations: TeamRecordsController<RestorationRecord>;
  indicators: TeamRecordsController<IndicatorRecord>;
  publish: PublishController;
}

/** This user's records of one collection here: IndexedDB, or memory where a browser has none (a private window). */
async function localRecords<B>(username: string, collection: string): Promise<RecordStore<LocalTeamRecord<B>>> {
  return (await openTeamRecordDb<B>(username, collection)) ?? createMemoryStore<LocalTeamRecord<B>, never>();
}

function teamRecords<T extends ServerRecord>(api: ServerApi, collection: string, label: (body: RecordBody<T>) => string) {
  return new TeamRecordsController<T>({
    api,
    path: `/api/${collection}s`,
    label,
    openStore: (username) => localRecords<RecordBody<T>>(username, collection),
    openLinks: (username) => openSyncLinks(username, collection),
    exclusive,
  });
}

export function TeamWorkProvider({ packId, children }: { packId: string | null; children: ReactNode }) {
  const { state } = useSession();
  const [api] = useState(() => new ServerApi());
  const [records] = useState(() => ({
    restorations: teamRecords<RestorationRecord>(api, 'restoration', (r) => `${r.site} ${r.date}`),
    indicators: teamRecords<IndicatorRecord>(api, 'indicator', (r) => `${r.indicator} ${r.year}`),
  }));
  // One controller per pack: derived from the pack id, not kept as state of its own.
  const publish = useMemo(() => (packId ? new PublishController(api, packId) : null), [api, packId]);
  const signedIn = state.status === 'signed-in';
  const userId = state.user?.id;
  const username = signedIn ? (state.user?.username ?? null) : null;
  useEffect(() => {
    const all = [records.restorations, records.indicators];
    if (!username) {
      for (const c of all) c.stop();
      return;
    }
    for (const c of all) void c.start(username);
    const online = () => {
      for (const c of all) void c.synced();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [username, records]);
  useEffect(() => {
    if (signedIn && publish) void publish.load(true);
  }, [signedIn, userId, publish]);
  const value = publish && signedIn ? { ...records, publish } : null;
  return <TeamContext.Provider value={value}>{children}</TeamContext.Provider>;
}
