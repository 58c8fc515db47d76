/**
 * Offline-first sync of one collection of records with the team server (measurements, restoration
 * figures, indicator values). Every write lands in the browser's store first (as without a
 * server); the sync then brings the server up to date and the store up to date with the server:
 * - the pending writes are derived from the store and the links (src/store/syncLinks.ts): a new
 *   record, a changed one, a deleted one. They survive reloads and crashes because the store does;
 * - draining runs under one lock per browser (Web Locks), so two tabs never send one write twice;
 * - a write the server refuses (403, 400) is listed with the server's message and stays pending
 *   (kept here, sent again when the record changes); a 409 is a conflict listed with both
 *   versions, resolved only by the user (keep mine, keep theirs, keep both);
 * - an unreachable server ends the round; it is tried again with backoff, on `online`, on the
 *   next write;
 * - after draining, the server's list is written into the store; other tabs hear of it from the
 *   store, this tab's controllers through the wrapped store's onChange.
 * What differs between collections (the body sent, the record read back, what counts as a
 * change) is a SyncKind; everything else is this one class.
 */
import type { RecordStore, StoredRecord, StoreChange } from '../store/recordStore.ts';
import { ApiError, type RecordVersion, type ServerApi, type ServerRecord } from '../store/serverApi.ts';
import { StoreError } from '../store/storeError.ts';
import type { SyncLink, SyncLinks } from '../store/syncLinks.ts';
import { Observable } from './observable.ts';

/** How one collection's local records map to the server's. */
export interface SyncKind<L extends StoredRecord, S extends ServerRecord> {
  /** e.g. /api/measurements */
  path: string;
  /** The synced content of a record (not its local version, not what only this screen shows). */
  contentKey(local: L): string;
  /** Whether this sign-in sends the record (a record this browser has but is not ours to create is not). */
  sendable(local: L, link: SyncLink | undefined): boolean;
  /** The request body of a create or change. */
  toBody(local: L): unknown;
  /** The server's record as a local one under `id` (`before`: what this browser had). */
  fromServer(server: S, id: string, before: L | null): L;
  /** Who changed it when, as the server says after a write: a change of the local record. */
  stamp(server: S): Partial<Omit<L, 'id' | 'version'>>;
  /** A copy of mine under a new id, for "keep both" (it becomes a record of its own). */
  copy(mine: L, id: string): L;
  /** The record's name in messages. */
  label(local: L): string;
  /** The name of a server record (a refused delete). */
  serverLabel(server: S | undefined, id: string): string;
}

export interface SyncConflict<L> {
  /** Local id. */
  id: string;
  mine: L;
  theirs: L;
  theirVersion: number;
}

export interface SyncRefusal {
  id: string;
  name: string;
  error: ApiError;
}

export interface SyncState<L> {
  /**
   * off: no server or signed out (nothing is sent). unavailable: signed in, but this browser cannot
   * keep the sync links (no IndexedDB, e.g. a private window), so nothing is sent — and the user is told.
   */
  status: 'off' | 'syncing' | 'synced' | 'offline' | 'unavailable';
  /** Local ids with a write the server does not have yet. */
  pending: ReadonlySet<string>;
  conflicts: SyncConflict<L>[];
  refused: SyncRefusal[];
  /** The signed-in user's name (owner of new records). */
  user: string | null;
}

export interface SyncOptions {
  api: Pick<ServerApi, 'list' | 'create' | 'update' | 'remove' | 'history' | 'restore'>;
  openLinks: (username: string) => Promise<SyncLinks>;
  /** Runs `drain` while no other tab of this browser runs one (Web Locks in the browser). */
  exclusive?: <R>(drain: () => Promise<R>) => Promise<R>;
  /** Schedules a retry; returns its cancel. */
  later?: (run: () => void, ms: number) => () => void;
  makeId?: () => string;
}

export class RecordSync<L extends StoredRecord, S extends ServerRecord> extends Observable<SyncState<L>> {
  protected store: RecordStore<L> | null = null;
  protected links: SyncLinks | null = null;
  private readonly changeListeners = new Set<(change: StoreChange) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;
  /** Content refused by the server, per local id: not sent again until it changes. */
  private readonly refusedContent = new Map<string, string>();
  private readonly options: Required<SyncOptions>;

