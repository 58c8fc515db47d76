/**
 * The measurements' sync for React: one SyncController per page (src/controllers), started while
 * signed in to a team server and stopped otherwise (no server: it never sends anything, and the
 * app is the offline tool it was). One tab of the browser drains at a time (Web Locks). While
 * signed in it also reads the server again when the tab comes back and every 45 s while visible
 * (RefreshScheduler), so a teammate's shared measurement arrives without a reload.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { RefreshScheduler } from '../../controllers/refreshScheduler.ts';
import { SyncController, type SyncState } from '../../controllers/syncController.ts';
import type { Measurement } from '../../measure/types.ts';
import { coveredByRegions } from '../../geo/coveredByRegions.ts';
import { prepareRegions, type PreparedRegions } from '../../geo/measureInRegions.ts';
import { findRegionLayer, regionCode } from '../../pack/roles.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import type { Geometry } from 'geojson';
import { mayTakeFromTeam, mayWriteAt, type RecordKind } from '../../store/permissions.ts';
import { ServerApi } from '../../store/serverApi.ts';
import { openSyncLinks } from '../../store/syncLinks.ts';
import { useSession } from '../session/session.tsx';
import { browserPage } from '../team/browserPage.ts';
import { useWorkspace } from '../workspace.tsx';

const SyncContext = createContext<SyncController | null>(null);

/** Runs `drain` while this browser's other tabs wait (or at once where there are no Web Locks). */
function exclusive<R>(drain: () => Promise<R>): Promise<R> {
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

/** The page's sync controller (null outside a SyncProvider: the widget, tests of parts). */
export function useSyncController(): SyncController | null {
  return useContext(SyncContext);
}

const OFF: SyncState = { status: 'off', pending: new Set(), conflicts: [], refused: [], user: null };
const noSubscribe = () => () => undefined;

export function useSyncState(): SyncState {
  const controller = useContext(SyncContext);
  return useSyncExternalStore(controller?.subscribe ?? noSubscribe, controller?.getState ?? (() => OFF));
}

/**
 * Whether the signed-in user may unshare or delete this measurement: always when it is not from the
 * server or is their own; someone else's shared one only as an admin (the server's rule, permissions.ts).
 */
export function useMayTakeFromTeam(item: Measurement): boolean {
  const { state: session } = useSession();
  const owner = item.team?.owner;
  const user = session.user;
  if (owner === undefined || !user) return true;
  return mayTakeFromTeam(user.role, owner === user.username);
}

/** Per regions layer and set of counties: their polygons prepared once for every list item. */
const preparedCounties = new WeakMap<LoadedLayer, Map<string, PreparedRegions>>();

function countiesOf(layer: LoadedLayer, codes: readonly string[]): PreparedRegions {
  const key = [...codes].sort().join();
  let byCodes = preparedCounties.get(layer);
  if (!byCodes) preparedCounties.set(layer, (byCodes = new Map<string, PreparedRegions>()));
  let prepared = byCodes.get(key);
  if (!prepared) {
    prepared = prepareRegions(layer.data.features.filter((f) => codes.includes(regionCode(layer, f) ?? '')).map((f) => f.geometry));
    byCodes.set(key, prepared);
  }
  return prepared;
}

/**
 * May the signed-in user write a record of this kind with this geometry on the server (a county
 * editor: only within their counties, measured on the pack's county polygons as the server checks)?
 * False when signed out.
 */
export function useMayWriteAt(): (kind: RecordKind, geometry: Geometry | null) => boolean {
  const { state: session } = useSession();
  const { pack } = useWorkspace();
  const user = session.status === 'signed-in' ? session.user : null;
  return (kind, geometry) => {
    if (!user) return false;
    const regions = findRegionLayer(pack.layers);
    return mayWriteAt(user, kind, geometry, (g, codes) => regions !== undefined && coveredByRegions(countiesOf(regions, codes), g));
  };
}

/**
 * Whether this measurement came from the server and the signed-in user may not change it there:
 * their role may not write measurements, or (a county editor) it lies outside their counties — the
 * server would refuse the write (403), so its edit controls are left out. Work of this browser that
 * never reached the server, and everything without a server, stays editable.
 */
export function useTeamLocked(item: Measurement): boolean {
  const { state: session } = useSession();
  const mayWriteAt = useMayWriteAt();
  if (session.status !== 'signed-in' || item.team === undefined) return false;
  return !mayWriteAt('measurement', item.geometry);
}
