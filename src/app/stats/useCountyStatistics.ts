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
import type { KindMembers } from './countyMembers.ts';
import { countyTable, type CountyTable } from './countyTable.ts';
import { KIND_KEY, statisticsInput, type StatisticsInput } from './statisticsInput.ts';

export interface CompletedStatistics {
  input: StatisticsInput;
  result: ZoneStatisticsResult;
  table: CountyTable;
  /** Features in each county, per kind (the table's counts and the county overview's list). */
  members: KindMembers[];
  ms: number;
}

export interface StatisticsState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** 0–1 while running. */
  progress: number;
  /**
   * The latest finished statistics. Kept on screen while a new run (after an import) computes,
   * so the table and the map do not jump.
   */
  latest: CompletedStatistics | null;
  message?: string;
}

export function useCountyStatistics(layers: LoadedLayer[], start: boolean): StatisticsState {
  const input = useMemo(() => statisticsInput(layers), [layers]);
  const [state, setState] = useState<StatisticsState>({ status: 'idle', progress: 0, latest: null });
  useEffect(() => {
    if (!input || !start) return;
    const controller = new AbortController();
    const started = performance.now();
    setState((s) => ({ ...s, status: 'running', progress: 0 }));
    computeZoneStatistics(input.regions, input.zones, {
      kindKey: KIND_KEY,
      signal: controller.signal,
      onProgress: (p) => setState((s) => (s.status === 'running' ? { ...s, progress: p.total ? p.done / p.total : 0 } : s)),
    })
      // The overlay code that places features in counties (and its polygon-clipping fallback)
      // loads with the first result, not with the page; it places them in slices.
      .then(async (result) => {
        const ms = performance.now() - started;
        performance.measure('shanshui:statistics', { start: started, duration: ms });
        const { countyMembers } = await import('./countyMembers.ts');
        const counties = input.regionLayer;
        const members = await countyMembers(layers, counties, async () => {
          await new Promise((resolve) => setTimeout(resolve, 0));
          controller.signal.throwIfAborted();
        });
        return { result, counties, members, ms };
      })
      .then(
        ({ result, counties, members, ms }) => {
          if (controller.signal.aborted) return;
          setState({ status: 'done', progress: 1, latest: { input, result, table: countyTable(result, input.kinds, counties, members), members, ms } });
        },
        (err: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, status: 'error', message: err instanceof Error ? err.message : String(err) }));
        },
      );
    return () => controller.abort();
  }, [input, layers, start]);
  return state;
}
