import { useRef, useState } from 'react';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from './i18n.tsx';
import { nextSnap, snapAfterDrag, snapHeight, type SheetSnap } from './sheetSnap.ts';
import { useMediaQuery } from './useMediaQuery.ts';
import { useSheetCover } from './useSheetCover.ts';
import { useWorkspace } from './workspace.tsx';
import { FeatureDetails } from './FeatureDetails.tsx';
import { IndicatorsSection } from './indicators/IndicatorsSection.tsx';
import { LayerPanel } from './LayerPanel.tsx';
import { SearchBox } from './search/SearchBox.tsx';
import { MeasurementsSection } from './measure/MeasurementsSection.tsx';
import { RestorationSection } from './measure/RestorationSection.tsx';
import { SectionBoundary } from './SectionBoundary.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useTeamModule } from './team/teamSlots.tsx';
import { CountySection } from './stats/CountySection.tsx';
import { StatisticsSection } from './stats/StatisticsSection.tsx';
import type { StatisticsState } from './stats/useCountyStatistics.ts';

interface SidePanelProps {
  open: boolean;
  stats: StatisticsState;
  /** The table is docked under the map (desktop) rather than in the panel (phone). */
  statsDocked: boolean;
  /** Told the pixels at the bottom of the map the phone's sheet covers (the map frames features above it). */
  onSheetCover: (px: number) => void;
}

/**
 * The panel that holds feature details, layers, measurements and settings. On a phone it is a
 * bottom sheet with a drag handle resting at a peek (the search box), half or full height, and a
 * Layers button at its top.
 */
export function SidePanel({ open, stats, statsDocked, onSheetCover }: SidePanelProps) {
  const { t, lang } = useI18n();
  const { painted, map } = useWorkspace();
  const team = useTeamModule();
  const phone = useMediaQuery('(max-width: 720px)');
  const [snap, setSnap] = useState<SheetSnap>('half');
  const [dragHeight, setDragHeight] = useState<number | null>(null);
  const panel = useRef<HTMLElement>(null);
  const drag = useRef<{ startY: number; startHeight: number; lastY: number; lastT: number; velocity: number } | null>(null);
  const justDragged = useRef(false);
  useSheetCover(panel, map?.getContainer(), phone && open, onSheetCover);
  const available = () => panel.current?.parentElement?.clientHeight ?? window.innerHeight;

  const onPointerDown = (e: React.PointerEvent<HTMLButtonElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    const height = panel.current?.getBoundingClientRect().height ?? snapHeight(snap, available());
    drag.current = { startY: e.clientY, startHeight: height, lastY: e.clientY, lastT: e.timeStamp, velocity: 0 };
  };
  const onPointerMove = (e: React.PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d) return;
    const dt = Math.max(1, e.timeStamp - d.lastT);
    d.velocity = (d.lastY - e.clientY) / dt;
    d.lastY = e.clientY;
    d.lastT = e.timeStamp;
    setDragHeight(Math.max(48, Math.min(available(), d.startHeight + d.startY - e.clientY)));
  };
  const onPointerUp = (e: React.PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const moved = Math.abs(e.clientY - d.startY) > 6;
    setDragHeight(null);
    // A tap (no movement) is a click: handled by onClick.
    justDragged.current = moved;
    if (moved) setSnap(snapAfterDrag(d.startHeight + d.startY - e.clientY, available(), d.velocity));
  };
  const showLayers = () => {
    setSnap('full');
    requestAnimationFrame(() => {
      const heading = document.getElementById('layers-heading');
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    });
  };
  // The sections below the layers join once the map has painted: rendering and laying them out
  // on two CPU cores took ~0.5 s from the map's first frame (bench map-idle: ratio 1.6 → 1.35).
  // Their data (measurements, drafts) is loaded and kept by the providers meanwhile.
  const sections = [
    <SearchBox key="search" />,
    <CountySection key="county" stats={stats} />,
    <FeatureDetails key="details" />,
    statsDocked ? null : <StatisticsSection key="stats" stats={stats} docked={false} />,
    <LayerPanel key="layers" />,
    painted ? <MeasurementsSection key="measurements" /> : null,
    painted ? <RestorationSection key="restoration" /> : null,
    painted && team ? <team.RestorationTimelineSection key="team-progress" /> : null,
    painted ? <IndicatorsSection key="indicators" /> : null,
    painted && team ? <team.PublishSection key="publish" /> : null,
    painted ? <SettingsSection key="settings" /> : null,
  ];
  return (
    <aside
      id="side-panel"
      ref={panel}
      className={`side-panel${phone ? ` sheet sheet-${snap}${dragHeight !== null ? ' dragging' : ''}` : ''}`}
      style={phone && dragHeight !== null ? { height: dragHeight } : undefined}
      aria-label={t('app.panel.label')}
      hidden={!open}
      tabIndex={-1}
    >
      {phone && (
        <div className="sheet-top">
          <button
            type="button"
            className="sheet-handle"
            aria-label={t('sheet.handle', { state: t(`sheet.${snap}` as MessageKey) })}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => {
              drag.current = null;
              setDragHeight(null);
            }}
            onClick={() => {
              // A tap or Enter/Space steps round the snap points; the click ending a drag does not.
              if (!justDragged.current) setSnap(nextSnap(snap, 'cycle'));
              justDragged.current = false;
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                e.preventDefault();
                setSnap(nextSnap(snap, e.key === 'ArrowUp' ? 'up' : 'down'));
              }
            }}
          >
            <span aria-hidden="true" className="sheet-grip" />
          </button>
          <button type="button" className="secondary sheet-layers" onClick={showLayers}>
            {t('layers.heading')}
          </button>
        </div>
      )}
      {sections.map(
        (section) =>
          section && (
            <SectionBoundary key={section.key} lang={lang}>
              {section}
            </SectionBoundary>
          ),
      )}
    </aside>
  );
}
