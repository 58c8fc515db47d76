import { sql, type Kysely } from 'kysely';

/** Users, sessions, regions, versioned records and published pack files. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.@-]{1,64}$'),
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'county-editor', 'viewer')),
      regions jsonb NOT NULL DEFAULT '[]',
      password_hash text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE sign_in_tokens (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`.execute(db);
  await sql`
    CREATE TABLE regions (
      code text PRIMARY KEY,
      name text NOT NULL,
      name_en text,
      pack_id text NOT NULL,
      geom geometry(MultiPolygon, 4326) NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX regions_geom ON regions USING gist (geom)`.execute(db);
  await sql`
    CREATE TABLE records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('measurement', 'restoration', 'indicator', 'layer', 'feature')),
      layer_id uuid REFERENCES records(id),
      owner_id uuid NOT NULL REFERENCES users(id),
      shared boolean NOT NULL DEFAULT false,
      version integer NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      data jsonb NOT NULL,
      geom geometry(Geometry, 4326),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL,
      updated_by uuid NOT NULL REFERENCES users(id)
    )`.execute(db);
  await sql`CREATE INDEX records_kind ON records (kind, layer_id)`.execute(db);
  await sql`CREATE INDEX records_geom ON records USING gist (geom)`.execute(db);
  await sql`
    CREATE TABLE record_versions (
      record_id uuid NOT NULL REFERENCES records(id),
      version integer NOT NULL,
      deleted boolean NOT NULL,
      shared boolean NOT NULL,
      data jsonb NOT NULL,
      geom geometry(Geometry, 4326),
      author_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (record_id, version)
    )`.execute(db);
  await sql`
    CREATE TABLE pack_versions (
      pack_id text NOT NULL,
      version integer NOT NULL,
      author_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (pack_id, version)
    )`.execute(db);
  await sql`
    CREATE TABLE pack_files (
      pack_id text NOT NULL,
      version integer NOT NULL,
      path text NOT NULL,
      body text NOT NULL,
      etag text NOT NULL,
      content_type text NOT NULL,
      PRIMARY KEY (pack_id, version, path),
      FOREIGN KEY (pack_id, version) REFERENCES pack_versions(pack_id, version)
    )`.execute(db);
}
