/**
 * Is there a team server, and who is signed in. Without a server (a static deploy of the app) the
 * state stays 'no-server' and the app is today's offline single-user tool; with one, the app offers
 * sign-in and shows the user's role and counties. What a role may do is read from
 * src/store/permissions.ts (the table the server enforces), so the app leaves out controls the
 * server would refuse anyway.
 */
import { mayWrite, PUBLISHERS, type RecordKind } from '../store/permissions.ts';
import { asApiError, type ApiError, type ServerApi, type ServerHealth, type SessionUser } from '../store/serverApi.ts';
import { Observable } from './observable.ts';

export type SessionStatus =
  /** Still asking /api/health. */
  | 'checking'
  /** No Shanshui server on this origin: the offline app. */
  | 'no-server'
  | 'signed-out'
  | 'signed-in'
  /** There is a server but it did not answer the session question (down, or the database is). */
  | 'unreachable';

export interface SessionState {
  status: SessionStatus;
  server: ServerHealth | null;
  user: SessionUser | null;
  /** The last refusal or failure, as the server words it ("中文 / English"); null after a success. */
  error: ApiError | null;
  busy: boolean;
}

export class SessionController extends Observable<SessionState> {
  constructor(readonly api: Pick<ServerApi, 'health' | 'session' | 'signIn' | 'signOut'>) {
    super({ status: 'checking', server: null, user: null, error: null, busy: false });
  }

  /**
   * Finds the server and the session the browser already has (its cookie). `serverPage` false:
   * the page did not come from a Shanshui server (src/store/serverPage.ts servedByServer), so
   * there is nothing to ask.
   */
  async start(serverPage = true): Promise<void> {
    const server = serverPage ? await this.api.health() : null;
    if (!server) {
      this.update({ status: 'no-server', server: null });
      return;
    }
    try {
      const user = await this.api.session();
      this.update({ status: user ? 'signed-in' : 'signed-out', server, user, error: null });
    } catch (error) {
      this.update({ status: 'unreachable', server, error: asApiError(error) });
    }
  }

  /** Resolves true when signed in; false with `error` set when refused (wrong password, too many tries). */
  async signIn(username: string, password: string): Promise<boolean> {
    this.update({ busy: true, error: null });
    try {
      const user = await this.api.signIn(username, password);
      this.update({ status: 'signed-in', user, busy: false });
      return true;
    } catch (error) {
      this.update({ busy: false, error: asApiError(error) });
      return false;
    }
  }

  async signOut(): Promise<void> {
    this.update({ busy: true, error: null });
    try {
      await this.api.signOut();
      this.update({ status: 'signed-out', user: null, busy: false });
    } catch (error) {
      this.update({ busy: false, error: asApiError(error) });
    }
  }

  /** May the signed-in user write this kind of record (in `adcode`, for a county editor)? */
  mayWrite(kind: RecordKind, adcode?: string): boolean {
    const user = this.getState().user;
    if (!user || !mayWrite(user.role, kind)) return false;
    if (user.role !== 'county-editor' || adcode === undefined) return true;
    return user.regions.includes(adcode);
  }

  mayPublish(): boolean {
    const user = this.getState().user;
    return user !== null && PUBLISHERS.includes(user.role);
  }
}
