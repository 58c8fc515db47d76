/**
 * The measuring toolbar over the map (a MapLibre control at the top left, rendered by React into
 * the control's element): the 测量 / Measure button, the drawing modes, snapping, undo / finish /
 * cancel, keyboard drawing (a crosshair at the map's centre), and the live figures of the shape
 * being drawn in the panel's unit. On a touch screen it is one compact strip with tap hints.
 */
import { useEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { formatArea, formatLength } from '../../geo/units.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { DRAW_MODES } from '../../map/draw/drawModes.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';
import { useMeasure, useMeasureLive } from './MeasureProvider.tsx';
import './measure.css';
import { useMapControl } from '../useMapControl.ts';

export function MeasureToolbar() {
  const { map } = useWorkspace();
  const container = useMapControl(map, 'measure-ctrl');
  return map ? createPortal(<ToolbarContent />, container) : null;
}

function ToolbarContent() {
  const { t } = useI18n();
  const m = useMeasure();
  const editing = m.editing !== null;
  const { toolOpen, cancel, finish, undo } = m;
  const keyboard = m.keyboardVertices !== null;

  // Esc and Enter reach terra-draw through the map canvas; when the focus is elsewhere on the
  // page (e.g. on a mode button just pressed) they are forwarded, unless typed into a field.
  useEffect(() => {
    if (!toolOpen && !editing) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (!target || target.classList.contains('maplibregl-canvas')) return;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      // Keyboard drawing: Esc ends the sketch (a polygon once it has three vertices), as on the map.
      if (e.key === 'Escape') (keyboard ? finish : cancel)();
      else if (e.key === 'Enter' && !target.closest('button, a')) finish();
      else if ((e.key === 'z' || e.key === 'Z') && (e.ctrlKey || e.metaKey) && !e.shiftKey) {
        e.preventDefault();
        undo();
      }
    };
    document.addEventListener('keyup', onKey);
    return () => document.removeEventListener('keyup', onKey);
  }, [toolOpen, editing, keyboard, cancel, finish, undo]);

  const hint: MessageKey = keyboard
    ? 'measure.hint.keyboard'
    : m.touch
      ? editing
        ? 'measure.hint.touch.edit'
        : m.mode
          ? (`measure.hint.touch.${m.mode}` as MessageKey)
          : 'measure.hint.choose'
      : editing
        ? 'measure.hint.edit'
        : m.mode
          ? (`measure.hint.${m.mode}` as MessageKey)
          : 'measure.hint.choose';

  return (
    <div className={`measure-toolbar${m.toolOpen || editing ? ' open' : ''}${m.touch ? ' touch' : ''}`}>
      <button
        type="button"
        className="measure-main"
        aria-pressed={m.toolOpen}
        aria-expanded={m.toolOpen}
        aria-controls="measure-tools"
        title={t('measure.button.title')}
        onClick={() => m.setToolOpen(!m.toolOpen)}
      >
        {t('measure.button')}
      </button>
      {(m.toolOpen || editing) && (
        <div id="measure-tools" className="measure-tools">
          {/* One strip that scrolls sideways on a phone; its parts lay out as before elsewhere. */}
          <div className="measure-strip">
            {m.toolOpen && (
              <div role="toolbar" aria-label={t('measure.tools.label')} className="measure-modes">
                {DRAW_MODES.map((mode) => (
                  <button key={mode} type="button" aria-pressed={!editing && !keyboard && m.mode === mode} onClick={() => m.setMode(mode)}>
                    {t(`measure.mode.${mode}` as MessageKey)}
                  </button>
                ))}
                {!m.touch && (
                  <button type="button" aria-pressed={keyboard} title={t('measure.hint.keyboard')} onClick={m.startKeyboard}>
                    {t('measure.mode.keyboard')}
                  </button>
                )}
              </div>
            )}
            <div className="measure-actions">
              {!keyboard && (
                <label className="measure-snap">
                  <input type="checkbox" checked={m.snapping} onChange={(e) => m.setSnapping(e.target.checked)} /> {t('measure.snap')}
                </label>
              )}
              <button type="button" onClick={m.undo}>
                {t('measure.undo')}
              </button>
              <button type="button" onClick={m.finish}>
                {editing ? t('measure.finishEdit') : t('measure.finish')}
              </button>
              <button type="button" onClick={m.cancel}>
                {t('measure.cancel')}
              </button>
            </div>
          </div>
          {m.toolLoading && <p className="measure-hint">{t('measure.loading')}</p>}
          <HintAndFigures hint={t(hint)} compact={m.touch} />
        </div>
      )}
      {/* Live regions exist before their text changes, so screen readers announce it. */}
      <p className="measure-message alert" role="alert">
        {m.message?.kind === 'alert' ? m.message.text : ''}
      </p>
      <p className="measure-message" role="status">
        {m.message?.kind === 'info' ? m.message.text : ''}
      </p>
    </div>
  );
}

/** The hint and the figures; compact (a phone): the hint until the first vertex, then the figures. */
function HintAndFigures({ hint, compact }: { hint: string; compact: boolean }) {
  const drawing = useMeasureLive() !== null;
  return (
    <>
      {!(compact && drawing) && <p className="measure-hint">{hint}</p>}
      {(!compact || drawing) && <LiveReadout />}
    </>
  );
}

/** The figures of the shape being drawn, re-rendered alone at pointer-move rate. */
function LiveReadout() {
  const { t, lang } = useI18n();
  const { unit } = useWorkspace();
  const live = useMeasureLive();
  const liveText = useMemo(() => {
    if (!live) return null;
    if (live.geometryType === 'LineString') return `${t('measure.live.length')} ${formatLength(live.length_m, lang)}`;
    const crossing = live.issue?.code === 'self-intersection' || live.issue?.code === 'ring-intersection';
    const area = live.area_m2 !== null ? formatArea(live.area_m2, unit, lang) : crossing ? `— ${lang === 'zh' ? '（' : '('}${t('measure.live.crossing')}${lang === 'zh' ? '）' : ')'}` : '—';
    return `${t('measure.live.area')} ${area} · ${t('measure.live.perimeter')} ${formatLength(live.length_m, lang)}`;
  }, [live, unit, lang, t]);

  return (
    // Updated at pointer-move rate: not announced (aria-live off); results are, in the status line.
    <p className="measure-live" data-testid="measure-live" aria-live="off">
      {liveText ?? t('measure.live.waiting')}
      {live && live.vertexCount > 0 && <span className="measure-vertices"> · {t('measure.live.vertices', { n: live.vertexCount })}</span>}
    </p>
  );
}
