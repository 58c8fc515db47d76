import { sql, type Kysely } from 'kysely';
import { ROLES, type Database, type Role } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { hashPassword, UNUSABLE_HASH, verifyPassword } from './passwords.ts';
import { ServiceError } from './ServiceError.ts';
import { newToken, tokenHash } from './tokens.ts';

const SESSION_DAYS = 14;
const LINK_HOURS = 24;

interface NewUser {
  username: string;
  role: Role;
  regions?: string[];
  password?: string;
}

const toActor = (row: { id: string; username: string; role: Role; regions: string[] | string }): Actor => ({
  id: row.id,
  username: row.username,
  role: row.role,
  regions: typeof row.regions === 'string' ? (JSON.parse(row.regions) as string[]) : row.regions,
});

/** Creates a user. County editors need at least one region, and every region must exist. */
export async function addUser(db: Kysely<Database>, user: NewUser): Promise<Actor> {
  if (!ROLES.includes(user.role)) throw ServiceError.of(400, 'bad_role', 'server.users.badRole', { role: user.role });
  const regions = user.role === 'county-editor' ? [...new Set(user.regions ?? [])] : [];
  if (user.role === 'county-editor' && regions.length === 0) {
    throw ServiceError.of(400, 'regions_required', 'server.users.regionsRequired');
  }
  if (regions.length > 0) {
    const found = await db.selectFrom('regions').select('code').where('code', 'in', regions).execute();
    const missing = regions.filter((code) => !found.some((row) => row.code === code));
    if (missing.length > 0) throw ServiceError.of(400, 'unknown_region', 'server.users.unknownRegion', { codes: missing.join(', ') });
  }
  const passwordHash = user.password ? await hashPassword(user.password) : null;
  try {
    const row = await db
      .insertInto('users')
      .values({ username: user.username, role: user.role, regions: JSON.stringify(regions), password_hash: passwordHash })
      .returning(['id', 'username', 'role', 'regions'])
      .executeTakeFirstOrThrow();
    return toActor(row);
  } catch (error) {
    if (/duplicate key|unique/i.test((error as Error).message)) {
      throw ServiceError.of(409, 'user_exists', 'server.users.exists', { user: user.username });
    }
    if (/check constraint/i.test((error as Error).message)) {
      throw ServiceError.of(400, 'bad_username', 'server.users.badUsername');
    }
    throw error;
  }
}

export async function listUsers(db: Kysely<Database>): Promise<Actor[]> {
  const rows = await db.selectFrom('users').select(['id', 'username', 'role', 'regions']).orderBy('username').execute();
  return rows.map(toActor);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function setPassword(db: Kysely<Database>, userId: string, password: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', userId).execute();
}

/** Checks a username and password; null when either is wrong (same work either way). */
export async function checkPassword(db: Kysely<Database>, username: string, password: string): Promise<Actor | null> {
  const row = await db.selectFrom('users').select(['id', 'username', 'role', 'regions', 'password_hash']).where('username', '=', username).executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? UNUSABLE_HASH);
  return ok && row?.password_hash ? toActor(row) : null;
}

/** Starts a session; returns the cookie value (only its hash is stored). */
export async function startSession(db: Kysely<Database>, userId: string): Promise<string> {
  const token = newToken();
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insertInto('sessions').values({ token_hash: tokenHash(token), user_id: userId, expires_at: expires }).execute();
  return token;
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export async function sessionActor(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.role', 'users.regions'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ? toActor(row) : null;
}

/** A one-time sign-in secret for a user (the first administrator, or a user without a password). */
export async function createSignInToken(db: Kysely<Database>, userId: string): Promise<string> {
  const token = newToken();
  const expires = new Date(Date.now() + LINK_HOURS * 3_600_000);
  await db.insertInto('sign_in_tokens').values({ token_hash: tokenHash(token), user_id: userId, expires_at: expires, used_at: null }).execute();
  return token;
}

/** Uses a one-time sign-in secret (once, before it expires) and returns its user. */
export async function redeemSignInToken(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const used = await db
    .updateTable('sign_in_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  if (!used) return null;
  const row = await db.selectFrom('users').select(['id', 'username', 'role', 'regions']).where('id', '=', used.user_id).executeTakeFirstOrThrow();
  return toActor(row);
}
