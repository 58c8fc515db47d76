/**
 * One collection of the team server's records (`/api/restorations`, `/api/indicators`) as the app
 * shows it, offline-first like the measurements: a new or changed figure is written to this
 * browser's store (IndexedDB, one database per user) before anything is sent, and the shared sync
 * (src/controllers/recordSync.ts: the queue derived from store and links, the Web Lock, conflicts)
 * sends it when the server is reachable. So a figure typed offline survives a reload and arrives
 * later; an edit of a record changed elsewhere meanwhile is a conflict with both versions, kept
 * until the user chooses; a write the server refuses is listed with its reason and stays here.
 */
import type { Precision } from '../pack/types.ts';
import type { RecordStore } from '../store/recordStore.ts';
import type { RecordVersion, ServerApi, ServerRecord } from '../store/serverApi.ts';
import { storeErrorOf, type StoreError } from '../store/storeError.ts';
import type { SyncLinks } from '../store/syncLinks.ts';
import type { LocalTeamRecord } from '../store/teamRecordDb.ts';
import { Observable } from './observable.ts';
import { RecordSync, type SyncConflict, type SyncRefusal, type SyncState } from './recordSync.ts';
import { teamRecordKind } from './teamRecordKind.ts';

export interface RestorationRecord extends ServerRecord {
  site: string;
  date: string;
  restored_mu: number;
  note?: string;
  evidence: unknown;
  /** How exact `evidence` is (schematic: a square around a site known only as a point). */
  evidence_precision?: Precision;
  author: string;
}

export interface IndicatorRecord extends ServerRecord {
  indicator: string;
  year: number;
  value: number;
  source: string;
}

/** What the user writes of a record (the rest is the server's). */
export type RecordBody<T extends ServerRecord> = Omit<T, keyof ServerRecord | 'author'>;

export interface TeamRecordsState<T extends ServerRecord> {
  /** Every record this browser has: the server's and the ones not sent yet (id: the local id). */
  records: T[];
  loaded: boolean;
  busy: boolean;
  /** The last write this browser could not store (nothing was sent either). */
  error: StoreError | null;
  sync: SyncState<T>['status'];
  /** Local ids not yet on the server (shown as 未同步). */
  pending: ReadonlySet<string>;
  conflicts: SyncConflict<T>[];
  refused: SyncRefusal[];
}

interface TeamRecordsOptions<T extends ServerRecord> {
  api: Pick<ServerApi, 'list' | 'create' | 'update' | 'remove' | 'history' | 'restore'>;
  path: string;
  /** The record's name in messages (a refusal, a conflict). */
  label: (body: RecordBody<T>) => string;
  openStore: (username: string) => Promise<RecordStore<LocalTeamRecord<RecordBody<T>>>>;
  openLinks: (username: string) => Promise<SyncLinks>;
  exclusive?: <R>(drain: () => Promise<R>) => Promise<R>;
  later?: (run: () => void, ms: number) => () => void;
  makeId?: () => string;
}

type Local<T extends ServerRecord> = LocalTeamRecord<RecordBody<T>>;

const empty = <T extends ServerRecord>(): TeamRecordsState<T> => ({ records: [], loaded: false, busy: false, error: null, sync: 'off', pending: new Set(), conflicts: [], refused: [] });

export class TeamRecordsController<T extends ServerRecord> extends Observable<TeamRecordsState<T>> {
  readonly path: string;
  private readonly sync: RecordSync<Local<T>, ServerRecord>;
  private store: RecordStore<Local<T>> | null = null;
  private user: string | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly makeId: () => string;
  private generation = 0;

  constructor(private readonly options: TeamRecordsOptions<T>) {
    super(empty());
    this.path = options.path;
    this.makeId = options.makeId ?? (() => crypto.randomUUID());
    this.sync = new RecordSync(teamRecordKind(options.path, options.label), options);
  }

  /** The record as the app shows it: its body, who changed it (the user while not yet sent). */
  private view(local: Local<T>): T {
    const by = local.team?.updatedBy ?? this.user ?? '';
    return { ...local.body, id: local.id, version: local.team?.version ?? 0, author: by, updated_by: by, updated_at: local.team?.updatedAt ?? local.createdAt } as unknown as T;
  }

