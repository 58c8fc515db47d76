/**
 * The SyncKind of a team record collection (restoration figures, indicator values): the body is
 * sent as it was typed; the server's record is read back as its body plus who changed it when.
 */
import type { LocalTeamRecord } from '../store/teamRecordDb.ts';
import type { ServerRecord } from '../store/serverApi.ts';
import type { SyncKind } from './recordSync.ts';

/** What the server adds to a body: not part of what the user wrote. */
const SERVER_FIELDS = new Set(['id', 'version', 'deleted', 'updated_at', 'updated_by', 'author']);

/** JSON with object keys sorted: the server (jsonb) gives keys back in its own order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function bodyOf<B>(server: ServerRecord): B {
  return Object.fromEntries(Object.entries(server).filter(([key]) => !SERVER_FIELDS.has(key))) as B;
}

const teamOf = (s: ServerRecord & { author?: string }) => ({ version: s.version, updatedBy: s.updated_by ?? s.author ?? '', updatedAt: s.updated_at ?? '' });

export function teamRecordKind<B>(path: string, label: (body: B) => string): SyncKind<LocalTeamRecord<B>, ServerRecord> {
  return {
    path,
    contentKey: (local) => canonicalJson(local.body),
    // A record pulled under another sign-in is not ours to create again (one database per user keeps that from happening).
    sendable: (local, link) => link !== undefined || local.team === undefined,
    toBody: (local) => local.body,
    fromServer: (s, id, before) => ({ id, body: bodyOf<B>(s), createdAt: before?.createdAt ?? s.updated_at ?? new Date().toISOString(), team: teamOf(s) }),
    stamp: (s) => ({ team: teamOf(s) }),
    copy: (mine, id) => ({ id, body: mine.body, createdAt: new Date().toISOString() }),
    label: (local) => label(local.body),
    serverLabel: (s, id) => (s ? label(bodyOf<B>(s)) : id.slice(0, 8)),
  };
}
