/**
 * The Shanshui server's HTTP API as the app uses it (the contract: README, section "Server"). One
 * place that knows URLs, the `If-Match` version header and the error body; controllers take it (or
 * its `fetch`) by injection, so Node tests run it against a real server.
 *
 * Every refusal rejects with an ApiError carrying the HTTP status, the server's stable code and its
 * message in both languages; a network failure is status 0 ('offline'), so a sync queue can tell
 * "try again later" from "the server said no".
 */
import type { Lang } from '../geo/lang.ts';

export type Role = 'admin' | 'editor' | 'county-editor' | 'viewer';

export interface ServerHealth {
  ok: boolean;
  database: 'pglite' | 'postgresql';
  postgis: string;
}

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  /** County adcodes a county editor may write in (empty for the other roles). */
  regions: string[];
}

/** Who changed a record when: every server record carries these. */
export interface ServerRecord {
  id: string;
  version: number;
  deleted?: boolean;
  updated_at?: string;
  updated_by?: string;
}

/** One stored version of a record, oldest first in a history. */
export interface RecordVersion {
  version: number;
  deleted: boolean;
  shared: boolean;
  data: Record<string, unknown>;
  geometry: unknown;
  author: string;
  created_at: string;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's stable code (`version_conflict`, `forbidden`, …), or 'offline'. */
    readonly code: string,
    /** "中文 / English", as the server words it. */
    readonly serverMessage: string,
    /** On a version conflict (409): the record as it is on the server now. */
    readonly current?: unknown,
  ) {
    super(serverMessage);
    this.name = 'ApiError';
  }

  get offline(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }

  /** The message in one language: the server sends "中文 / English". */
  text(lang: Lang): string {
    const at = this.serverMessage.indexOf(' / ');
    if (at < 0) return this.serverMessage;
    return lang === 'zh' ? this.serverMessage.slice(0, at) : this.serverMessage.slice(at + 3);
  }
}

/** Any failure of a call as an ApiError: a refusal stays as the server said it, anything else is "cannot reach the server". */
export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, 'offline', `无法连接服务器 / cannot reach the server: ${(error as Error).message}`);

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export class ServerApi {
  constructor(
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
    /** Origin (and path prefix) of the server; '' = the page's own origin. */
    private readonly base = '',
  ) {}

  /** The server's health, or null where there is no Shanshui server (a static deploy of the app). */
  async health(): Promise<ServerHealth | null> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}/api/health`, { headers: { accept: 'application/json' } });
    } catch {
      return null;
    }
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return null;
    const body = (await response.json()) as Partial<ServerHealth>;
    return body.ok === true ? (body as ServerHealth) : null;
  }

  /** The signed-in user, or null when signed out. */
  session(): Promise<SessionUser | null> {
    return this.request('GET', '/api/session');
  }

  signIn(username: string, password: string): Promise<SessionUser> {
    return this.request('POST', '/api/session', { body: { username, password } });
  }

  async signOut(): Promise<void> {
    await this.request('DELETE', '/api/session');
  }

  /** Every live record of a collection (`/api/measurements`, `/api/restorations`, …) the user may see. */
  list<T extends ServerRecord>(path: string): Promise<T[]> {
    return this.request('GET', path);
  }

  get<T extends ServerRecord>(path: string, id: string): Promise<T> {
    return this.request('GET', `${path}/${encodeURIComponent(id)}`);
  }

  create<T extends ServerRecord>(path: string, body: unknown): Promise<T> {
    return this.request('POST', path, { body });
  }

  /** A new version of the record; refused with 409 (and `current`) when `version` is not the latest. */
  update<T extends ServerRecord>(path: string, id: string, version: number, body: unknown): Promise<T> {
    return this.request('PUT', `${path}/${encodeURIComponent(id)}`, { body, version });
  }

  remove<T extends ServerRecord>(path: string, id: string, version: number): Promise<T> {
    return this.request('DELETE', `${path}/${encodeURIComponent(id)}`, { version });
  }

  history(path: string, id: string): Promise<RecordVersion[]> {
    return this.request('GET', `${path}/${encodeURIComponent(id)}/history`);
  }

  /** Writes an old version's content as the newest version; `current` is the version it replaces (If-Match). */
  restore<T extends ServerRecord>(path: string, id: string, version: number, current: number): Promise<T> {
    return this.request('POST', `${path}/${encodeURIComponent(id)}/restore`, { body: { version }, version: current });
  }

  /** Any other call of the API (uploads, publishing, statistics). */
  async request<T>(method: string, path: string, options: { body?: unknown; version?: number } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw asApiError(error);
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page: keep the status, say what came back.
    }
    if (!response.ok) {
      const refusal = (body ?? {}) as { error?: string; message?: string; current?: unknown };
      throw new ApiError(
        response.status,
        refusal.error ?? `http_${response.status}`,
        refusal.message ?? `服务器答复 ${response.status} / the server answered ${response.status}`,
        refusal.current,
      );
    }
    return body as T;
  }
}
