/**
 * One collection of the team server's records (`/api/restorations`, `/api/indicators`) as the app
 * shows it: the live records, loaded once signed in, and a write that is either confirmed (the
 * record joins the list as the server stored it) or refused with the server's reason — a failed
 * write stays in `error` and the form keeps what the user typed, nothing is dropped silently.
 */
import { asApiError, type ApiError, type ServerApi, type ServerRecord } from '../store/serverApi.ts';
import type { Precision } from '../pack/types.ts';
import { Observable } from './observable.ts';

export interface TeamRecordsState<T extends ServerRecord> {
  records: T[];
  loaded: boolean;
  busy: boolean;
  error: ApiError | null;
}

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

export class TeamRecordsController<T extends ServerRecord> extends Observable<TeamRecordsState<T>> {
  constructor(
    private readonly api: Pick<ServerApi, 'list' | 'create'>,
    readonly path: string,
  ) {
    super({ records: [], loaded: false, busy: false, error: null });
  }

  async load(): Promise<void> {
    try {
      const records = await this.api.list<T>(this.path);
      this.update({ records: records.filter((r) => !r.deleted), loaded: true, error: null });
    } catch (error) {
      this.update({ error: asApiError(error) });
    }
  }

  /** The stored record, or null when refused (then `error` says why). */
  async create(body: Omit<T, keyof ServerRecord | 'author'>): Promise<T | null> {
    this.update({ busy: true, error: null });
    try {
      const record = await this.api.create<T>(this.path, body);
      this.update((s) => ({ records: [...s.records, record], busy: false }));
      return record;
    } catch (error) {
      this.update({ busy: false, error: asApiError(error) });
      return null;
    }
  }

  /** Forget the records (signed out): another user must not see them. */
  clear(): void {
    this.update({ records: [], loaded: false, error: null, busy: false });
  }
}
