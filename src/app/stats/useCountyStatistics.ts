/**
 * Computes the county statistics of a pack in the stats worker, off the main thread. It starts
 * once `start` is true (the map has painted: on two cores the worker would otherwise compete with
 * MapLibre's for the first frame); the table follows with a progress bar. A new pack cancels the
 * previous run.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ZoneStatisticsResult } from '../../geo/zoneStatistics.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { computeZoneStatistics } from '../../workers/statsClient.ts';
import { countyTable, type CountyTable } from './countyTable.ts';
import { KIND_KEY, REGION_LAYER, statisticsInput, type StatisticsInput } from './statisticsInput.ts';

export type StatisticsState =
  | { status: 'idle' }
  | { status: 'running'; progress: number }
  | { status: 'done'; input: StatisticsInput; result: ZoneStatisticsResult; table: CountyTable; ms: number }
  | { status: 'error'; message: string };

export function useCountyStatistics(layers: LoadedLayer[], start: boolean): StatisticsState {
  const input = useMemo(() => statisticsInput(layers), [layers]);
  const [state, setState] = useState<StatisticsState>({ status: 'idle' });
  useEffect(() => {
    if (!input || !start) return;
    const controller = new AbortController();
    const started = performance.now();
    setState({ status: 'running', progress: 0 });
    computeZoneStatistics(input.regions, input.zones, {
      kindKey: KIND_KEY,
      signal: controller.signal,
      onProgress: (p) => setState((s) => (s.status === 'running' ? { status: 'running', progress: p.total ? p.done / p.total : 0 } : s)),
    }).then(
      (result) => {
        const ms = performance.now() - started;
        performance.measure('shanshui:statistics', { start: started, duration: ms });
        const counties = layers.find((l) => l.id === REGION_LAYER)!;
        setState({ status: 'done', input, result, table: countyTable(result, input.kinds, counties), ms });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => controller.abort();
  }, [input, layers, start]);
  return state;
}
