/**
 * Keeps the live map in step with a list of non-pack layers (the user's imports; the team's shared
 * layers): adds new ones, removes removed
 * ones, restyles on a colour / label / language change (keeping the source, so tiles are not cut
 * again), replaces the source when the data or tiles change, and applies visibility and opacity
 * with the same functions as pack layers. Called from MapView, once per list.
 */
import { useEffect, useRef, useState } from 'react';
import { addImportedLayer, addImportedStyleLayers, importedStyleLayerIds, removeImportedLayer, removeImportedStyleLayers } from '../../map/importedLayers.ts';
import { setPackLayerOpacity, setPackLayerVisible } from '../../map/layerControl.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';

interface OnMap {
  /** What the source was made from: the data object (GeoJSON) or the tile URL. */
  source: unknown;
  /** What the style layers were made from. */
  style: string;
  visible?: boolean;
  opacity?: number;
}

/** What the style layers depend on (a tiled layer's style is the same whatever its geometries, bar lines). */
function styleKey(layer: LoadedLayer, lang: string): string {
  return JSON.stringify([layer.style, layer.imported?.tiles ? layer.geometry === 'line' : layer.geometry, lang]);
}

export function useImportedMapLayers(layers: readonly LoadedLayer[]): void {
  const { map, visibleLayers, opacity } = useWorkspace();
  const { lang } = useI18n();
  const onMap = useRef(new Map<string, OnMap>());
  // Before the style has loaded nothing can be added: wait for it once.
  const [styleReady, setStyleReady] = useState(false);
  useEffect(() => {
    if (!map) return;
    if (map.getStyle()) {
      setStyleReady(true);
      return;
    }
    const ready = () => setStyleReady(true);
    map.once('style.load', ready);
    return () => {
      map.off('style.load', ready);
    };
  }, [map]);

  useEffect(() => {
    if (!map || !styleReady || !map.getStyle()) return;
    const imported = layers;
    const present = onMap.current;
    for (const id of [...present.keys()]) {
      if (!imported.some((l) => l.id === id)) {
        removeImportedLayer(map, id);
        present.delete(id);
      }
    }
    // Bottom to top in panel order: each layer goes under the next one already on the map.
    for (let i = imported.length - 1; i >= 0; i--) {
      const layer = imported[i];
      const next = imported.slice(i + 1).map((l) => importedStyleLayerIds(map, l.id)[0]).find((id) => id !== undefined && !id.endsWith('-label'));
      const source = layer.imported?.tiles?.url ?? layer.data;
      const style = styleKey(layer, lang);
      const state = present.get(layer.id);
      const view = { visible: visibleLayers.has(layer.id), opacity: opacity[layer.id] ?? 1, lang };
      if (!state || state.source !== source) {
        removeImportedLayer(map, layer.id);
        addImportedLayer(map, layer, view, next);
        present.set(layer.id, { source, style, visible: view.visible, opacity: view.opacity });
        continue;
      }
      if (state.style !== style) {
        removeImportedStyleLayers(map, layer.id);
        addImportedStyleLayers(map, layer, view, next);
        present.set(layer.id, { source, style, visible: view.visible, opacity: view.opacity });
        continue;
      }
      if (state.visible !== view.visible) setPackLayerVisible(map, layer.id, view.visible);
      if (state.opacity !== view.opacity) setPackLayerOpacity(map, layer, view.opacity);
      state.visible = view.visible;
      state.opacity = view.opacity;
    }
  }, [map, styleReady, layers, visibleLayers, opacity, lang]);

  // A new map (pack change) starts empty.
  useEffect(() => {
    const present = onMap.current;
    return () => present.clear();
  }, [map]);
}
