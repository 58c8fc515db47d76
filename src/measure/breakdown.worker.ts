/**
 * Breakdown worker: the per-county and per-zone overlay of a finished shape runs here, off the
 * main thread (it takes 10–200 ms on the default pack, more with big imported layers). The layers
 * are sent once; each request then sends one shape. See breakdownClient.ts.
 */
import * as Comlink from 'comlink';
import { breakdownWorkerApi } from './breakdownWorkerApi.ts';

Comlink.expose(breakdownWorkerApi);
