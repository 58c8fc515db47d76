import { localText } from '../i18n/index.ts';
import type { LoadedPack } from '../pack/types.ts';
import { useI18n } from './i18n.tsx';

interface SidePanelProps {
  open: boolean;
  pack: LoadedPack | null;
}

/** The panel that holds layers, statistics and measurements; later work fills its sections. */
export function SidePanel({ open, pack }: SidePanelProps) {
  const { t, lang } = useI18n();
  return (
    <aside id="side-panel" className="side-panel" aria-label={t('app.panel.label')} hidden={!open} tabIndex={-1}>
      {pack && (
        <section className="panel-section">
          <h2>{localText(pack.manifest.name, lang)}</h2>
          <ul className="legend-list">
            {pack.layers.map((layer) => (
              <li key={layer.id}>
                <span className="swatch" style={{ background: layer.style.color }} aria-hidden="true" />
                {localText(layer.title, lang)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
