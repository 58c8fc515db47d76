import { sql, type Kysely, type Transaction } from 'kysely';
import type { Geometry } from 'geojson';
import type { MessageKey, MessageParams } from '../../i18n/index.ts';
import type { Database, RecordKind } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { ServiceError } from './ServiceError.ts';
import { mayTakeFromTeam, mayWrite } from '../../store/permissions.ts';

/** A record as the API shows it: its current version. */
export interface RecordView {
  id: string;
  kind: RecordKind;
  version: number;
  layer_id: string | null;
  owner: string;
  shared: boolean;
  deleted: boolean;
  data: Record<string, unknown>;
  geometry: Geometry | null;
  updated_at: string;
  updated_by: string;
}

interface VersionView {
  version: number;
  deleted: boolean;
  shared: boolean;
  data: Record<string, unknown>;
  geometry: Geometry | null;
  author: string;
  created_at: string;
}

/** What a write sets. */
export interface RecordInput {
  data: Record<string, unknown>;
  geometry: Geometry | null;
  shared?: boolean;
}

type Db = Kysely<Database> | Transaction<Database>;

// Who may create and change each kind. County editors additionally write only inside their regions.

const forbidden = (key: MessageKey, params?: MessageParams) => ServiceError.of(403, 'forbidden', key, params);
const notFound = () => ServiceError.of(404, 'not_found', 'server.records.notFound');

interface Row {
  id: string;
  kind: RecordKind;
  version: number;
  layer_id: string | null;
  owner_id: string;
  owner: string;
  shared: boolean;
  deleted: boolean;
  data: Record<string, unknown> | string;
  geometry: Geometry | string | null;
  updated_at: Date | string;
  updated_by: string;
}

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const iso = (value: Date | string): string => new Date(value).toISOString();

function toView(row: Row): RecordView {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    layer_id: row.layer_id,
    owner: row.owner,
    shared: row.shared,
    deleted: row.deleted,
    data: parsed(row.data),
    geometry: row.geometry === null ? null : parsed(row.geometry),
    updated_at: iso(row.updated_at),
    updated_by: row.updated_by,
  };
}

const SELECT_RECORD = sql`
  SELECT r.id, r.kind, r.version, r.layer_id, r.owner_id, o.username AS owner, r.shared, r.deleted, r.data,
         ST_AsGeoJSON(r.geom)::json AS geometry, r.updated_at, u.username AS updated_by
  FROM records r JOIN users o ON o.id = r.owner_id JOIN users u ON u.id = r.updated_by`;

/** Private measurements are seen only by their owner; everything else by every signed-in user. */
const visible = (row: Pick<Row, 'kind' | 'shared' | 'owner_id'>, actor: Actor): boolean =>
  row.kind !== 'measurement' || row.shared || row.owner_id === actor.id;

async function loadRow(db: Db, kind: RecordKind, id: string, lock: boolean): Promise<Row | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const { rows } = await sql<Row>`${SELECT_RECORD} WHERE r.id = ${id} AND r.kind = ${kind} ${lock ? sql`FOR UPDATE OF r` : sql``}`.execute(db);
  return rows[0];
}

function checkRole(actor: Actor, kind: RecordKind): void {
  if (!mayWrite(actor.role, kind)) {
    throw forbidden('server.records.roleCannot', { role: actor.role, kind });
  }
}

/** In the write's transaction: a county editor's geometry must lie within the union of their regions. */
async function checkRegions(trx: Transaction<Database>, actor: Actor, geometry: Geometry | string | null): Promise<void> {
  if (actor.role !== 'county-editor') return;
  if (geometry === null) throw forbidden('server.records.needsPlace');
  const json = typeof geometry === 'string' ? geometry : JSON.stringify(geometry);
  const { rows } = await sql<{ inside: boolean }>`
    SELECT coalesce(ST_CoveredBy(ST_SetSRID(ST_GeomFromGeoJSON(${json}), 4326),
             (SELECT ST_Union(geom) FROM regions WHERE code IN (SELECT jsonb_array_elements_text(${JSON.stringify(actor.regions)}::jsonb)))), false) AS inside`.execute(trx);
  if (!rows[0].inside) throw forbidden('server.records.outside');
}

/**
 * The rule for measurements. A private one is its owner's alone (others do not even see it, so they
 * get a 404 before this). A shared one is the team's: anyone whose role may write measurements may
 * change its name, colour and shape (a county editor still only within their counties, checkRegions).
 * Taking it away from the team — unsharing or deleting — stays with its owner or an admin
 * (mayTakeFromTeam, which the app reads to leave those controls out), so one teammate cannot make
 * everyone else's work disappear; history keeps every version either way.
 */
function checkMeasurementOwnership(row: Row, actor: Actor, change: RecordInput | { deleted: true }): void {
  if (row.kind !== 'measurement' || mayTakeFromTeam(actor.role, row.owner_id === actor.id)) return;
  if (!row.shared) throw forbidden('server.records.ownerChangesPrivate');
  if ('deleted' in change) throw forbidden('server.records.ownerDeletes');
  if (change.shared !== undefined && change.shared !== row.shared) {
    throw forbidden('server.records.ownerUnshares');
  }
}

const geomSql = (geometry: Geometry | null) =>
  geometry === null ? sql`NULL` : sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;

async function saveVersion(trx: Transaction<Database>, id: string): Promise<void> {
  await sql`
    INSERT INTO record_versions (record_id, version, deleted, shared, data, geom, author_id, created_at)
    SELECT id, version, deleted, shared, data, geom, updated_by, updated_at FROM records WHERE id = ${id}`.execute(trx);
}

