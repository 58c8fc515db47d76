/**
 * What a collection of team records shows of its sync (restoration figures, indicator values):
 * - RecordSyncStatus: "cannot reach the server, N kept here", every write the server refused (with
 *   its reason; the record stays here until dismissed or deleted) and every conflict with both
 *   versions and the three choices;
 * - RecordItemControls, per record: 未同步 while not on the server, an editor for the fields a
 *   user may correct (saved here, sent with the version it changes), and the server's history with
 *   who and when, each earlier version restorable.
 */
import { useState, type FormEvent } from 'react';
import type { RecordBody, TeamRecordsController } from '../../controllers/teamRecordsController.ts';
import type { Lang } from '../../geo/lang.ts';
import { ApiError, type RecordVersion, type ServerRecord } from '../../store/serverApi.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useI18n } from '../i18n.tsx';
import { HistoryList, when } from '../sync/HistoryList.tsx';
import { useControllerState } from './teamSlots.tsx';

const reasonOf = (error: unknown, lang: Lang): string => (error instanceof ApiError ? error.text(lang) : error instanceof Error ? error.message : String(error));

interface ViewsProps<T extends ServerRecord> {
  controller: TeamRecordsController<T>;
  /** One line naming a record's content (a figure: site, date, 亩, note). */
  describe: (body: RecordBody<T>) => string;
}

export function RecordSyncStatus<T extends ServerRecord>({ controller, describe }: ViewsProps<T>) {
  const { t, lang } = useI18n();
  const state = useControllerState(controller);
  const [failure, setFailure] = useState<string | null>(null);
  if (!state) return null;
  const choose = (id: string, choice: 'mine' | 'theirs' | 'both') => {
    setFailure(null);
    controller.resolve(id, choice).catch((error: unknown) => setFailure(reasonOf(error, lang)));
  };
  return (
    <div className="record-sync-status" data-sync-status={state.sync} data-testid={`sync-${controller.path.slice(5)}`}>
      {state.sync === 'offline' && <p role="status">{t('team.sync.offline', { count: String(state.pending.size) })}</p>}
      {state.error && (
        <p className="sync-refused" role="alert">
          {t('progress.notStored', { reason: state.error.message })}
        </p>
      )}
      {state.refused.map((r) => (
        <p key={r.id} className="sync-refused" role="alert">
          {t('team.sync.refused', { name: r.name, reason: r.error.text(lang) })}{' '}
          <button type="button" onClick={() => controller.dismissRefusal(r.id)}>
            {t('team.sync.dismiss')}
          </button>{' '}
          {state.pending.has(r.id) && (
            <button type="button" aria-label={t('progress.delete.label', { name: r.name })} onClick={() => void controller.remove(r.id)}>
              {t('progress.delete')}
            </button>
          )}
        </p>
      ))}
      {state.conflicts.map((c) => {
        const name = describe(c.mine);
        return (
          <div key={c.id} className="sync-conflict" role="group" aria-label={t('team.conflict.title', { name })} data-conflict-id={c.id}>
            <p>{t('team.conflict.title', { name })}</p>
            <p className="sync-mine">
              {t('team.conflict.mine')}: {name}
            </p>
            <p className="sync-theirs">
              {t('team.conflict.theirs', { who: c.theirs.updated_by ?? '', when: when(c.theirs.updated_at, lang) })}: {describe(c.theirs)}
            </p>
            <button type="button" onClick={() => choose(c.id, 'mine')}>
              {t('team.conflict.keepMine')}
            </button>
            <button type="button" onClick={() => choose(c.id, 'theirs')}>
              {t('team.conflict.keepTheirs')}
            </button>
            <button type="button" onClick={() => choose(c.id, 'both')}>
              {t('team.conflict.keepBoth')}
            </button>
          </div>
        );
      })}
      {failure && (
        <p className="sync-refused" role="alert">
          {t('progress.notStored', { reason: failure })}
        </p>
      )}
    </div>
  );
}

