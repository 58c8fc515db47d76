/**
 * Which role may write which kind of record: the one table the server enforces
 * (src/server/services/records.ts) and the app reads to leave out controls a role cannot use.
 * A county editor's writes are further limited to their counties (checked by the server in
 * PostGIS against the county polygons).
 */
import type { Geometry } from 'geojson';
import type { Role, SessionUser } from './serverApi.ts';

export type RecordKind = 'measurement' | 'restoration' | 'indicator' | 'layer' | 'feature';

export const WRITERS: Record<RecordKind, readonly Role[]> = {
  measurement: ['admin', 'editor', 'county-editor'],
  restoration: ['admin', 'editor', 'county-editor'],
  indicator: ['admin', 'editor'],
  layer: ['admin', 'editor'],
  feature: ['admin', 'editor', 'county-editor'],
};

/** Publishing pack versions for news widgets. */
export const PUBLISHERS: readonly Role[] = ['admin', 'editor'];

export const mayWrite = (role: Role, kind: RecordKind): boolean => WRITERS[kind].includes(role);

/**
 * A shared measurement is the team's to change (by anyone who may write measurements), but taking
 * it from the team — unsharing or deleting it — is its owner's or an admin's (records.ts enforces it).
 */
export const mayTakeFromTeam = (role: Role, ownsIt: boolean): boolean => ownsIt || role === 'admin';

/**
 * May this user write a record of `kind` with this geometry: the role may write the kind, and a
 * county editor only a geometry within their counties — the server's check (records.ts
 * checkRegions, ST_CoveredBy), asked of `within` (src/geo coveredByRegions over the pack's county
 * polygons, the ones the server is seeded with).
 */
export function mayWriteAt(
  user: Pick<SessionUser, 'role' | 'regions'>,
  kind: RecordKind,
  geometry: Geometry | null,
  within: (geometry: Geometry, regions: readonly string[]) => boolean,
): boolean {
  if (!mayWrite(user.role, kind)) return false;
  if (user.role !== 'county-editor') return true;
  return geometry !== null && within(geometry, user.regions);
}
