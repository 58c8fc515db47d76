/**
 * What the measurement list shows of the team sync: the sync's state, every write the server
 * refused (with its message), every conflict with both versions and the three choices, and per
 * measurement the share toggle, its maker, whether it is synced, and its history with restore.
 * Nothing is shown while the sync is off (no server, signed out).
 */
import { useState } from 'react';
import type { SyncConflict } from '../../controllers/syncController.ts';
import { featureArea } from '../../geo/featureArea.ts';
import { formatArea } from '../../geo/units.ts';
import type { Lang } from '../../geo/lang.ts';
import type { Measurement } from '../../measure/types.ts';
import type { RecordVersion } from '../../store/serverApi.ts';
import { ApiError } from '../../store/serverApi.ts';
import { useI18n } from '../i18n.tsx';
import { useMayTakeFromTeam, useSyncController, useTeamLocked } from '../team/teamSlots.tsx';
import { HistoryButton, HistoryList, when } from './HistoryList.tsx';
import { useSyncState } from './sync.tsx';
import './sync.css';


const reasonOf = (error: unknown, lang: Lang): string => (error instanceof ApiError ? error.text(lang) : String(error));

/** The sync's state, its refusals and its conflicts, above the list. */
export function SyncStatus() {
  const { t, lang } = useI18n();
  const sync = useSyncController();
  const state = useSyncState();
  if (!sync || state.status === 'off') return null;
  return (
    <div className="sync-status" data-sync-status={state.status}>
      <p role="status">
        {state.status === 'offline'
          ? t('team.sync.offline', { count: String(state.pending.size) })
          : t(state.status === 'unavailable' ? 'team.sync.unavailable' : state.status === 'syncing' ? 'team.sync.syncing' : 'team.sync.synced')}
      </p>
      {state.refused.map((r) => (
        <p key={r.id} className="sync-refused" role="alert">
          {t('team.sync.refused', { name: r.name, reason: r.error.text(lang) })}{' '}
          <button type="button" onClick={() => sync.dismissRefusal(r.id)}>
            {t('team.sync.dismiss')}
          </button>
        </p>
      ))}
      {state.conflicts.map((c) => (
        <ConflictView key={c.id} conflict={c} />
      ))}
    </div>
  );
}

function VersionSummary({ m, lang }: { m: Measurement; lang: Lang }) {
  const { t } = useI18n();
  const area = m.geometry.type === 'LineString' ? null : featureArea({ type: 'Feature', properties: {}, geometry: m.geometry });
  return (
    <span className="sync-version">
      <span className="sync-swatch" style={{ background: m.color }} aria-hidden="true" /> <strong>{m.name}</strong>
      {area !== null && ` · ${formatArea(area, 'mu', lang)}`}
      {m.shared ? ` · ${t('team.conflict.shared')}` : ''}
    </span>
  );
}

function ConflictView({ conflict }: { conflict: SyncConflict }) {
  const { t, lang } = useI18n();
  const sync = useSyncController();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // A choice that cannot be stored here (a full disk) is said; the conflict stays to choose again.
  const choose = (choice: 'mine' | 'theirs' | 'both') => {
    setBusy(true);
    setFailure(null);
    void sync
      ?.resolve(conflict.id, choice)
      .catch((error: unknown) => setFailure(reasonOf(error, lang)))
      .finally(() => setBusy(false));
  };
  const { theirs } = conflict;
  return (
    <div className="sync-conflict" role="group" aria-label={t('team.conflict.title', { name: conflict.mine.name })} data-conflict-id={conflict.id}>
      <p>{t('team.conflict.title', { name: conflict.mine.name })}</p>
      <dl>
        <dt>{t('team.conflict.mine')}</dt>
        <dd data-version="mine">
          <VersionSummary m={conflict.mine} lang={lang} />
        </dd>
        <dt>{t('team.conflict.theirs', { who: theirs.team?.updatedBy ?? '', when: when(theirs.team?.updatedAt, lang) })}</dt>
        <dd data-version="theirs">
          <VersionSummary m={theirs} lang={lang} />
        </dd>
      </dl>
      <button type="button" disabled={busy} onClick={() => choose('mine')}>
        {t('team.conflict.keepMine')}
      </button>
      <button type="button" disabled={busy} onClick={() => choose('theirs')}>
        {t('team.conflict.keepTheirs')}
      </button>
      <button type="button" disabled={busy} onClick={() => choose('both')}>
        {t('team.conflict.keepBoth')}
      </button>
      {failure && (
        <p className="sync-refused" role="alert">
          {t('team.sync.notSaved', { name: conflict.mine.name, reason: failure })}
        </p>
      )}
    </div>
  );
}

/** Per measurement: shared or private, its maker, not yet synced, history. */
export function TeamItemControls({ item }: { item: Measurement }) {
  const { t, lang } = useI18n();
  const sync = useSyncController();
  const state = useSyncState();
  const [history, setHistory] = useState<RecordVersion[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notSaved, setNotSaved] = useState<string | null>(null);
  const locked = useTeamLocked(item);
  const mayUnshare = useMayTakeFromTeam(item) && !locked;
  if (!sync || state.status === 'off' || state.status === 'unavailable') return null;
  if (item.geometry.type === 'LineString') return <p className="sync-item">{t('team.sync.localOnly')}</p>;
  const owner = item.team?.owner;
  const others = owner !== undefined && owner !== state.user;
  const showHistory = () => {
    setFailure(null);
    sync.history(item.id).then(setHistory, (error: unknown) => setFailure(reasonOf(error, lang)));
  };
  const restore = (version: number) => {
    setFailure(null);
    sync
      .restore(item.id, version)
      .then(() => sync.history(item.id))
      .then(setHistory, (error: unknown) => setFailure(reasonOf(error, lang)));
  };
  return (
    <div className="sync-item">
      <label>
        <input
          type="checkbox"
          checked={item.shared ?? false}
          disabled={!mayUnshare}
          aria-label={t('team.sync.sharedLabel', { name: item.name })}
          onChange={(e) => {
            setNotSaved(null);
            sync.setShared(item.id, e.target.checked).catch((error: unknown) => setNotSaved(reasonOf(error, lang)));
          }}
        />{' '}
        {t('team.sync.shared')}
      </label>
      {others && (
        <span className="sync-owner" title={t('team.sync.ownerOnly')}>
          {t('team.sync.owner', { owner })}
        </span>
      )}
      {locked && <span className="sync-locked">{t('team.sync.notYours')}</span>}
      {state.pending.has(item.id) && <span className="sync-pending">{t('team.sync.pending')}</span>}
      <HistoryButton name={item.name} onOpen={showHistory} failure={failure} />
      {notSaved && (
        <p className="sync-refused" role="alert">
          {t('team.sync.notSaved', { name: item.name, reason: notSaved })}
        </p>
      )}
      {history && <HistoryList name={item.name} versions={history} onRestore={others || locked ? undefined : restore} onClose={() => setHistory(null)} />}
    </div>
  );
}
