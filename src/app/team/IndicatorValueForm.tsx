/**
 * An editor enters a plan indicator's actual value for a year with its source (signed in editors
 * only; the server refuses anyone else). What was typed stays in the form when the server refuses.
 */
import { useState, type FormEvent } from 'react';
import { formatNumber } from '../../geo/units.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/session.tsx';
import { useTeam } from './teamSlots.tsx';

export function IndicatorValueForm({ indicators }: { indicators: string[] }) {
  const team = useTeam();
  const { t } = useI18n();
  const { controller: session } = useSession();
  const [indicator, setIndicator] = useState(indicators[0] ?? '');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (!team || !session.mayWrite('indicator')) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || source.trim() === '') return setMessage({ kind: 'error', text: t('indicators.team.bad') });
    const stored = await team.indicators.create({ indicator, year: Number(year), value: number, source: source.trim() });
    if (stored) {
      setMessage({ kind: 'ok', text: t('indicators.team.saved', { indicator, year, value: formatNumber(number, 2) }) });
      setValue('');
    } else setMessage({ kind: 'error', text: t('progress.notStored', { reason: team.indicators.getState().error?.message ?? '' }) });
  };
  return (
    <form className="team-form" onSubmit={(e) => void submit(e)} aria-label={t('indicators.team.record')}>
      <h3>{t('indicators.team.record')}</h3>
      <label>
        {t('indicators.team.indicator')}
        <select aria-label={t('indicators.team.indicator')} value={indicator} onChange={(e) => setIndicator(e.target.value)}>
          {indicators.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('indicators.team.year')}
        <input aria-label={t('indicators.team.year')} type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} />
      </label>
      <label>
        {t('indicators.team.value')}
        <input aria-label={t('indicators.team.value')} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <label>
        {t('indicators.team.source')}
        <input aria-label={t('indicators.team.source')} value={source} onChange={(e) => setSource(e.target.value)} />
      </label>
      <button type="submit">{t('indicators.team.submit')}</button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'measure-warning' : 'measure-note'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
