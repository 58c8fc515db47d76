/**
 * The team's shared records for React: restoration figures, indicator values, shared layers and
 * published versions, each a controller (src/controllers) created once per page and loaded when a
 * user signs in (cleared on sign-out). Without a server nothing here is loaded or shown.
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { PublishController } from '../../controllers/publishController.ts';
import { RefreshScheduler } from '../../controllers/refreshScheduler.ts';
import { SharedLayersController } from '../../controllers/sharedLayersController.ts';
import { TeamRecordsController, type IndicatorRecord, type RestorationRecord } from '../../controllers/teamRecordsController.ts';
import { ServerApi } from '../../store/serverApi.ts';
import { useSession } from '../session/session.tsx';
import { browserPage } from './browserPage.ts';

interface TeamControllers {
  restorations: TeamRecordsController<RestorationRecord>;
  indicators: TeamRecordsController<IndicatorRecord>;
  publish: PublishController;
  sharedLayers: SharedLayersController;
}

const TeamContext = createContext<TeamControllers | null>(null);

export function TeamWorkProvider({ packId, children }: { packId: string | null; children: ReactNode }) {
  const { state } = useSession();
  const [api] = useState(() => new ServerApi());
  // This browser's other tabs hear of a share, publish or restore made here, and read again.
  const [channel] = useState(() => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('shanshui-team')));
  const [records] = useState(() => ({
    restorations: new TeamRecordsController<RestorationRecord>(api, '/api/restorations'),
    indicators: new TeamRecordsController<IndicatorRecord>(api, '/api/indicators'),
    sharedLayers: new SharedLayersController({ api, origin: window.location.origin, announce: () => channel?.postMessage('changed') }),
  }));
  // One controller per pack: derived from the pack id, not kept as state of its own.
  const publish = useMemo(() => (packId ? new PublishController(api, packId, () => channel?.postMessage('changed')) : null), [api, packId, channel]);
  const signedIn = state.status === 'signed-in';
  const userId = state.user?.id;
  useEffect(() => {
    if (signedIn) {
      void records.restorations.load();
      void records.indicators.load();
    } else {
      records.restorations.clear();
      records.indicators.clear();
    }
  }, [signedIn, userId, records]);
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
    // What the team changed comes in when the tab comes back and every 45 s while it is visible.
    const refresh = new RefreshScheduler({
      page: browserPage(),
      refresh: async () => {
        await Promise.all([records.restorations.load(), records.indicators.load(), publish.load(true)]);
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

/** The team controllers, or null when no one is signed in (the offline app). */
export function useTeam(): TeamControllers | null {
  return useContext(TeamContext);
}

const noop = () => () => {};

/** Subscribes to one controller's state (null-safe: hooks run before the signed-in check). */
export function useControllerState<S>(controller: { subscribe: (l: () => void) => () => void; getState: () => S } | undefined): S | undefined {
  return useSyncExternalStore(controller?.subscribe ?? noop, () => controller?.getState());
}
