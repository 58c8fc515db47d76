/**
 * The import entry points on the map: the 导入 / Import button (a file picker for several files),
 * dropping files anywhere on the map (with a visible overlay), the progress bar with a cancel
 * button while the worker parses, and the result or error in the UI language. Rendered by React
 * into a MapLibre control at the top left, like the measuring toolbar.
 */
import { lazy, Suspense, useEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { MessageKey } from '../../i18n/index.ts';
import { formatImportMessage } from '../../import/messages.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';
import { useImportBusy, useImports, type NoticeText } from './ImportsProvider.tsx';
import './import.css';
import { useMapControl } from '../useMapControl.ts';
import { RepeatDialog } from './RepeatDialog.tsx';

// The dialog brings the CRS tables and proj4: loaded only when a file needs it.
const CrsDialog = lazy(() => import('./CrsDialog.tsx'));

/** What the picker offers (a shapefile's parts may be chosen together). */
export const IMPORT_ACCEPT = ['.geojson', '.json', '.geojsonl', '.geojsons', '.ndjson', '.kml', '.kmz', '.gpx', '.zip', '.shp', '.shx', '.dbf', '.prj', '.cpg', '.csv', '.txt', '.xlsx', '.dxf'].join(',');

export function useNoticeText(): (text: NoticeText) => string {
  const { t, lang } = useI18n();
  return (text) => {
    if ('importMessage' in text) return formatImportMessage(text.importMessage, lang, 'ui');
    const local = Object.fromEntries(Object.entries(text.localParams ?? {}).map(([k, v]) => [k, v[lang]]));
    return t(text.key, { ...text.params, ...local });
  };
}

export function ImportControl() {
  const { map } = useWorkspace();
  const container = useMapControl(map, 'import-ctrl');
  if (!map) return null;
  return (
    <>
      {createPortal(<ImportPanel />, container)}
      {createPortal(<DropOverlay />, map.getContainer())}
      <CrsDialogSlot />
    </>
  );
}

function CrsDialogSlot() {
  const { pendingCrs } = useImports();
  if (!pendingCrs) return null;
  return (
    <Suspense fallback={null}>
      <CrsDialog pending={pendingCrs} />
    </Suspense>
  );
}

function ImportPanel() {
  const { t } = useI18n();
  const imports = useImports();
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const text = useNoticeText();
  const busy = useImportBusy();
  useFocusAfterFileDialog(input, button, busy !== null);
  const { notice } = imports;
  const stageKey: MessageKey = busy ? (`import.progress.${busy.stage}` as MessageKey) : 'import.progress.read';
  return (
    <div className="import-panel">
      <button ref={button} type="button" className="import-main" title={t('import.button.title')} onClick={() => input.current?.click()} disabled={busy !== null}>
        {t('import.button')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        className="visually-hidden"
        aria-label={t('import.input.label')}
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so choosing the same file again fires a change.
          e.target.value = '';
          if (files.length) imports.importFiles(files);
        }}
      />
      {busy && (
        <div className="import-progress" data-testid="import-progress">
          <label>
            <span className="import-stage">{t(stageKey, { file: busy.file })}</span>
            <progress max={1} value={busy.fraction} aria-label={t('import.progress.label')} />
          </label>
          {busy.cancellable && (
            <button type="button" onClick={imports.cancel}>
              {t('import.cancel')}
            </button>
          )}
        </div>
      )}
      <RepeatDialog />
      {imports.reading.length > 0 && (
        <p className="import-message import-reading" data-testid="import-reading">
          {t('import.progress.loading', { names: imports.reading.join('、') })}
        </p>
      )}
      {/* Live regions exist before their text changes, so screen readers announce it. */}
      <div className="import-message alert" role="alert" data-testid="import-error">
        {notice?.kind === 'error' && noticeBody()}
      </div>
      <div className="import-message" role="status" data-testid="import-status">
        {notice?.kind === 'info' && noticeBody()}
      </div>
      {!imports.persistent && imports.records.length > 0 && <p className="import-message">{t('import.notPersistent')}</p>}
    </div>
  );

  function noticeBody() {
    if (!notice) return null;
    return (
      <>
        <p>{text(notice.text)}</p>
        {notice.details && notice.details.length > 0 && (
          <ul className="import-warnings" aria-label={t('import.warnings')}>
            {notice.details.map((d, i) => (
              <li key={i}>
                {text(d)}
                {/* The hint "请重新选择坐标系" leads to the dialog that does it. */}
                {'importMessage' in d && d.importMessage.code === 'crs-assumed-cgcs2000' && imports.rechooseCrs && (
                  <button type="button" className="import-rechoose" onClick={imports.rechooseCrs}>
                    {t('import.crs.rechoose')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="import-dismiss" onClick={imports.dismissNotice} aria-label={t('import.dismiss')}>
          ×
        </button>
      </>
    );
  }
}

/**
 * After the file dialog (a file chosen or the dialog cancelled) the focus goes back to the import
 * button, so a keyboard user goes on from there. The button is disabled while the files are read
 * and a disabled button drops the focus to the page, so it is given back once the import ends —
 * unless something else (the CRS dialog) has taken it meanwhile.
 */
function useFocusAfterFileDialog(input: RefObject<HTMLInputElement | null>, button: RefObject<HTMLButtonElement | null>, busy: boolean): void {
  const returning = useRef(false);
  useEffect(() => {
    const picker = input.current;
    if (!picker) return;
    const back = () => {
      returning.current = true;
      button.current?.focus();
    };
    picker.addEventListener('change', back);
    picker.addEventListener('cancel', back);
    return () => {
      picker.removeEventListener('change', back);
      picker.removeEventListener('cancel', back);
    };
  }, [input, button]);
  useEffect(() => {
    if (busy || !returning.current) return;
    returning.current = false;
    if (document.activeElement === null || document.activeElement === document.body) button.current?.focus();
  }, [busy, button]);
}

/** Files dragged over the map: an overlay says they will be imported; dropping imports them. */
function DropOverlay() {
  const { t } = useI18n();
  const { map } = useWorkspace();
  const imports = useImports();
  const [dragging, setDragging] = useState(false);
  const importFiles = useRef(imports.importFiles);
  importFiles.current = imports.importFiles;

  useEffect(() => {
    if (!map) return;
    const target = map.getContainer();
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) importFiles.current(files);
    };
    // A file dropped beside the map must not make the browser open it in place of the app.
    const guard = (e: DragEvent) => {
      if (hasFiles(e) && !target.contains(e.target as Node)) e.preventDefault();
    };
    target.addEventListener('dragenter', onEnter);
    target.addEventListener('dragover', onOver);
    target.addEventListener('dragleave', onLeave);
    target.addEventListener('drop', onDrop);
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      target.removeEventListener('dragenter', onEnter);
      target.removeEventListener('dragover', onOver);
      target.removeEventListener('dragleave', onLeave);
      target.removeEventListener('drop', onDrop);
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, [map]);

  return (
    <div className="import-drop" data-testid="import-drop" hidden={!dragging} aria-hidden={!dragging}>
      <p>
        <strong>{t('import.drop')}</strong>
        <span>{t('import.drop.formats')}</span>
      </p>
    </div>
  );
}
