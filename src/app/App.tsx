import { useEffect, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { pickLang, translate, type Lang } from '../i18n/index.ts';
import { PackLoadError } from '../pack/loadPack.ts';
import type { LoadedPack } from '../pack/types.ts';
import { Header } from './Header.tsx';
import { I18nProvider } from './i18n.tsx';
import { MapView } from './MapView.tsx';
import { SidePanel } from './SidePanel.tsx';
import { parseAppState, serializeAppState, type AppUrlState } from './urlState.ts';

type PackState = { status: 'loading' } | { status: 'ready'; pack: LoadedPack } | { status: 'error'; url: string; reason: string };

interface AppProps {
  initialState: AppUrlState;
  manifestUrl: string;
  /** Started before React renders, so the download overlaps script start-up. */
  packPromise: Promise<LoadedPack>;
}

export function App({ initialState: initial, manifestUrl, packPromise }: AppProps) {
  const [lang, setLang] = useState<Lang>(() => pickLang(initial.lang, navigator.languages));
  const [packState, setPackState] = useState<PackState>({ status: 'loading' });
  const [, setMap] = useState<MapLibreMap | null>(null);
  const [panelOpen, setPanelOpen] = useState(true);

  useEffect(() => {
    packPromise.then(
      (pack) => setPackState({ status: 'ready', pack }),
      (err: unknown) =>
        setPackState({ status: 'error', url: err instanceof PackLoadError ? err.url : manifestUrl, reason: err instanceof PackLoadError ? err.reason : String(err) }),
    );
  }, [packPromise, manifestUrl]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(lang, 'app.title');
    const url = new URL(window.location.href);
    url.search = serializeAppState({ ...parseAppState(url.search), lang });
    window.history.replaceState(null, '', url);
  }, [lang]);

  return (
    <I18nProvider lang={lang}>
      <div className={`app ${panelOpen ? 'panel-open' : 'panel-closed'}`}>
        <Header onToggleLang={() => setLang(lang === 'zh' ? 'en' : 'zh')} panelOpen={panelOpen} onTogglePanel={() => setPanelOpen(!panelOpen)} />
        <main className="workspace">
          {packState.status === 'ready' && <MapView pack={packState.pack} onMap={setMap} />}
          {packState.status === 'loading' && <p className="map-message" role="status">{translate(lang, 'app.loading')}</p>}
          {packState.status === 'error' && (
            <p className="map-message error" role="alert">
              {translate(lang, 'app.error.pack', { url: packState.url, reason: packState.reason })}
            </p>
          )}
          <SidePanel open={panelOpen} pack={packState.status === 'ready' ? packState.pack : null} />
        </main>
      </div>
    </I18nProvider>
  );
}
