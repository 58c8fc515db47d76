import { describe, expect, it } from 'vitest';
import { RefreshScheduler, type RefreshPage } from './refreshScheduler.ts';

/** Lets a refresh's promise settle (it schedules the next timer when done). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A clock whose timers run when the test moves time on. */
class TestClock {
  time = 0;
  private timers: { at: number; run: () => void }[] = [];
  readonly later = (run: () => void, ms: number) => {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };
  readonly now = () => this.time;
  get pending(): number {
    return this.timers.length;
  }
  /** Moves time on by `ms`, running every timer due on the way (and what they schedule). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.run();
      await settle();
    }
    this.time = end;
  }
}

class TestPage implements RefreshPage {
  shown = true;
  private listeners = new Set<() => void>();
  visible = () => this.shown;
  onWake(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  get listening(): number {
    return this.listeners.size;
  }
  /** The tab comes back (visibilitychange to visible, focus, online). */
  wake(): void {
    this.shown = true;
    for (const l of this.listeners) l();
  }
}

function setUp(results: boolean[] = []) {
  const clock = new TestClock();
  const page = new TestPage();
  const calls: number[] = [];
  const scheduler = new RefreshScheduler({
    page,
    later: clock.later,
    now: clock.now,
    intervalMs: 45_000,
    maxBackoffMs: 300_000,
    refresh: () => {
      calls.push(clock.time);
      const ok = results.shift() ?? true;
      return ok ? Promise.resolve() : Promise.reject(new Error('offline'));
    },
  });
  return { clock, page, calls, scheduler };
}

describe('RefreshScheduler', () => {
  it('refreshes every interval while the page is visible', async () => {
    const { clock, calls, scheduler } = setUp();
    scheduler.start();
    await clock.advance(44_999);
    expect(calls).toEqual([]);
    await clock.advance(1);
    await clock.advance(90_000);
    expect(calls).toEqual([45_000, 90_000, 135_000]);
  });

  it('does not poll a hidden page; coming back refreshes at once and polling resumes from there', async () => {
    const { clock, page, calls, scheduler } = setUp();
    scheduler.start();
    page.shown = false;
    await clock.advance(600_000);
    expect(calls).toEqual([]);
    expect(clock.pending).toBe(0);
    page.wake();
    await clock.advance(0);
    expect(calls).toEqual([600_000]);
    await clock.advance(45_000);
    expect(calls).toEqual([600_000, 645_000]);
  });

  it('waits longer after each failure (doubling, at most maxBackoffMs), and the interval again after a success', async () => {
    const { clock, calls, scheduler } = setUp([false, false, false, false, true, true]);
    scheduler.start();
    await clock.advance(45_000);
    expect(scheduler.nextWait()).toBe(90_000);
    await clock.advance(90_000);
    expect(scheduler.nextWait()).toBe(180_000);
    await clock.advance(180_000);
    expect(scheduler.nextWait()).toBe(300_000);
    await clock.advance(300_000);
    expect(scheduler.nextWait()).toBe(300_000);
    await clock.advance(300_000);
    expect(scheduler.nextWait()).toBe(45_000);
    await clock.advance(45_000);
    expect(calls).toEqual([45_000, 135_000, 315_000, 615_000, 915_000, 960_000]);
  });

  it('a wake right after a refresh does not refresh again (focus and visibility come together); one later does', async () => {
    const { clock, page, calls, scheduler } = setUp();
    scheduler.start();
    page.wake();
    await clock.advance(1_000);
    expect(calls).toEqual([]);
    await clock.advance(9_000);
    page.wake();
    page.wake();
    await clock.advance(0);
    expect(calls).toEqual([10_000]);
    // The poll counts from the wake's refresh.
    await clock.advance(45_000);
    expect(calls).toEqual([10_000, 55_000]);
  });

  it('stopped (signed out), it neither polls nor listens', async () => {
    const { clock, page, calls, scheduler } = setUp();
    scheduler.start();
    expect(page.listening).toBe(1);
    scheduler.stop();
    expect(page.listening).toBe(0);
    page.wake();
    await clock.advance(600_000);
    expect(calls).toEqual([]);
  });
});
