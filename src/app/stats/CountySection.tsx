import { useWorkspace } from '../workspace.tsx';
import { CountyBreakdown } from './CountyBreakdown.tsx';
import type { StatisticsState } from './useCountyStatistics.ts';

/** The selected county's own breakdown, at the top of the side panel. */
export function CountySection({ stats }: { stats: StatisticsState }) {
  const { selectedCounty } = useWorkspace();
  if (!selectedCounty || !stats.latest) return null;
  return (
    <section className="panel-section county-section">
      <CountyBreakdown table={stats.latest.table} members={stats.latest.members} adcode={selectedCounty} />
    </section>
  );
}
