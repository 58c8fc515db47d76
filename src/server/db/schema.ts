import type { ColumnType, Generated } from 'kysely';

/** Table types of the server database (see migrations/). Geometry columns are read and written through SQL functions. */
export type Role = 'admin' | 'editor' | 'county-editor' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'county-editor', 'viewer'];

export type RecordKind = 'measurement' | 'restoration' | 'indicator' | 'layer' | 'feature';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Generated<string>;
  username: string;
  role: Role;
  /** County adcodes a county editor may write in. */
  regions: Json<string[]>;
  password_hash: string | null;
  created_at: Generated<Timestamp>;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a stolen database does not hand out live sessions. */
  token_hash: string;
  user_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface SignInTokensTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RegionsTable {
  code: string;
  name: string;
  name_en: string | null;
  pack_id: string;
  /** geometry(MultiPolygon, 4326) */
  geom: unknown;
}

export interface RecordsTable {
  id: Generated<string>;
  kind: RecordKind;
  layer_id: string | null;
  owner_id: string;
  shared: boolean;
  version: number;
  deleted: boolean;
  data: Json<Record<string, unknown>>;
  /** geometry(Geometry, 4326), null for records without a place (indicator values, layers). */
  geom: unknown;
  created_at: Generated<Timestamp>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface RecordVersionsTable {
  record_id: string;
  version: number;
  deleted: boolean;
  shared: boolean;
  data: Json<Record<string, unknown>>;
  geom: unknown;
  author_id: string;
  created_at: Timestamp;
}

export interface PackVersionsTable {
  pack_id: string;
  version: number;
  author_id: string;
  created_at: Generated<Timestamp>;
}

export interface PackFilesTable {
  pack_id: string;
  version: number;
  path: string;
  body: string;
  etag: string;
  content_type: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_tokens: SignInTokensTable;
  regions: RegionsTable;
  records: RecordsTable;
  record_versions: RecordVersionsTable;
  pack_versions: PackVersionsTable;
  pack_files: PackFilesTable;
}
