import { useEffect, useMemo, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import bbox from '@turf/bbox';
import { createMap, setMapLanguage } from '../map/createMap.ts';
import { isMeasuring } from '../map/draw/measuringState.ts';
import { attachHover, featuresAt, setSelectedFeatures, type MapFeatureRef } from '../map/interaction.ts';
import { regionLayerOnMap, sourceId } from '../map/style.ts';
import { setPackLayerOpacity, setPackLayerVisible } from '../map/layerControl.ts';
import { distinctCharacters, prewarmGlyphs } from '../map/prewarmGlyphs.ts';
import { findRegionLayer, regionCode } from '../pack/roles.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';
import { useI18n } from './i18n.tsx';
import { useOptionalImports } from './import/ImportsProvider.tsx';
import { useImportedMapLayers } from './import/useImportedMapLayers.ts';
import { useWorkspace } from './workspace.tsx';
import { mapLabel } from './appTitle.ts';

interface MapViewProps {
  pack: LoadedPack;
  /** Camera from a permalink: [lon, lat, zoom]; otherwise the pack's region is fitted. */
  initialView?: [number, number, number];
  onMap: (map: MapLibreMap | null) => void;
  /** Called after every camera move with the new [lon, lat, zoom]. */
  onViewChange: (view: [number, number, number]) => void;
  /** Pixels at the bottom hidden by the panel (a phone's bottom sheet). */
  bottomInset: number;
}

declare global {
  interface Window {
    /** The live map and pack, for end-to-end tests and for a curious planner's console. */
    shanshui?: { map: MapLibreMap; pack: LoadedPack };
  }
}

const NO_LAYERS: LoadedLayer[] = [];

export function MapView({ pack, initialView, onMap, onViewChange, bottomInset }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const { lang } = useI18n();
  const workspace = useWorkspace();
  const { map, visibleLayers, opacity, selectedFeature, selectedCounty, selectFeature, selectCounty, setPicked } = workspace;
  // Imported layers join and leave the live map as the imports' list changes (from the imports,
  // not the workspace: a large layer is drawn while its features are still read); shared layers too.
  useImportedMapLayers(useOptionalImports()?.mapLayers ?? NO_LAYERS);
  const sharedLayers = useMemo(() => workspace.layers.filter((l) => l.shared), [workspace.layers]);
  useImportedMapLayers(sharedLayers);
  // Values at creation time; later changes are applied by the effects below.
  const created = useRef({ lang, visibleLayers, opacity, initialView, onViewChange, bottomInset });
  created.current.onViewChange = onViewChange;

  useEffect(() => {
    const { lang: lang0, visibleLayers: visible0, opacity: opacity0, initialView: view0, bottomInset: inset0 } = created.current;
    const map = createMap({
      container: container.current!,
      pack,
      lang: lang0,
      visibleLayers: visible0,
      opacity: opacity0,
      view: view0 ? { center: [view0[0], view0[1]], zoom: view0[2] } : undefined,
      padding: inset0 > 0 ? { bottom: inset0 } : undefined,
    });
    // A standard performance mark: the bench (and real-user monitoring) reads time-to-idle from it.
    map.once('idle', () => {
      performance.mark('shanshui:map-idle');
      void prewarmGlyphs(map, distinctCharacters(labelTexts(pack)));
    });
    map.on('moveend', () => {
      const c = map.getCenter();
      created.current.onViewChange([c.lng, c.lat, map.getZoom()]);
    });
    const detachHover = attachHover(map);
    window.shanshui = { map, pack };
    onMap(map);
    return () => {
      detachHover();
      onMap(null);
      map.remove();
    };
  }, [pack, onMap]);

  // Clicks: a county name selects that county; anywhere else lists what lies under the pointer.
  useEffect(() => {
    if (!map) return;
    const onClick = (e: { point: { x: number; y: number } }) => {
      // A click that places a vertex must not also select a feature or move the camera.
      if (isMeasuring(map)) return;
      const regions = findRegionLayer(pack.layers);
      const labelLayer = regionLayerOnMap(map)?.labelLayerId;
      const onLabel = map.queryRenderedFeatures([e.point.x, e.point.y], { layers: labelLayer ? [labelLayer] : [] }).find((f) => typeof f.id === 'number');
      if (onLabel && regions) {
        const adcode = regionCode(regions, regions.data.features[onLabel.id as number]);
        if (adcode) {
          selectCounty(adcode, { zoom: true });
          return;
        }
      }
      const refs = featuresAt(map, e.point);
      setPicked(refs);
      selectFeature(refs.find((r) => r.layerId !== regions?.id) ?? refs[0] ?? null);
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map, pack, selectCounty, selectFeature, setPicked]);

  useEffect(() => {
    if (!map) return;
    for (const layer of pack.layers) {
      setPackLayerVisible(map, layer.id, visibleLayers.has(layer.id));
      setPackLayerOpacity(map, layer, opacity[layer.id] ?? 1);
    }
  }, [map, pack, visibleLayers, opacity]);

  useEffect(() => {
    if (!map || created.current.bottomInset === bottomInset) return;
    created.current.bottomInset = bottomInset;
    map.setPadding({ top: 0, left: 0, right: 0, bottom: bottomInset });
  }, [map, bottomInset]);

  useEffect(() => {
    if (!map || created.current.lang === lang) return;
    created.current.lang = lang;
    return whenStyleReady(map, pack, () => setMapLanguage(map, pack, lang));
  }, [map, lang, pack]);

  // Highlight the selected feature and the county in focus (also for a permalink's county, which
  // is known before the map has loaded its style).
  useEffect(() => {
    if (!map) return;
    const refs: MapFeatureRef[] = [];
    if (selectedFeature) refs.push(selectedFeature);
    const regions = findRegionLayer(pack.layers);
    const countyIndex = regions && selectedCounty !== null ? regions.data.features.findIndex((f) => regionCode(regions, f) === selectedCounty) : -1;
    if (regions && countyIndex >= 0) refs.push({ layerId: regions.id, index: countyIndex });
    let clear: (() => void) | undefined;
    const stopWaiting = whenStyleReady(map, pack, () => {
      clear = setSelectedFeatures(map, refs);
    });
    return () => {
      stopWaiting();
      clear?.();
    };
  }, [map, pack, selectedFeature, selectedCounty]);

  return <div ref={container} className="map" role="region" aria-label={mapLabel(pack, lang)} />;
}

/**
 * Moves the camera to a feature's extent in one step. An animated flight would load and place the
 * tiles of every zoom level it passes through, which on a CPU-rendered map blocks input for longer
 * than the 100 ms an interaction may take.
 */
export function zoomToFeature(map: MapLibreMap, feature: GeoJSON.Feature, maxZoom = 12): void {
  const [w, s, e, n] = bbox(feature);
  map.fitBounds(
    [
      [w, s],
      [e, n],
    ],
    { padding: 40, maxZoom, duration: 0 },
  );
}

/** Every label a pack can show, in both languages (the glyphs to draw ahead of time). */
function* labelTexts(pack: LoadedPack): Generator<string> {
  for (const layer of pack.layers) {
    const key = layer.style.label;
    if (!key) continue;
    for (const f of layer.data.features) {
      for (const value of [f.properties?.[key], f.properties?.[`${key}_en`]]) if (typeof value === 'string') yield value;
    }
  }
}

/**
 * Runs `apply` now if the map's style has its pack sources, else once it has loaded them (the map
 * is handed out at creation, before its style is in; feature state and layout set earlier are
 * lost). Returns a function that stops waiting.
 */
function whenStyleReady(map: MapLibreMap, pack: LoadedPack, apply: () => void): () => void {
  if (pack.layers.length === 0 || map.getSource(sourceId(pack.layers[0].id))) {
    apply();
    return () => undefined;
  }
  map.once('load', apply);
  return () => {
    map.off('load', apply);
  };
}
