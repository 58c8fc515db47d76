import { Worker } from 'node:worker_threads';
import type { FeatureCollection } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import { GeometryError } from '../geo/GeometryError.ts';
import { blobZones, gridRegions } from '../geo/testing/statsFixtures.ts';
import { zoneStatistics } from '../geo/zoneStatistics.ts';
import { computeZoneStatistics, disposeStatsWorker, prewarmStatsWorker, type StatsWorker } from './statsClient.ts';
import { nodeEndpoint } from './testing/nodeEndpoint.ts';

/** `stats.worker.ts`'s API in a real thread (Node worker_threads, TypeScript through tsx). */
function startThreadWorker(): StatsWorker & { terminated: boolean } {
  const thread = new Worker(new URL('./testing/statsNodeWorker.mjs', import.meta.url));
  const worker = Object.assign(nodeEndpoint(thread), {
    terminated: false,
    terminate() {
      worker.terminated = true;
      void thread.terminate();
    },
  });
  return worker;
}

describe('computeZoneStatistics through the worker protocol', () => {
  const regions = gridRegions(112.5, 36, 0.2, 2, 2);
  const zones = blobZones(112.45, 35.95, 0.5, 0.5, 700);

  it('returns what zoneStatistics returns, reports progress and ends the worker', async () => {
    const phases = new Set<string>();
    let worker: ReturnType<typeof startThreadWorker> | undefined;
    const result = await computeZoneStatistics(regions, zones, { onProgress: (p) => phases.add(p.phase) }, () => {
      worker = startThreadWorker();
      return worker;
    });
    expect(result).toEqual(zoneStatistics(regions, zones));
    expect([...phases]).toEqual(expect.arrayContaining(['validate', 'prepare', 'overlay']));
    expect(worker?.terminated).toBe(true);
  });

  it('rejects with a GeometryError carrying every issue', async () => {
    const bad: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { kind: 'A' }, geometry: { type: 'Point', coordinates: [Number.NaN, 36] } }],
    };
    const error = await computeZoneStatistics(regions, bad, {}, startThreadWorker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeometryError);
    expect((error as GeometryError).issues).toMatchObject([{ featureIndex: 0, code: 'non-finite-coordinate', layer: 'zones' }]);
  });

  it('terminates the worker and rejects with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    let worker: ReturnType<typeof startThreadWorker> | undefined;
    const run = computeZoneStatistics(regions, zones, { signal: controller.signal, onProgress: () => controller.abort() }, () => {
      worker = startThreadWorker();
      return worker;
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker?.terminated).toBe(true);
  });

  describe('with the kept worker', () => {
    afterEach(() => disposeStatsWorker());
    const counting = (): { start: () => StatsWorker; started: Array<ReturnType<typeof startThreadWorker>> } => {
      const started: Array<ReturnType<typeof startThreadWorker>> = [];
      return {
        started,
        start: () => {
          const worker = startThreadWorker();
          started.push(worker);
          return worker;
        },
      };
    };

    it('reuses one warm worker from call to call, and starts a fresh one after a cancelled call', async () => {
      const { start, started } = counting();
      prewarmStatsWorker(start);
      expect(started).toHaveLength(1);
      const expected = zoneStatistics(regions, zones);
      expect(await computeZoneStatistics(regions, zones)).toEqual(expected);
      expect(await computeZoneStatistics(regions, zones)).toEqual(expected);
      expect(started).toHaveLength(1);
      expect(started[0].terminated).toBe(false);

      const controller = new AbortController();
      const cancelled = computeZoneStatistics(regions, zones, { signal: controller.signal, onProgress: () => controller.abort() });
      await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
      expect(started[0].terminated).toBe(true);

      expect(await computeZoneStatistics(regions, zones)).toEqual(expected);
      expect(started).toHaveLength(2);
      expect(started[1].terminated).toBe(false);
    });

    it('gives a call made while the kept worker is busy a worker of its own, ended afterwards', async () => {
      const { start, started } = counting();
      prewarmStatsWorker(start);
      const [a, b] = await Promise.all([computeZoneStatistics(regions, zones), computeZoneStatistics(regions, zones)]);
      expect(a).toEqual(b);
      expect(started).toHaveLength(2);
      expect(started[0].terminated).toBe(false);
      expect(started[1].terminated).toBe(true);
    });
  });
});
