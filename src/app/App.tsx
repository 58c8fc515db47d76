import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { packErrorText, pickLang, translate, type Lang } from '../i18n/index.ts';
import { PackLoadError } from '../pack/loadPack.ts';
import { findRegionLayer, regionCode } from '../pack/roles.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';
import { Header } from './Header.tsx';
import { I18nProvider } from './i18n.tsx';
import { ImportControl } from './import/ImportControl.tsx';
import { ImportsProvider } from './import/ImportsProvider.tsx';
import { MapView, zoomToFeature } from './MapView.tsx';
import { MeasureProvider } from './measure/MeasureProvider.tsx';
import { MeasureToolbar } from './measure/MeasureToolbar.tsx';
import { SectionBoundary } from './SectionBoundary.tsx';
import { TeamModuleContext, TeamRoot, TeamSync, useLoadedTeamModule, type TeamModule } from './team/teamSlots.tsx';
import { useSharedLayers } from './team/useSharedLayers.ts';
import { SidePanel } from './SidePanel.tsx';
import { StatisticsSection } from './stats/StatisticsSection.tsx';
import { useCountyStatistics } from './stats/useCountyStatistics.ts';
import { useMediaQuery } from './useMediaQuery.ts';
import { serializeAppState, type AppUrlState } from '../map/urlState.ts';
import { WorkspaceContext, type FeatureRef, type PanelUnit, type Workspace } from './workspace.tsx';
import { appTitle } from './appTitle.ts';

type PackState = { status: 'loading' } | { status: 'ready'; pack: LoadedPack } | { status: 'error'; url: string; error: unknown };

interface AppProps {
  initialState: AppUrlState;
  manifestUrl: string;
  /** Started before React renders, so the download overlaps script start-up. */
  packPromise: Promise<LoadedPack>;
  /** The team workspace's code, loading where a Shanshui server served the page (null: the offline app). */
  teamPromise: Promise<TeamModule> | null;
}

export function App({ initialState: initial, manifestUrl, packPromise, teamPromise }: AppProps) {
  const [lang, setLang] = useState<Lang>(() => pickLang(initial.lang, navigator.languages));
  const [packState, setPackState] = useState<PackState>({ status: 'loading' });
  const [panelOpen, setPanelOpen] = useState(true);
  const team = useLoadedTeamModule(teamPromise);

  useEffect(() => {
    packPromise.then(
      (pack) => setPackState({ status: 'ready', pack }),
      (err: unknown) =>
        setPackState({ status: 'error', url: err instanceof PackLoadError ? err.url : manifestUrl, error: err }),
    );
  }, [packPromise, manifestUrl]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = appTitle(packState.status === 'ready' ? packState.pack : null, lang);
  }, [lang, packState]);

  // Until the team code is there (a server's page only), nothing mounts: it wraps the whole app.
  if (!team.settled) return <p className="map-message" role="status">{translate(lang, 'app.loading')}</p>;
  return (
    <I18nProvider lang={lang}>
      <TeamModuleContext.Provider value={team}>
        <TeamRoot packId={packState.status === 'ready' ? packState.pack.manifest.id : null}>
          <div className={`app ${panelOpen ? 'panel-open' : 'panel-closed'}`}>
            <Header onToggleLang={() => setLang(lang === 'zh' ? 'en' : 'zh')} panelOpen={panelOpen} onTogglePanel={() => setPanelOpen(!panelOpen)} pack={packState.status === 'ready' ? packState.pack : null} />
            <main className="workspace">
              {packState.status === 'ready' && <WorkspaceView pack={packState.pack} initial={initial} lang={lang} panelOpen={panelOpen} />}
              {packState.status === 'loading' && <p className="map-message" role="status">{translate(lang, 'app.loading')}</p>}
              {packState.status === 'error' && (
                <p className="map-message error" role="alert">
                  {translate(lang, 'app.error.pack', { url: packState.url, reason: packErrorText(packState.error, lang) })}
                </p>
              )}
            </main>
          </div>
        </TeamRoot>
      </TeamModuleContext.Provider>
    </I18nProvider>
  );
}

/** Longest wait for the map's first `idle` before the work that waits for it starts anyway. */
const PAINT_FALLBACK_MS = 10_000;

interface WorkspaceViewProps {
  pack: LoadedPack;
  initial: AppUrlState;
  lang: Lang;
  panelOpen: boolean;
}