function dbError(error: unknown): never {
  const message = (error as Error).message ?? '';
  if (error instanceof ServiceError) throw error;
  if (/GeoJSON|geometry|parse error|invalid/i.test(message)) {
    throw ServiceError.of(400, 'bad_geometry', 'server.http.badGeometry', { detail: message });
  }
  throw error;
}

export async function createRecord(db: Kysely<Database>, actor: Actor, kind: RecordKind, input: RecordInput, layerId: string | null = null): Promise<RecordView> {
  checkRole(actor, kind);
  try {
    return await db.transaction().execute(async (trx) => {
      if (layerId !== null && !(await loadRow(trx, 'layer', layerId, false))) throw notFound();
      await checkRegions(trx, actor, input.geometry);
      const { rows } = await sql<{ id: string }>`
        INSERT INTO records (kind, layer_id, owner_id, shared, version, data, geom, updated_at, updated_by)
        VALUES (${kind}, ${layerId}, ${actor.id}, ${input.shared ?? kind !== 'measurement'}, 1, ${JSON.stringify(input.data)}::jsonb,
                ${geomSql(input.geometry)}, now(), ${actor.id})
        RETURNING id`.execute(trx);
      await saveVersion(trx, rows[0].id);
      return toView((await loadRow(trx, kind, rows[0].id, false))!);
    });
  } catch (error) {
    dbError(error);
  }
}

export async function getRecord(db: Kysely<Database>, actor: Actor, kind: RecordKind, id: string): Promise<RecordView> {
  const row = await loadRow(db, kind, id, false);
  if (!row || !visible(row, actor)) throw notFound();
  return toView(row);
}

export async function listRecords(db: Kysely<Database>, actor: Actor, kind: RecordKind, layerId: string | null = null): Promise<RecordView[]> {
  const { rows } = await sql<Row>`
    ${SELECT_RECORD}
    WHERE r.kind = ${kind} AND NOT r.deleted
      AND (${layerId}::uuid IS NULL OR r.layer_id = ${layerId}::uuid)
      AND (r.kind <> 'measurement' OR r.shared OR r.owner_id = ${actor.id})
    ORDER BY r.created_at, r.id`.execute(db);
  return rows.map(toView);
}

/**
 * Writes a new version of a record. `ifMatch` is the version the client changed: another version
 * in between is a 409 carrying the current record — never a silent overwrite.
 */
export async function updateRecord(
  db: Kysely<Database>,
  actor: Actor,
  kind: RecordKind,
  id: string,
  ifMatch: number,
  change: RecordInput | { deleted: true },
): Promise<RecordView> {
  checkRole(actor, kind);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await loadRow(trx, kind, id, true);
      if (!row || !visible(row, actor)) throw notFound();
      if (row.version !== ifMatch) {
        throw ServiceError.of(409, 'version_conflict', 'server.records.conflict', { version: row.version }, toView(row));
      }
      checkMeasurementOwnership(row, actor, change);
      await checkRegions(trx, actor, row.geometry);
      if ('deleted' in change) {
        await sql`UPDATE records SET version = version + 1, deleted = true, updated_at = now(), updated_by = ${actor.id} WHERE id = ${id}`.execute(trx);
      } else {
        await checkRegions(trx, actor, change.geometry);
        await sql`
          UPDATE records SET version = version + 1, deleted = false, data = ${JSON.stringify(change.data)}::jsonb, geom = ${geomSql(change.geometry)},
                 shared = ${change.shared ?? row.shared}, updated_at = now(), updated_by = ${actor.id}
          WHERE id = ${id}`.execute(trx);
      }
      await saveVersion(trx, id);
      return toView((await loadRow(trx, kind, id, false))!);
    });
  } catch (error) {
    dbError(error);
  }
}

export async function recordHistory(db: Kysely<Database>, actor: Actor, kind: RecordKind, id: string): Promise<VersionView[]> {
  await getRecord(db, actor, kind, id);
  const { rows } = await sql<{
    version: number;
    deleted: boolean;
    shared: boolean;
    data: Record<string, unknown> | string;
    geometry: Geometry | string | null;
    author: string;
    created_at: Date | string;
  }>`
    SELECT v.version, v.deleted, v.shared, v.data, ST_AsGeoJSON(v.geom)::json AS geometry, u.username AS author, v.created_at
    FROM record_versions v JOIN users u ON u.id = v.author_id
    WHERE v.record_id = ${id} ORDER BY v.version`.execute(db);
  return rows.map((row) => ({
    version: row.version,
    deleted: row.deleted,
    shared: row.shared,
    data: parsed(row.data),
    geometry: row.geometry === null ? null : parsed(row.geometry),
    author: row.author,
    created_at: iso(row.created_at),
  }));
}

/** Restores an earlier version as a new version (history is never rewritten). */
export async function restoreRecord(db: Kysely<Database>, actor: Actor, kind: RecordKind, id: string, ifMatch: number, version: number): Promise<RecordView> {
  const earlier = (await recordHistory(db, actor, kind, id)).find((v) => v.version === version);
  if (!earlier) throw ServiceError.of(404, 'no_version', 'server.records.noVersion', { version });
  // A teammate restoring a shared measurement brings back its content; whether it is shared stays the owner's call.
  const current = await loadRow(db, kind, id, false);
  const ownsSharing = kind !== 'measurement' || mayTakeFromTeam(actor.role, current?.owner_id === actor.id);
  return updateRecord(db, actor, kind, id, ifMatch, { data: earlier.data, geometry: earlier.geometry, shared: ownsSharing ? earlier.shared : undefined });
}
