/**
 * The team's shared records for React: restoration figures, indicator values, shared layers and
 * published versions, each a controller (src/controllers) created once per page and loaded when a
 * user signs in (cleared on sign-out). Figures and values are offline-first: kept in this browser
 * per user (IndexedDB, in memory where there is none) and synced under the measurements' Web Lock.
 * Without a server nothing here is loaded or shown.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { PublishController } from '../../controllers/publishController.ts';
import { RefreshScheduler } from '../../controllers/refreshScheduler.ts';
import { SharedLayersController } from '../../controllers/sharedLayersController.ts';
import { TeamRecordsController, type IndicatorRecord, type RecordBody, type RestorationRecord } from '../../controllers/teamRecordsController.ts';
import { createMemoryStore } from '../../store/memoryStore.ts';
import type { RecordStore } from '../../store/recordStore.ts';
import { openSyncLinks } from '../../store/syncLinks.ts';
import { openTeamRecordDb, type LocalTeamRecord } from '../../store/teamRecordDb.ts';
import { exclusive } from '../sync/sync.tsx';
import { ServerApi, type ServerRecord } from '../../store/serverApi.ts';
import { useSession } from '../session/session.tsx';
import { browserPage } from './browserPage.ts';
import { TeamContext } from './teamSlots.tsx';

export interface TeamControllers {
  restorations: TeamRecordsController<RestorationRecord>;
  indicators: TeamRecordsController<IndicatorRecord>;
  publish: PublishController;
  sharedLayers: SharedLayersController;
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
  // This browser's other tabs hear of a share, publish or restore made here, and read again.
  const [channel] = useState(() => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('shanshui-team')));
  const [records] = useState(() => ({
    restorations: teamRecords<RestorationRecord>(api, 'restoration', (r) => `${r.site} ${r.date}`),
    indicators: teamRecords<IndicatorRecord>(api, 'indicator', (r) => `${r.indicator} ${r.year}`),
    sharedLayers: new SharedLayersController({ api, origin: window.location.origin, announce: () => channel?.postMessage('changed') }),
  }));
  // One controller per pack: derived from the pack id, not kept as state of its own.
  const publish = useMemo(() => (packId ? new PublishController(api, packId, () => channel?.postMessage('changed')) : null), [api, packId, channel]);
  const signedIn = state.status === 'signed-in';
  const userId = state.user?.id;
  const username = signedIn ? (state.user?.username ?? null) : null;
  useEffect(() => {
    const all = [records.restorations, records.indicators];
    if (!username) {
      for (const c of all) c.stop();
      return;
    }
    // Going online, coming back to the tab and every 45 s: the refresh below runs their sync.
    for (const c of all) void c.start(username);
  }, [username, records]);
  useEffect(() => {
    if (signedIn && publish) void publish.load(true);
  }, [signedIn, userId, publish]);
  // The shared layers follow the publish controller's list of them (read on sign-in, after a share).
  useEffect(() => {
    const shared = records.sharedLayers;
    if (!signedIn || !publish) {
      shared.clear();
      return;
    }
    let listed = publish.getState().layers;
    void shared.show(listed);
    const unsubscribe = publish.subscribe(() => {
      const layers = publish.getState().layers;
      if (layers === listed) return;
      listed = layers;
      // Read again (a feature may have changed without its layer): untiled layers' features too.
      void shared.show(layers, true);
    });
    // What the team changed comes in when the tab comes back, goes online and every 45 s while visible;
    // the figures' sync rounds send what waits here and read what the team wrote.
    const refresh = new RefreshScheduler({
      page: browserPage(),
      refresh: async () => {
        await Promise.all([records.restorations.synced(), records.indicators.synced(), publish.load(true)]);
        return !publish.getState().error?.offline;
      },
    });
    refresh.start();
    const otherTab = () => void refresh.run();
    channel?.addEventListener('message', otherTab);
    return () => {
      unsubscribe();
      refresh.stop();
      channel?.removeEventListener('message', otherTab);
    };
  }, [signedIn, userId, publish, records, channel]);
  const value = publish && signedIn ? { ...records, publish } : null;
  return <TeamContext.Provider value={value}>{children}</TeamContext.Provider>;
}
