/**
 * The measurements' sync for React: one SyncController per page (src/controllers), started while
 * signed in to a team server and stopped otherwise (no server: it never sends anything, and the
 * app is the offline tool it was). One tab of the browser drains at a time (Web Locks). While
 * signed in it also reads the server again when the tab comes back and every 45 s while visible
 * (RefreshScheduler), so a teammate's shared measurement arrives without a reload.
 */
import { useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { RefreshScheduler } from '../../controllers/refreshScheduler.ts';
import { SyncController, type SyncState } from '../../controllers/syncController.ts';
import { ServerApi } from '../../store/serverApi.ts';
import { openSyncLinks } from '../../store/syncLinks.ts';
import { useSession } from '../session/session.tsx';
import { browserPage } from '../team/browserPage.ts';
import { SyncContext } from '../team/teamSlots.tsx';

/** Runs `drain` while this browser's other tabs wait (or at once where there are no Web Locks); every collection's sync shares it. */
export function exclusive<R>(drain: () => Promise<R>): Promise<R> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return drain();
  return locks.request('shanshui-sync-drain', drain);
}

export function SyncProvider({ children }: { children: ReactNode }) {
  const { state: session } = useSession();
  const [controller] = useState(() => new SyncController({ api: new ServerApi(), openLinks: openSyncLinks, exclusive }));
  const username = session.status === 'signed-in' ? (session.user?.username ?? null) : null;
  useEffect(() => {
    if (!username) {
      controller.stop();
      return;
    }
    void controller.start(username);
    const online = () => controller.requestSync();
    window.addEventListener('online', online);
    // Others' shared measurements come in when the tab comes back and every 45 s while it is visible.
    const refresh = new RefreshScheduler({
      page: browserPage(),
      refresh: async () => {
        await controller.sync();
        return controller.getState().status !== 'offline';
      },
    });
    refresh.start();
    return () => {
      window.removeEventListener('online', online);
      refresh.stop();
    };
  }, [controller, username]);
  return <SyncContext.Provider value={controller}>{children}</SyncContext.Provider>;
}

const OFF: SyncState = { status: 'off', pending: new Set(), conflicts: [], refused: [], user: null };
const noSubscribe = () => () => undefined;

export function useSyncState(): SyncState {
  const controller = useContext(SyncContext);
  return useSyncExternalStore(controller?.subscribe ?? noSubscribe, controller?.getState ?? (() => OFF));
}
