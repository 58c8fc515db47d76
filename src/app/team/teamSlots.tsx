/**
 * The seam between the offline app and its team workspace. The team code (sign-in, sync, shared
 * records, publishing: src/app/team/teamModule.tsx) is loaded only when a Shanshui server served
 * the page (it marks it with <meta name="shanshui-server">), so the static app's first download
 * does not carry it. What the always-loaded parts read of the team lives here, with type-only
 * imports: the loaded module (its components), the team controllers, the measurements' sync and
 * the signed-in user — all null on the offline app.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Geometry } from 'geojson';
import type { SyncController } from '../../controllers/syncController.ts';
import { coveredByRegions } from '../../geo/coveredByRegions.ts';
import { prepareRegions, type PreparedRegions } from '../../geo/measureInRegions.ts';
import type { Measurement } from '../../measure/types.ts';
import { findRegionLayer, regionCode } from '../../pack/roles.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { mayTakeFromTeam, mayWriteAt, type RecordKind } from '../../store/permissions.ts';
import type { SessionUser } from '../../store/serverApi.ts';
import { servedByServer } from '../../store/serverPage.ts';
import { useWorkspace } from '../workspace.tsx';
import type { TeamControllers } from './teamWork.tsx';

export type TeamModule = typeof import('./teamModule.tsx');

/** Starts loading the team module where a Shanshui server served the page; null on a static deploy. */
export const loadTeamModule = (doc: Pick<Document, 'querySelector'>): Promise<TeamModule> | null =>
  servedByServer(doc) ? import('./teamModule.tsx') : null;

interface TeamModuleState {
  module: TeamModule | null;
  /** Loaded, failed, or not wanted (no server): the app may mount. */
  settled: boolean;
  /** A server's page whose team code could not be fetched: the offline app runs, and says so. */
  failed: boolean;
}

export const TeamModuleContext = createContext<TeamModuleState>({ module: null, settled: true, failed: false });

/** The loaded team module (its components), or null: the offline app. */
export function useTeamModule(): TeamModule | null {
  return useContext(TeamModuleContext).module;
}

/** Whether a server's page could not fetch its team code. */
export function useTeamModuleFailed(): boolean {
  return useContext(TeamModuleContext).failed;
}

export const TeamContext = createContext<TeamControllers | null>(null);

/** The team controllers, or null when no one is signed in (the offline app). */
export function useTeam(): TeamControllers | null {
  return useContext(TeamContext);
}

const noop = () => () => {};

/** Subscribes to one controller's state (null-safe: hooks run before the signed-in check). */
export function useControllerState<S>(controller: { subscribe: (l: () => void) => () => void; getState: () => S } | undefined): S | undefined {
  return useSyncExternalStore(controller?.subscribe ?? noop, () => controller?.getState());
}

export const SyncContext = createContext<SyncController | null>(null);

/** The page's measurement sync (null without a team server, in the widget, in tests of parts). */
export function useSyncController(): SyncController | null {
  return useContext(SyncContext);
}

/** The signed-in user (null: signed out or no server). */
export const TeamUserContext = createContext<SessionUser | null>(null);

/**
 * Whether the signed-in user may unshare or delete this measurement: always when it is not from the
 * server or is their own; someone else's shared one only as an admin (the server's rule, permissions.ts).
 */
export function useMayTakeFromTeam(item: Measurement): boolean {
  const user = useContext(TeamUserContext);
  const owner = item.team?.owner;
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
  const user = useContext(TeamUserContext);
  const { pack } = useWorkspace();
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
  const user = useContext(TeamUserContext);
  const mayWrite = useMayWriteAt();
  if (!user || item.team === undefined) return false;
  return !mayWrite('measurement', item.geometry);
}

/** The team module once loaded (null: none, or its download failed: the offline app), and whether that is settled. */
export function useLoadedTeamModule(load: Promise<TeamModule> | null): TeamModuleState {
  const [loaded, setLoaded] = useState<TeamModuleState>({ module: null, settled: load === null, failed: false });
  useEffect(() => {
    if (!load) return;
    // A team module that cannot be fetched leaves the offline app working; the header says sign-in is missing.
    load.then(
      (module) => setLoaded({ module, settled: true, failed: false }),
      () => setLoaded({ module: null, settled: true, failed: true }),
    );
  }, [load]);
  return loaded;
}

/** The session and team records around the app, when the team module is there. */
export function TeamRoot({ packId, children }: { packId: string | null; children: ReactNode }) {
  const team = useTeamModule();
  return team ? <team.TeamProviders packId={packId}>{children}</team.TeamProviders> : children;
}

/** The measurements' sync in front of their store, when the team module is there. */
export function TeamSync({ children }: { children: ReactNode }) {
  const team = useTeamModule();
  return team ? <team.SyncProvider>{children}</team.SyncProvider> : children;
}
