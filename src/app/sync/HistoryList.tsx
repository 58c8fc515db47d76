/**
 * A record's server versions, oldest first, with who wrote each when and a restore button on every
 * earlier version (when `onRestore` is given: the user may write the record). Shared by the
 * measurements' history, the history of a shared layer's feature and of a dated figure or value.
 */
import type { Lang } from '../../geo/lang.ts';
import type { RecordVersion } from '../../store/serverApi.ts';
import { useI18n } from '../i18n.tsx';
import './sync.css';

export const when = (iso: string | undefined, lang: Lang): string =>
  iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '';

interface HistoryListProps {
  /** The record's name (the group's label). */
  name: string;
  versions: RecordVersion[];
  onRestore?: (version: number) => void;
  onClose: () => void;
  /** What a version held, in a few words (default: its name). */
  describe?: (data: RecordVersion['data']) => string;
  /** `span` where the list sits in a line of text (a figure's row). */
  as?: 'div' | 'span';
}

const nameOf = (data: RecordVersion['data']): string => (typeof data.name === 'string' ? data.name : '');

export function HistoryList({ name, versions, onRestore, onClose, describe = nameOf, as: Element = 'div' }: HistoryListProps) {
  const { t, lang } = useI18n();
  const Empty = Element === 'div' ? 'p' : 'span';
  return (
    <Element className="sync-history" role="group" aria-label={t('team.history.label', { name })}>
      {versions.length === 0 ? (
        <Empty>{t('team.history.empty')}</Empty>
      ) : (
        <ol>
          {versions.map((v, i) => (
            <li key={v.version}>
              {t('team.history.version', { version: String(v.version), who: v.author, when: when(v.created_at, lang) })} · {describe(v.data)}
              {v.deleted && ` ${t('team.history.deleted')}`}
              {i < versions.length - 1 && onRestore && (
                <button type="button" onClick={() => onRestore(v.version)}>
                  {t('team.history.restore')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <button type="button" onClick={onClose}>
        {t('team.history.close')}
      </button>
    </Element>
  );
}

/** The 历史 button of a record, and why its history could not be read (if it could not). */
export function HistoryButton({ name, onOpen, failure }: { name: string; onOpen: () => void; failure: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" aria-label={t('team.history.label', { name })} onClick={onOpen}>
        {t('team.history')}
      </button>
      {failure && (
        <p className="sync-refused" role="alert">
          {t('team.history.failed', { reason: failure })}
        </p>
      )}
    </>
  );
}
