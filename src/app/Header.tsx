import { useRef, useState } from 'react';
import type { LoadedPack } from '../pack/types.ts';
import { EmbedDialog } from './EmbedDialog.tsx';
import { useI18n } from './i18n.tsx';
import { appTitle } from './appTitle.ts';
import { useTeamModule, useTeamModuleFailed } from './team/teamSlots.tsx';

interface HeaderProps {
  onToggleLang: () => void;
  panelOpen: boolean;
  onTogglePanel: () => void;
  /** The loaded pack, for the embed dialog (its button waits until there is one). */
  pack?: LoadedPack | null;
}

export function Header({ onToggleLang, panelOpen, onTogglePanel, pack }: HeaderProps) {
  const { t, lang } = useI18n();
  const [embedOpen, setEmbedOpen] = useState(false);
  const embedButton = useRef<HTMLButtonElement>(null);
  const team = useTeamModule();
  const teamFailed = useTeamModuleFailed();
  return (
    <header className="app-header">
      {/* Only while the panel is open: a link to a hidden panel would lead nowhere. */}
      {panelOpen && (
        <a className="skip-link" href="#side-panel">
          {t('app.panel.label')}
        </a>
      )}
      <h1 className="app-title">
        <span className="brand">{t('app.shortTitle')}</span>
        <span className="title-rest">{appTitle(pack ?? null, lang).replace(/^[^·]*·\s*/, '')}</span>
      </h1>
      <div className="header-actions">
        {team && <team.SessionControl pack={pack ?? null} />}
        {teamFailed && (
          <span className="session-status error" role="status">
            {t('team.moduleFailed')}
          </span>
        )}
        <button type="button" className="lang-switch" onClick={onToggleLang} aria-label={t('app.lang.switchLabel')} lang={lang === 'zh' ? 'en' : 'zh'}>
          {t('app.lang.switch')}
        </button>
        {pack && (
          <button type="button" ref={embedButton} className="embed-button" onClick={() => setEmbedOpen(true)} aria-haspopup="dialog" aria-label={t('embed.button.label')}>
            {t('embed.button')}
          </button>
        )}
        <button type="button" className="panel-toggle" onClick={onTogglePanel} aria-expanded={panelOpen} aria-controls="side-panel">
          {panelOpen ? t('app.panel.hide') : t('app.panel.show')}
        </button>
      </div>
      {embedOpen && pack && (
        <EmbedDialog
          pack={pack}
          onClose={() => {
            setEmbedOpen(false);
            embedButton.current?.focus();
          }}
        />
      )}
    </header>
  );
}
