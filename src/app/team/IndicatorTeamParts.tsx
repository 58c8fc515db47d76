/**
 * The team's parts of the indicator table (loaded with the team module): per yearly value its sync
 * mark, editor and history; under the table the sync's refusals and conflicts and the entry form.
 */
import type { IndicatorRecord, RecordBody } from '../../controllers/teamRecordsController.ts';
import { formatNumber } from '../../geo/units.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/session.tsx';
import { IndicatorValueForm } from './IndicatorValueForm.tsx';
import { RecordItemControls, RecordSyncStatus, type EditableField } from './RecordSyncViews.tsx';
import { useTeam } from './teamSlots.tsx';

/** What an editor may correct of a yearly value. */
const FIELDS: EditableField<IndicatorRecord>[] = [
  { key: 'year', label: 'indicators.team.year', type: 'integer' },
  { key: 'value', label: 'indicators.team.value', type: 'number' },
  { key: 'source', label: 'indicators.team.source', type: 'text' },
];


function useDescribe(): (v: RecordBody<IndicatorRecord>) => string {
  const { t } = useI18n();
  return (v) => t('indicators.team.value.describe', { indicator: v.indicator, year: v.year, value: formatNumber(v.value, 2), source: v.source });
}

export function IndicatorValueControls({ record }: { record: IndicatorRecord }) {
  const team = useTeam();
  const describe = useDescribe();
  const { controller: session } = useSession();
  if (!team) return null;
  return <RecordItemControls controller={team.indicators} describe={describe} record={record} fields={session.mayWrite('indicator') ? FIELDS : undefined} />;
}

export function IndicatorTeamEntry({ indicators }: { indicators: string[] }) {
  const team = useTeam();
  const describe = useDescribe();
  if (!team) return null;
  return (
    <>
      <RecordSyncStatus controller={team.indicators} describe={describe} />
      <IndicatorValueForm indicators={indicators} />
    </>
  );
}
