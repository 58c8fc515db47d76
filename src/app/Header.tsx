import { useI18n } from './i18n.tsx';

interface HeaderProps {
  onToggleLang: () => void;
  panelOpen: boolean;
  onTogglePanel: () => void;
}

export function Header({ onToggleLang, panelOpen, onTogglePanel }: HeaderProps) {
  const { t, lang } = useI18n();
  return (
    <header className="app-header">
      <a className="skip-link" href="#side-panel">
        {t('app.panel.label')}
      </a>
      <h1 className="app-title">
        <span className="brand">{t('app.shortTitle')}</span>
        <span className="title-rest">{t('app.title').replace(/^[^·]*·\s*/, '')}</span>
      </h1>
      <div className="header-actions">
        <button type="button" className="lang-switch" onClick={onToggleLang} aria-label={t('app.lang.switchLabel')} lang={lang === 'zh' ? 'en' : 'zh'}>
          {t('app.lang.switch')}
        </button>
        <button type="button" className="panel-toggle" onClick={onTogglePanel} aria-expanded={panelOpen} aria-controls="side-panel">
          {panelOpen ? t('app.panel.hide') : t('app.panel.show')}
        </button>
      </div>
    </header>
  );
}