  constructor(
    protected readonly kind: SyncKind<L, S>,
    options: SyncOptions,
  ) {
    super({ status: 'off', pending: new Set(), conflicts: [], refused: [], user: null });
    this.options = {
      exclusive: (drain) => drain(),
      later: (run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
      makeId: () => crypto.randomUUID(),
      ...options,
    };
  }

  /**
   * The store the record's controller uses, with this sync in front of it: every confirmed write
   * asks for a sync, and the records the sync writes are announced to this tab.
   */
  attach<T extends RecordStore<L>>(store: T): T {
    this.store = store;
    // Signed in before the store opened: the first round runs now.
    this.requestSync();
    const written = <R>(result: Promise<R>): Promise<R> =>
      result.then((value) => {
        this.requestSync();
        return value;
      });
    return {
      ...store,
      persistent: store.persistent,
      list: () => store.list(),
      get: (id: string) => store.get(id),
      create: (record: L, options?: { clearDraft?: string }) => written(store.create(record, options)),
      patch: (id: string, change: Partial<Omit<L, 'id' | 'version'>>) => written(store.patch(id, change)),
      delete: (id: string) => written(store.delete(id)),
      undelete: (record: L) => written(store.undelete(record)),
      onChange: (listener: (change: StoreChange) => void) => {
        const off = store.onChange((change) => {
          listener(change);
          // Another tab wrote: its sync round (or ours) sends it; the pending marks follow.
          this.requestSync();
        });
        this.changeListeners.add(listener);
        return () => {
          off();
          this.changeListeners.delete(listener);
        };
      },
      onUnavailable: (listener: (error: Error) => void) => store.onUnavailable(listener),
      close: () => store.close(),
    };
  }

  /** Signed in as `user`: sync now and after every write. */
  async start(user: string): Promise<void> {
    if (this.getState().user === user && this.links) return this.sync();
    // A later start or a stop (sign-out) while the links open supersedes this start.
    const started = ++this.starts;
    let links: SyncLinks;
    try {
      links = await this.options.openLinks(user);
    } catch {
      // No IndexedDB for the links (a private window): nothing is sent, the work stays here — said.
      if (started === this.starts) this.update({ user, status: 'unavailable' });
      return;
    }
    if (started !== this.starts) return;
    this.links = links;
    this.update({ user, status: 'syncing', conflicts: [], refused: [] });
    return this.sync();
  }

  private starts = 0;

  /** Signed out or no server: nothing more is sent (what is pending stays pending). */
  stop(): void {
    this.starts++;
    this.cancelRetry?.();
    this.links = null;
    this.update({ status: 'off', user: null, conflicts: [], refused: [], pending: new Set() });
  }

  /** Asks for a round without waiting for it (writes, `online`, other tabs). */
  requestSync = (): void => {
    void this.sync();
  };

  /** One round: send what is pending, then read the server's list. Resolves when done (never rejects). */
  sync(): Promise<void> {
    if (!this.links || !this.store) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.running = (async () => {
      do {
        this.again = false;
        await this.round();
      } while (this.again && this.links);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    this.update({ status: 'syncing' });
    try {
      await this.options.exclusive(() => this.drainAndPull());
      this.failures = 0;
      this.update({ status: 'synced' });
    } catch {
      // The server unreachable (ApiError.offline) or the store busy: every write stays pending.
      this.failures++;
      this.update({ status: 'offline' });
      const wait = Math.min(30_000, 1000 * 2 ** Math.min(this.failures - 1, 5));
      this.cancelRetry = this.options.later(() => void this.sync(), wait);
    } finally {
      await this.markPending();
    }
  }

  private async drainAndPull(): Promise<void> {
    const store = this.store!;
    const links = this.links!;
    const { api } = this.options;
    const { kind } = this;
    const local = await store.list();
    const linked = new Map((await links.all()).map((l) => [l.localId, l]));

    for (const m of local) {
      const link = linked.get(m.id);
      if (!kind.sendable(m, link)) continue;
      const content = kind.contentKey(m);
      if (link && link.content === content) continue;
      if (this.refusedContent.get(m.id) === content) continue;
      try {
        const sent = link
          ? await api.update<S>(kind.path, link.serverId, link.serverVersion, kind.toBody(m))
          : await api.create<S>(kind.path, kind.toBody(m));
        const next: SyncLink = { localId: m.id, serverId: sent.id, serverVersion: sent.version, content };
        await links.put(next);
        linked.set(m.id, next);
        this.forget(m.id);
        await store.patch(m.id, kind.stamp(sent));
        this.announce({ type: 'put', id: m.id });
      } catch (error) {
        if (!(error instanceof ApiError) || error.offline) throw error;
        if (error.status === 409 && link && error.current) this.conflict(m, error.current as S);
        else this.refuse(m.id, kind.label(m), content, error);
      }
    }

    const present = new Set(local.map((m) => m.id));
    for (const link of linked.values()) {
      if (present.has(link.localId)) continue;
      // Deleted here: delete on the server.
      try {
        await api.remove(kind.path, link.serverId, link.serverVersion);
      } catch (error) {
        if (!(error instanceof ApiError) || error.offline) throw error;
        // Changed there meanwhile (409) or not ours to delete (403): their version comes back in
        // the pull below, as a record of its own; the refusal is shown. Gone already (404): done.
        if (error.status !== 404) this.refuse(link.localId, kind.serverLabel(error.current as S | undefined, link.serverId), '', error);
      }
      await links.delete(link.localId);
      linked.delete(link.localId);
    }

    const server = await api.list<S>(kind.path);
    const byServer = new Map([...linked.values()].map((l) => [l.serverId, l]));
    const localById = new Map(local.map((m) => [m.id, m]));
    for (const s of server) {
      const link = byServer.get(s.id);
      if (!link) {
        const written = await this.writeLocal(s, s.id, localById.get(s.id) ?? null);
        await links.put({ localId: s.id, serverId: s.id, serverVersion: s.version, content: kind.contentKey(written) });
        continue;
      }
      byServer.delete(s.id);
      if (s.version <= link.serverVersion) continue;
      const mine = localById.get(link.localId) ?? (await store.get(link.localId));
      if (!mine) continue;
      if (kind.contentKey(mine) !== link.content) continue; // changed on both sides: the conflict is listed above
      const written = await this.writeLocal(s, link.localId, mine);
      await links.put({ ...link, serverVersion: s.version, content: kind.contentKey(written) });
    }
    // Linked but no longer listed: deleted on the server, or made private by its owner.
    for (const link of byServer.values()) {
      const mine = await store.get(link.localId);
      await links.delete(link.localId);
      if (!mine) continue;
      // Unsent changes of ours stay, as a new record (sent on the next round).
      if (kind.contentKey(mine) !== link.content) continue;
      await store.delete(link.localId);
      this.announce({ type: 'delete', id: link.localId });
    }
  }

  /** Writes the server's version into the store under `id`. */
  private async writeLocal(s: S, id: string, before: L | null): Promise<L> {
    const store = this.store!;
    const record = this.kind.fromServer(s, id, before);
    if (before) {
      const { id: _id, version: _version, ...fields } = record;
      await store.patch(id, fields);
    } else {
      try {
        await store.create(record);
      } catch (error) {
        // Deleted here once (a tombstone): the server's record is brought back as it is there.
        if (!(error instanceof StoreError && error.kind === 'deleted')) throw error;
        await store.undelete(record);
      }
    }
    this.announce({ type: 'put', id });
    return record;
  }

  protected announce(change: StoreChange): void {
    for (const l of this.changeListeners) l(change);
  }

  private conflict(mine: L, current: S): void {
    const entry: SyncConflict<L> = { id: mine.id, mine, theirs: this.kind.fromServer(current, mine.id, mine), theirVersion: current.version };
    this.update((s) => ({ conflicts: [...s.conflicts.filter((c) => c.id !== mine.id), entry] }));
  }

  private refuse(id: string, name: string, content: string, error: ApiError): void {
    if (content) this.refusedContent.set(id, content);
    this.update((s) => ({ refused: [...s.refused.filter((r) => r.id !== id), { id, name, error }] }));
  }

  private forget(id: string): void {
    this.refusedContent.delete(id);
    this.update((s) => ({ conflicts: s.conflicts.filter((c) => c.id !== id), refused: s.refused.filter((r) => r.id !== id) }));
  }

  /** A refusal read: the entry goes (the record stays pending, sent again when it changes). */
  dismissRefusal = (id: string): void => {
    this.update((s) => ({ refused: s.refused.filter((r) => r.id !== id) }));
  };

  private async markPending(): Promise<void> {
    if (!this.links || !this.store) return;
    try {
      const [local, links] = await Promise.all([this.store.list(), this.links.all()]);
      const byLocal = new Map(links.map((l) => [l.localId, l]));
      const pending = new Set<string>();
      for (const m of local) {
        const link = byLocal.get(m.id);
        if (this.kind.sendable(m, link) && link?.content !== this.kind.contentKey(m)) pending.add(m.id);
      }
      this.update({ pending });
    } catch {
      // The marks are read again after the next round.
    }
  }

  /**
   * Resolves a conflict. mine: my version is written over theirs (a new version after theirs, so
   * theirs stays in the history); theirs: the server's replaces mine here; both: mine becomes a
   * new record and theirs stays under the old one.
   */
  async resolve(id: string, choice: 'mine' | 'theirs' | 'both'): Promise<void> {
    const conflict = this.getState().conflicts.find((c) => c.id === id);
    const links = this.links;
    const store = this.store;
    if (!conflict || !links || !store) return;
    const link = (await links.all()).find((l) => l.localId === id);
    if (!link) return;
    if (choice === 'mine') {
      await links.put({ ...link, serverVersion: conflict.theirVersion });
    } else {
      const mine = await store.get(id);
      if (choice === 'both' && mine) {
        const kept = await store.create(this.kind.copy(mine, this.options.makeId()));
        this.announce({ type: 'put', id: kept.id });
      }
      const { id: _id, version: _version, ...theirs } = conflict.theirs;
      await store.patch(id, theirs);
      await links.put({ ...link, serverVersion: conflict.theirVersion, content: this.kind.contentKey(conflict.theirs) });
      this.announce({ type: 'put', id });
    }
    this.forget(id);
    await this.sync();
  }

  /** The server's versions of a record, oldest first (empty until it has reached the server). */
  async history(id: string): Promise<RecordVersion[]> {
    const link = (await this.links?.all())?.find((l) => l.localId === id);
    if (!link) return [];
    return this.options.api.history(this.kind.path, link.serverId);
  }

  /** Makes an earlier server version the newest, and brings it here. Rejects with the ApiError. */
  async restore(id: string, version: number): Promise<void> {
    await this.sync();
    const link = (await this.links?.all())?.find((l) => l.localId === id);
    if (!link) return;
    await this.options.api.restore(this.kind.path, link.serverId, version, link.serverVersion);
    await this.sync();
  }
}
