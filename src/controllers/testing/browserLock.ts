/**
 * One lock for the whole browser in Node tests, as `navigator.locks` gives the app
 * (src/app/sync/sync.tsx, `exclusive`): a second drain waits for the first, a failed one frees it.
 */
export function browserLock(): <R>(drain: () => Promise<R>) => Promise<R> {
  let held: Promise<unknown> = Promise.resolve();
  return <R,>(drain: () => Promise<R>): Promise<R> => {
    const run = held.then(drain, drain);
    held = run.catch(() => undefined);
    return run;
  };
}
