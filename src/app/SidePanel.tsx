import { useI18n } from './i18n.tsx';
import { FeatureDetails } from './FeatureDetails.tsx';
import { LayerPanel } from './LayerPanel.tsx';
import { MeasurementsSection } from './measure/MeasurementsSection.tsx';
import { RestorationSection } from './measure/RestorationSection.tsx';
import { SectionBoundary } from './SectionBoundary.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { CountySection } from './stats/CountySection.tsx';
import { StatisticsSection } from './stats/StatisticsSection.tsx';
import type { StatisticsState } from './stats/useCountyStatistics.ts';

interface SidePanelProps {
  open: boolean;
  stats: StatisticsState;
  /** The table is docked under the map (desktop) rather than in the panel (phone). */
  statsDocked: boolean;
}

/** The panel that holds feature details, layers, measurements and settings. */
export function SidePanel({ open, stats, statsDocked }: SidePanelProps) {
  const { t, lang } = useI18n();
  const sections = [
    <CountySection key="county" stats={stats} />,
    <FeatureDetails key="details" />,
    statsDocked ? null : <StatisticsSection key="stats" stats={stats} docked={false} />,
    <LayerPanel key="layers" />,
    <MeasurementsSection key="measurements" />,
    <RestorationSection key="restoration" />,
    <SettingsSection key="settings" />,
  ];
  return (
    <aside id="side-panel" className="side-panel" aria-label={t('app.panel.label')} hidden={!open} tabIndex={-1}>
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
