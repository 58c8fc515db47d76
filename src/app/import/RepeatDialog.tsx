/**
 * Asks what to do when an import repeats open layers (the same file chosen again): replace the
 * open layer, keep both, or cancel. The question comes from ImportsProvider (`pendingRepeat`).
 */
import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n.tsx';
import { useImports } from './ImportsProvider.tsx';

export function RepeatDialog() {
  const { t } = useI18n();
  const { pendingRepeat } = useImports();
  const titleId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pendingRepeat) first.current?.focus();
  }, [pendingRepeat]);
  if (!pendingRepeat) return null;
  const { names, resolve } = pendingRepeat;
  return (
    <div className="import-message import-repeat" role="alertdialog" aria-labelledby={titleId} data-testid="import-repeat">
      <p id={titleId}>
        <strong>{t('import.repeat.title')}</strong>
      </p>
      <p>{t('import.repeat.text', { names: names.join('、') })}</p>
      <div className="import-repeat-actions">
        <button ref={first} type="button" onClick={() => resolve('replace')}>
          {t('import.repeat.replace')}
        </button>
        <button type="button" onClick={() => resolve('both')}>
          {t('import.repeat.both')}
        </button>
        <button type="button" onClick={() => resolve('cancel')}>
          {t('import.repeat.cancel')}
        </button>
      </div>
    </div>
  );
}
