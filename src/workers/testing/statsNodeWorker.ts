/**
 * Test-only twin of `stats.worker.ts` for Node's worker_threads: the same API exposed over the
 * thread's parent port, so the tests run the worker protocol across a real thread boundary.
 */
import { expose } from 'comlink';
import { parentPort } from 'node:worker_threads';
import { statsWorkerApi } from '../statsWorkerApi.ts';
import { nodeEndpoint } from './nodeEndpoint.ts';

if (!parentPort) throw new Error('statsNodeWorker must run in a worker thread');
expose(statsWorkerApi, nodeEndpoint(parentPort));
