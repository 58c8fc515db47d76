import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { PackLayer, PackManifest } from '../../pack/types.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { listRecords } from './records.ts';
import { ServiceError } from './ServiceError.ts';
import { PUBLISHERS } from '../../store/permissions.ts';

/** Pack ids are folder names: lower-case letters, digits and '-' (no dots, no slashes: no traversal). */
export const PACK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

interface PublishedPack {
  pack: string;
  version: number;
  url: string;
  files: number;
}

interface PackFile {
  path: string;
  body: string;
  contentType: string;
}

const unknownPack = (id: string) => ServiceError.of(404, 'unknown_pack', 'server.packs.unknown', { pack: id });

/** The source pack's files, read from the packs folder. */
async function sourceFiles(packsDir: string, packId: string): Promise<{ manifest: PackManifest; files: PackFile[] }> {
  if (!PACK_ID.test(packId)) throw unknownPack(packId);
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(await readFile(join(packsDir, packId, 'pack.json'), 'utf8')) as PackManifest;
  } catch {
    throw unknownPack(packId);
  }
  const files: PackFile[] = [];
  // The indicator table is part of the pack too: a published manifest naming it must be able to load it.
  const indicators = manifest.indicators ? [manifest.indicators] : [];
  for (const file of [...manifest.layers.map((l) => l.file), ...(manifest.context ?? []).map((c) => c.file), ...indicators]) {
    if (!FILE_NAME.test(file)) throw ServiceError.of(500, 'bad_pack', 'server.packs.badFileName', { file });
    const contentType = indicators.includes(file) ? 'application/json' : 'application/geo+json';
    files.push({ path: file, body: await readFile(join(packsDir, packId, file), 'utf8'), contentType });
  }
  return { manifest, files };
}

/**
 * Publishes a pack: the source pack plus the team's shared layers (with their features as of now)
 * become version N+1, stored whole in the database and never changed afterwards.
 */
export async function publishPack(db: Kysely<Database>, actor: Actor, packsDir: string, packId: string): Promise<PublishedPack> {
  if (!PUBLISHERS.includes(actor.role)) {
    throw ServiceError.of(403, 'forbidden', 'server.packs.editorsPublish');
  }
  const { manifest, files } = await sourceFiles(packsDir, packId);
  const layers: PackLayer[] = [...manifest.layers];
  for (const layer of await listRecords(db, actor, 'layer')) {
    const features = await listRecords(db, actor, 'feature', layer.id);
    const file = `layer-${layer.id}.geojson`;
    const data = layer.data as Omit<PackLayer, 'id' | 'file'>;
    layers.push({ ...data, id: `layer-${layer.id}`, file });
    const collection = {
      type: 'FeatureCollection',
      features: features.map((f) => ({ type: 'Feature', id: f.id, properties: { ...f.data, version: f.version }, geometry: f.geometry })),
    };
    files.push({ path: file, body: JSON.stringify(collection), contentType: 'application/geo+json' });
  }
  files.push({ path: 'pack.json', body: JSON.stringify({ ...manifest, layers }, null, 2), contentType: 'application/json' });

  const version = await db.transaction().execute(async (trx) => {
    // One publisher of a pack at a time: the lock makes the version numbers gap-free and unique.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`pack:${packId}`}))`.execute(trx);
    const { rows } = await sql<{ next: number }>`SELECT coalesce(max(version), 0) + 1 AS next FROM pack_versions WHERE pack_id = ${packId}`.execute(trx);
    const next = rows[0].next;
    await trx.insertInto('pack_versions').values({ pack_id: packId, version: next, author_id: actor.id }).execute();
    for (const file of files) {
      const etag = `"${createHash('sha256').update(file.body).digest('base64url')}"`;
      await trx
        .insertInto('pack_files')
        .values({ pack_id: packId, version: next, path: file.path, body: file.body, etag, content_type: file.contentType })
        .execute();
    }
    return next;
  });
  return { pack: packId, version, url: `/packs/${packId}@${version}/pack.json`, files: files.length };
}

/** The newest published version of a pack, or null. */
export async function latestVersion(db: Kysely<Database>, packId: string): Promise<number | null> {
  const { rows } = await sql<{ v: number | null }>`SELECT max(version) AS v FROM pack_versions WHERE pack_id = ${packId}`.execute(db);
  return rows[0].v;
}

export async function packVersions(db: Kysely<Database>, packId: string) {
  const { rows } = await sql<{ version: number; created_at: Date | string; author: string }>`
    SELECT p.version, p.created_at, u.username AS author FROM pack_versions p JOIN users u ON u.id = p.author_id
    WHERE p.pack_id = ${packId} ORDER BY p.version`.execute(db);
  return rows.map((r) => ({ version: r.version, created_at: new Date(r.created_at).toISOString(), author: r.author }));
}

export async function packFile(db: Kysely<Database>, packId: string, version: number, path: string) {
  return db
    .selectFrom('pack_files')
    .select(['body', 'etag', 'content_type'])
    .where('pack_id', '=', packId)
    .where('version', '=', version)
    .where('path', '=', path)
    .executeTakeFirst();
}

/** Every file of a published version (for `shanshui publish --out`). */
export async function packFiles(db: Kysely<Database>, packId: string, version: number) {
  return db.selectFrom('pack_files').select(['path', 'body']).where('pack_id', '=', packId).where('version', '=', version).orderBy('path').execute();
}
