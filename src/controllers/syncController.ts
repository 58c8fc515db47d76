/**
 * Offline-first sync of measurements with the team server: the measurements' SyncKind for the
 * shared sync (src/controllers/recordSync.ts, which says how writes are queued, drained and
 * conflicts kept). Lines (LineString) stay on this device: the server keeps areas only. The
 * server's list holds the user's own measurements and the team's shared ones.
 */
import type { MeasuredGeometry, Measurement } from '../measure/types.ts';
import type { SyncLink } from '../store/syncLinks.ts';
import { RecordSync, type SyncConflict as RecordConflict, type SyncKind, type SyncOptions, type SyncState as RecordSyncState } from './recordSync.ts';

export const MEASUREMENTS_PATH = '/api/measurements';

/** A measurement as the server sends it (src/server/routes/measurements.ts). */
export interface ServerMeasurement {
  id: string;
  version: number;
  type: 'Feature';
  geometry: MeasuredGeometry;
  properties: Record<string, unknown> | null;
  shared: boolean;
  deleted?: boolean;
  owner: string;
  updated_at: string;
  updated_by: string;
}

export type SyncConflict = RecordConflict<Measurement>;
export type SyncState = RecordSyncState<Measurement>;

/** The synced content of a measurement (not its visibility on this screen, not its local version). */
function contentKey(m: Measurement): string {
  return JSON.stringify([m.name, m.color, m.kind, m.geometry, m.source ?? null, m.shared ?? false]);
}

const syncable = (m: Measurement): boolean => m.geometry.type !== 'LineString';

/**
 * Whether this sign-in sends the record: not a line, and not a record that came from the server
 * under another sign-in of this browser (it has `team` but no link here): that one is not ours
 * to create again.
 */
const sendable = (m: Measurement, link: SyncLink | undefined): boolean => syncable(m) && (link !== undefined || m.team === undefined);

function toFeature(m: Measurement) {
  return {
    type: 'Feature',
    geometry: m.geometry,
    shared: m.shared ?? false,
    properties: { name: m.name, color: m.color, kind: m.kind, ...(m.source ? { source: m.source } : {}), createdAt: m.createdAt },
  };
}

/** A server measurement as a local one (id: the local id it is linked to). */
function fromServer(s: ServerMeasurement, id: string, hidden = false): Measurement {
  const p = s.properties ?? {};
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  return {
    id,
    name: str(p.name, s.id.slice(0, 8)),
    color: str(p.color, '#d9480f'),
    hidden,
    kind: (str(p.kind, 'polygon') as Measurement['kind']),
    geometry: s.geometry,
    ...(p.source ? { source: p.source as Measurement['source'] } : {}),
    createdAt: str(p.createdAt, s.updated_at),
    updatedAt: s.updated_at,
    shared: s.shared,
    team: { owner: s.owner, updatedBy: s.updated_by, updatedAt: s.updated_at },
  };
}

/** Measurements: areas only (lines stay on this device), shared or private, hidden kept as it was here. */
const measurementKind: SyncKind<Measurement, ServerMeasurement> = {
  path: MEASUREMENTS_PATH,
  contentKey,
  sendable,
  toBody: toFeature,
  fromServer: (s, id, before) => fromServer(s, id, before?.hidden ?? false),
  stamp: (s) => ({ team: { owner: s.owner, updatedBy: s.updated_by, updatedAt: s.updated_at } }),
  copy: (mine, id) => {
    const { id: _id, version: _version, team: _team, ...copy } = mine;
    return { ...copy, id };
  },
  label: (m) => m.name,
  serverLabel: (s, id) => (typeof s?.properties?.name === 'string' ? s.properties.name : id.slice(0, 8)),
};

export class SyncController extends RecordSync<Measurement, ServerMeasurement> {
  constructor(options: SyncOptions) {
    super(measurementKind, options);
  }

  /** Private ↔ shared with the team (a write like any other: stored here first, then sent). */
  async setShared(id: string, shared: boolean): Promise<void> {
    const store = this.store;
    if (!store) return;
    await store.patch(id, { shared });
    this.announce({ type: 'put', id });
    await this.sync();
  }
}