  /** Signed in as `username`: opens that user's records here and syncs them with the server. */
  async start(username: string): Promise<void> {
    if (this.user === username && this.store) return this.sync.sync();
    this.stop();
    this.user = username;
    // A later start or stop (another sign-in, React's second effect run) supersedes this one.
    const generation = this.generation;
    let opened: RecordStore<Local<T>>;
    try {
      opened = await this.options.openStore(username);
    } catch (error) {
      // A database this page cannot open (a newer app's): nothing is kept or sent — said.
      if (generation === this.generation) this.update({ error: storeErrorOf(error) });
      return;
    }
    if (generation !== this.generation) return opened.close();
    const store = this.sync.attach(opened);
    this.store = store;
    this.unsubscribe.push(
      store.onChange(() => void this.refresh()),
      this.sync.subscribe(() => this.mirror()),
    );
    await this.refresh();
    await this.sync.start(username);
    await this.refresh();
  }

  /** Signed out: another user must not see these records (they stay in this user's database). */
  stop(): void {
    this.generation++;
    for (const off of this.unsubscribe.splice(0)) off();
    this.sync.stop();
    this.store?.close();
    this.store = null;
    this.user = null;
    this.update(empty());
  }

  private mirror(): void {
    const s = this.sync.getState();
    this.update({
      sync: s.status,
      pending: s.pending,
      refused: s.refused,
      conflicts: s.conflicts.map((c) => ({ ...c, mine: this.view(c.mine), theirs: this.view(c.theirs) })),
    });
  }

  private async refresh(): Promise<void> {
    const store = this.store;
    if (!store) return;
    try {
      const records = await store.list();
      if (store === this.store) this.update({ records: records.map((r) => this.view(r)), loaded: true });
    } catch (error) {
      // Another user's store failing after a switch is not this user's problem.
      if (store === this.store) this.update({ error: storeErrorOf(error) });
    }
  }

  /** Runs one sync round now (resolves when done; a failure is in the state, never a rejection). */
  synced(): Promise<void> {
    return this.sync.sync();
  }

  private async write(run: (store: RecordStore<Local<T>>) => Promise<Local<T> | void>): Promise<T | null> {
    const store = this.store;
    if (!store) return null;
    this.update({ busy: true, error: null });
    try {
      const stored = await run(store);
      await this.refresh();
      this.update({ busy: false });
      return stored ? this.view(stored) : null;
    } catch (error) {
      this.update({ busy: false, error: storeErrorOf(error) });
      return null;
    }
  }

  /** Stores a new record here (then sends it); null when this browser could not store it (`error` says why). */
  create(body: RecordBody<T>): Promise<T | null> {
    return this.write((store) => store.create({ id: this.makeId(), body, createdAt: new Date().toISOString() }));
  }

  /** Changes a record here (then sends it with the version it changes: a stale edit becomes a conflict). */
  change(id: string, body: RecordBody<T>): Promise<T | null> {
    return this.write((store) => store.patch(id, { body }));
  }

  /** Deletes a record (a refused one never sent, or one on the server: deleted there too). */
  async remove(id: string): Promise<boolean> {
    const store = this.store;
    if (!store) return false;
    await this.write((s) => s.delete(id));
    this.sync.dismissRefusal(id);
    return this.getState().error === null;
  }

  resolve(id: string, choice: 'mine' | 'theirs' | 'both'): Promise<void> {
    return this.sync.resolve(id, choice);
  }

  dismissRefusal(id: string): void {
    this.sync.dismissRefusal(id);
  }

  /** The server's versions, oldest first (empty while the record is only here). Rejects with the ApiError. */
  history(id: string): Promise<RecordVersion[]> {
    return this.sync.history(id);
  }

  /** Makes an earlier version the newest (checked against the version this browser has). Rejects with the ApiError. */
  restore(id: string, version: number): Promise<void> {
    return this.sync.restore(id, version);
  }
}
