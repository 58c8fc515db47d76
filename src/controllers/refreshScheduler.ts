/**
 * When the app asks the team server again for what others changed (the sync's list, shared layers,
 * team records): at once when the page comes back (visible again, focused, online), and every
 * `intervalMs` while it is visible — never while hidden (a background tab costs the server
 * nothing), with a growing wait after failures (doubling up to `maxBackoffMs`). The providers start
 * one only while signed in to a server, so a signed-out page or a static deploy never polls.
 */

/** The page as far as refreshing needs it (the browser's document and window; a stand-in in Node). */
export interface RefreshPage {
  visible(): boolean;
  /** Calls `listener` when the page becomes visible, gains focus or comes online; returns its removal. */
  onWake(listener: () => void): () => void;
}

export interface RefreshOptions {
  /** One refresh; rejects (or resolves false) when the server could not be reached. */
  refresh: () => Promise<boolean | void>;
  page: RefreshPage;
  /** Schedules `run` after `ms`; returns its cancel. */
  later?: (run: () => void, ms: number) => () => void;
  now?: () => number;
  /** Between two refreshes while visible (default 45 s). */
  intervalMs?: number;
  /** Longest wait after repeated failures (default 5 min). */
  maxBackoffMs?: number;
  /** Wake events closer than this to the last refresh do not refresh again (focus and visibility come together). */
  minGapMs?: number;
}

export class RefreshScheduler {
  private cancelTimer: (() => void) | null = null;
  private removeWake: (() => void) | null = null;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private lastRun = Number.NEGATIVE_INFINITY;
  private readonly later: (run: () => void, ms: number) => () => void;
  private readonly now: () => number;

  constructor(private readonly options: RefreshOptions) {
    this.later =
      options.later ??
      ((run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      });
    this.now = options.now ?? (() => Date.now());
  }

  private get interval(): number {
    return this.options.intervalMs ?? 45_000;
  }

  /** Starts polling (the first refresh after one interval: the caller has just loaded). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastRun = this.now();
    this.removeWake = this.options.page.onWake(this.wake);
    this.schedule(this.interval);
  }

  stop(): void {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.removeWake?.();
    this.removeWake = null;
  }

  /** The wait before the next poll: the interval, doubled per failure in a row, at most maxBackoffMs. */
  nextWait(): number {
    if (this.failures === 0) return this.interval;
    return Math.min(this.options.maxBackoffMs ?? 300_000, this.interval * 2 ** this.failures);
  }

  private readonly wake = (): void => {
    if (!this.running || !this.options.page.visible()) return;
    if (this.now() - this.lastRun < (this.options.minGapMs ?? 5_000)) return;
    void this.run();
  };

  private schedule(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.later(() => {
      this.cancelTimer = null;
      // Hidden: no poll; the next wake (visible again) refreshes and polling resumes from there.
      if (this.running && this.options.page.visible()) void this.run();
    }, ms);
  }

  /** One refresh now (a second call while one runs waits for it). Never rejects. */
  run(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.lastRun = this.now();
    this.inFlight = (async () => {
      try {
        const ok = await this.options.refresh();
        this.failures = ok === false ? this.failures + 1 : 0;
      } catch {
        this.failures++;
      }
    })().finally(() => {
      this.inFlight = null;
      if (this.running) this.schedule(this.nextWait());
    });
    return this.inFlight;
  }
}