/** A field an editor may correct: its label (i18n key) and whether it is a number. */
export interface EditableField<T extends ServerRecord> {
  key: keyof RecordBody<T> & string;
  label: MessageKey;
  type: 'number' | 'integer' | 'date' | 'text';
  optional?: boolean;
}

interface ItemProps<T extends ServerRecord> extends ViewsProps<T> {
  record: T;
  /** Absent: this user may not change the record (no editor, no restore). */
  fields?: EditableField<T>[];
}

export function RecordItemControls<T extends ServerRecord>({ controller, describe, record, fields }: ItemProps<T>) {
  const { t, lang } = useI18n();
  const state = useControllerState(controller);
  const [editing, setEditing] = useState<Record<string, string> | null>(null);
  const [history, setHistory] = useState<RecordVersion[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (!state) return null;
  const body = record as unknown as Record<string, unknown>;
  const name = describe(record);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing || !fields) return;
    const change: Record<string, unknown> = {};
    for (const f of fields) {
      const text = (editing[f.key] ?? '').trim();
      const label = t(f.label);
      if (text === '') {
        if (!f.optional) return setFailure(t('progress.edit.empty', { field: label }));
        continue;
      }
      if (f.type === 'number' || f.type === 'integer') {
        const n = Number(text);
        if (!Number.isFinite(n) || (f.type === 'integer' && !Number.isInteger(n))) return setFailure(t('progress.edit.bad', { field: label }));
        change[f.key] = n;
      } else change[f.key] = text;
    }
    const { id: _id, version: _version, deleted: _deleted, updated_at: _at, updated_by: _by, author: _author, ...kept } = body;
    // Optional fields left empty are removed, not sent as "".
    for (const f of fields) if (!(f.key in change)) delete kept[f.key];
    const stored = await controller.change(record.id, { ...kept, ...change } as RecordBody<T>);
    if (stored) {
      setEditing(null);
      setFailure(null);
    } else setFailure(t('progress.notStored', { reason: controller.getState().error?.message ?? '' }));
  };
  const showHistory = () => {
    setFailure(null);
    controller.history(record.id).then(setHistory, (error: unknown) => setFailure(t('team.history.failed', { reason: reasonOf(error, lang) })));
  };
  const restore = (version: number) => {
    setFailure(null);
    controller
      .restore(record.id, version)
      .then(() => controller.history(record.id))
      .then(setHistory, (error: unknown) => setFailure(t('team.history.failed', { reason: reasonOf(error, lang) })));
  };

  return (
    <span className="sync-item">
      {state.pending.has(record.id) && <span className="sync-pending">{t('progress.pending')}</span>}
      {fields && (
        <button type="button" aria-label={t('progress.edit.label', { name })} onClick={() => setEditing(Object.fromEntries(fields.map((f) => [f.key, body[f.key] === undefined ? '' : String(body[f.key])])))}>
          {t('progress.edit')}
        </button>
      )}
      <button type="button" aria-label={t('team.history.label', { name })} onClick={showHistory}>
        {t('team.history')}
      </button>
      {editing && fields && (
        <form className="team-form" aria-label={t('progress.edit.label', { name })} onSubmit={(e) => void save(e)}>
          {fields.map((f) => (
            <label key={f.key}>
              {t(f.label)}
              <input
                aria-label={t(f.label)}
                type={f.type === 'date' ? 'date' : 'text'}
                inputMode={f.type === 'number' ? 'decimal' : f.type === 'integer' ? 'numeric' : undefined}
                value={editing[f.key] ?? ''}
                onChange={(e) => setEditing({ ...editing, [f.key]: e.target.value })}
              />
            </label>
          ))}
          <button type="submit">{t('progress.edit.save')}</button>
          <button type="button" onClick={() => setEditing(null)}>
            {t('progress.edit.cancel')}
          </button>
        </form>
      )}
      {failure && (
        <span className="sync-refused" role="alert">
          {failure}
        </span>
      )}
      {history && (
        <HistoryList as="span" name={name} versions={history} describe={(data) => describe(data as RecordBody<T>)} onRestore={fields ? restore : undefined} onClose={() => setHistory(null)} />
      )}
    </span>
  );
}
