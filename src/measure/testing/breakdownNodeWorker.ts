/** Test-only twin of `breakdown.worker.ts` for Node's worker_threads (the same API, a real thread). */
import { expose } from 'comlink';
import { parentPort } from 'node:worker_threads';
import { nodeEndpoint } from '../../workers/testing/nodeEndpoint.ts';
import { breakdownWorkerApi } from '../breakdownWorkerApi.ts';

if (!parentPort) throw new Error('breakdownNodeWorker must run in a worker thread');
expose(breakdownWorkerApi, nodeEndpoint(parentPort));
