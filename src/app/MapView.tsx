import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { createMap, setMapLanguage } from '../map/createMap.ts';
import type { LoadedPack } from '../pack/types.ts';
import { useI18n } from './i18n.tsx';

interface MapViewProps {
  pack: LoadedPack;
  onMap: (map: MapLibreMap | null) => void;
}

declare global {
  interface Window {
    /** The live map and pack, for end-to-end tests and for a curious planner's console. */
    shanshui?: { map: MapLibreMap; pack: LoadedPack };
  }
}

export function MapView({ pack, onMap }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const { lang, t } = useI18n();
  const langAtCreation = useRef(lang);

  useEffect(() => {
    const map = createMap({ container: container.current!, pack, lang: langAtCreation.current, preserveDrawingBuffer: true });
    mapRef.current = map;
    // A standard performance mark: the bench (and real-user monitoring) reads time-to-idle from it.
    map.once('idle', () => performance.mark('shanshui:map-idle'));
    window.shanshui = { map, pack };
    onMap(map);
    return () => {
      onMap(null);
      mapRef.current = null;
      map.remove();
    };
  }, [pack, onMap]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || langAtCreation.current === lang) return;
    langAtCreation.current = lang;
    setMapLanguage(map, pack, lang);
  }, [lang, pack]);

  return <div ref={container} className="map" role="region" aria-label={t('map.label')} />;
}
