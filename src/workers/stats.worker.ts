/**
 * Web Worker running the per-region statistics off the UI thread. Loaded by `statsClient` as
 * `new Worker(new URL('./stats.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { expose } from 'comlink';
import { statsWorkerApi } from './statsWorkerApi.ts';

expose(statsWorkerApi);