/** The map and the side panel around one loaded pack, sharing the workspace state. */
function WorkspaceView({ pack, initial, lang, panelOpen }: WorkspaceViewProps) {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [unit, setUnit] = useState<PanelUnit>(initial.unit ?? 'mu');
  const [visibleLayers, setVisibleLayers] = useState<ReadonlySet<string>>(
    () => new Set(initial.layers?.filter((id) => pack.layers.some((l) => l.id === id)) ?? pack.layers.filter((l) => l.visible !== false).map((l) => l.id)),
  );
  const [opacity, setOpacity] = useState<Record<string, number>>({});
  const [selectedCounty, setSelectedCounty] = useState<string | null>(initial.county ?? null);
  const [selectedFeature, selectFeature] = useState<FeatureRef | null>(null);
  const [picked, setPicked] = useState<FeatureRef[]>([]);
  const [view, setView] = useState<[number, number, number] | undefined>(initial.view);
  const [importedLayers, setImportedLayers] = useState<LoadedLayer[]>([]);

  const setLayerVisible = useCallback((layerId: string, visible: boolean) => {
    setVisibleLayers((current) => {
      const next = new Set(current);
      if (visible) next.add(layerId);
      else next.delete(layerId);
      return next;
    });
  }, []);
  // The team's shared layers (signed in to a server) follow the user's own imports.
  const sharedLayers = useSharedLayers(setLayerVisible);
  const layers = useMemo(() => [...pack.layers, ...importedLayers, ...sharedLayers], [pack, importedLayers, sharedLayers]);
  const setLayerOpacity = useCallback((layerId: string, value: number) => setOpacity((o) => ({ ...o, [layerId]: value })), []);
  const selectCounty = useCallback(
    (adcode: string | null, options: { zoom?: boolean } = {}) => {
      setSelectedCounty(adcode);
      if (!map || options.zoom === false) return;
      const regions = findRegionLayer(pack.layers);
      const county = adcode === null ? undefined : regions?.data.features.find((f) => regionCode(regions, f) === adcode);
      if (county) zoomToFeature(map, county, 11);
      else if (adcode === null && options.zoom) map.fitBounds(pack.manifest.bounds, { padding: 24, duration: 0 });
    },
    [map, pack],
  );

  const [mapPainted, setMapPainted] = useState(false);
  useEffect(() => {
    if (!map) return;
    const painted = () => setMapPainted(true);
    if (map.loaded()) painted();
    else map.once('idle', painted);
    // A map that never settles (an online basemap whose tiles hang) must not hold back the
    // statistics and the panel for good.
    const fallback = window.setTimeout(painted, PAINT_FALLBACK_MS);
    return () => {
      map.off('idle', painted);
      window.clearTimeout(fallback);
    };
  }, [map]);

  const workspace = useMemo<Workspace>(
    () => ({
      pack,
      map,
      painted: mapPainted,
      layers,
      setImportedLayers,
      unit,
      setUnit,
      visibleLayers,
      setLayerVisible,
      opacity,
      setLayerOpacity,
      selectedCounty,
      selectCounty,
      selectedFeature,
      selectFeature,
      picked,
      setPicked,
    }),
    [pack, map, mapPainted, layers, unit, visibleLayers, setLayerVisible, opacity, setLayerOpacity, selectedCounty, selectCounty, selectedFeature, picked],
  );

  // The shareable part of the state lives in the URL (replaceState: no history entry per click).
  useEffect(() => {
    const url = new URL(window.location.href);
    url.search = serializeAppState({
      pack: initial.pack,
      lang,
      view,
      // Imported layers live in this browser only: a shared link names pack layers alone.
      layers: [...visibleLayers].filter((id) => pack.layers.some((l) => l.id === id)),
      county: selectedCounty ?? undefined,
      unit,
    });
    window.history.replaceState(null, '', url);
  }, [initial.pack, pack, lang, view, visibleLayers, selectedCounty, unit]);

  // On load, a permalink's county is framed (unless the link also fixes the camera).
  const framedInitialCounty = useRef(false);
  useEffect(() => {
    if (!map || framedInitialCounty.current) return;
    framedInitialCounty.current = true;
    if (initial.county && !initial.view) selectCounty(initial.county, { zoom: true });
  }, [map, initial.county, initial.view, selectCounty]);

  const stats = useCountyStatistics(layers, mapPainted);
  // Desktop: the table docks under the map; phone: it joins the bottom sheet.
  const wide = useMediaQuery('(min-width: 721px)');
  // Phone: the map frames features above the bottom sheet, by the sheet's measured height (an
  // estimate of its half height until it is first measured).
  const [sheetCover, setSheetCover] = useState(() => Math.round(window.innerHeight * 0.45));

  return (
    <WorkspaceContext.Provider value={workspace}>
      {/* The sync stands in front of the measurements' store (src/app/sync). */}
      <TeamSync>
        <MeasureProvider>
          <ImportsProvider>
            <SectionBoundary lang={lang}>
              <MeasureToolbar />
            </SectionBoundary>
            <SectionBoundary lang={lang}>
              <ImportControl />
            </SectionBoundary>
            <div className="map-column">
              <MapView pack={pack} initialView={initial.view} onMap={setMap} onViewChange={setView} bottomInset={!wide && panelOpen ? sheetCover : 0} />
              {wide && (
                <SectionBoundary lang={lang}>
                  <StatisticsSection stats={stats} docked />
                </SectionBoundary>
              )}
            </div>
            <SidePanel open={panelOpen} stats={stats} statsDocked={wide} onSheetCover={setSheetCover} />
          </ImportsProvider>
        </MeasureProvider>
      </TeamSync>
    </WorkspaceContext.Provider>
  );
}
