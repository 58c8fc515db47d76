/**
 * The widget's context, drawn whatever layers the editor chose: every region's outline and name,
 * the focused one marked, reference layers (county seats) labelled, line layers (rivers) named.
 * It restyles the layers `src/map/style.ts` built, found through the manifest's roles and the
 * style's source ids, never through a layer's id. Context is quiet: thin, grey, small type, so
 * the chosen layers stay the story.
 */
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { findRegionLayer, layerRole, regionCode, regionFields } from '../pack/roles.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';
import { labelSourceId, sourceId } from '../map/style.ts';

/** A chosen layer gets labels at every zoom when it has at most this many features in the frame. */
export const LABEL_LIMIT = 25;

/** Context text and seat dots: grey that reads on the light and on the dark paper. */
const QUIET_INK = { light: '#55524a', dark: '#c9c4b8' } as const;

interface StyleLayerRef {
  id: string;
  type: string;
}

function styleLayersOf(map: MapLibreMap, layer: LoadedLayer): StyleLayerRef[] {
  const sources = new Set([sourceId(layer.id), labelSourceId(layer.id)]);
  return (map.getStyle()?.layers ?? []).filter((l) => 'source' in l && sources.has(String(l.source))).map((l) => ({ id: l.id, type: l.type }));
}

function show(map: MapLibreMap, refs: StyleLayerRef[]): void {
  for (const { id } of refs) map.setLayoutProperty(id, 'visibility', 'visible');
}

function labelsAtEveryZoom(map: MapLibreMap, refs: StyleLayerRef[]): void {
  for (const { id, type } of refs) if (type === 'symbol') map.setLayerZoomRange(id, 0, 24);
}

/** Region codes that a reference point layer (county seats) carries: those regions are named at their seat. */
function seatCodes(pack: LoadedPack): Set<string> {
  const regions = findRegionLayer(pack.layers);
  const codes = new Set<string>();
  if (!regions) return codes;
  const { code } = regionFields(regions);
  for (const layer of pack.layers) {
    if (layerRole(layer) !== 'reference' || layer.geometry !== 'point' || !layer.style.label) continue;
    for (const f of layer.data.features) {
      const value = f.properties?.[code];
      if (typeof value === 'string' || typeof value === 'number') codes.add(String(value));
    }
  }
  return codes;
}

interface ContextChoice {
  /** Layer ids the editor chose. */
  visible: ReadonlySet<string>;
  /** Code of the focused region, if any. */
  focusCode?: string;
  /** Chosen layers to label at every zoom (few features in the frame). */
  labelled: ReadonlySet<string>;
  dark?: boolean;
}

/** Restyles the map's pack layers for the widget; call once the style has loaded. */
export function drawContext(map: MapLibreMap, pack: LoadedPack, choice: ContextChoice): void {
  const regions = findRegionLayer(pack.layers);
  const named = seatCodes(pack);
  const ink = QUIET_INK[choice.dark ? 'dark' : 'light'];
  if (regions) {
    const { code } = regionFields(regions);
    const refs = styleLayersOf(map, regions);
    show(map, refs);
    labelsAtEveryZoom(map, refs);
    for (const { id, type } of refs) {
      if (type === 'symbol') {
        // A region named at its seat is not named twice; the focused one is named larger.
        if (named.size > 0) map.setFilter(id, ['!', ['in', ['to-string', ['get', code]], ['literal', [...named]]]]);
        map.setLayoutProperty(id, 'text-size', focusSize(code, choice.focusCode, 15, 12));
        map.setPaintProperty(id, 'text-color', ink);
      } else if (type === 'fill' && !choice.visible.has(regions.id)) {
        map.setPaintProperty(id, 'fill-opacity', 0);
      }
    }
  }
  for (const layer of pack.layers) {
    if (layer === regions) continue;
    const refs = styleLayersOf(map, layer);
    if (layerRole(layer) === 'reference') {
      show(map, refs);
      labelsAtEveryZoom(map, refs);
      for (const { id, type } of refs) {
        if (type === 'circle') {
          map.setPaintProperty(id, 'circle-radius', 3);
          map.setPaintProperty(id, 'circle-color', ink);
          map.setPaintProperty(id, 'circle-stroke-color', '#ffffff');
          map.setPaintProperty(id, 'circle-stroke-width', 1);
        } else if (type === 'symbol') {
          const code = regions ? regionFields(regions).code : 'adcode';
          map.setLayoutProperty(id, 'text-size', focusSize(code, choice.focusCode, 15, 12));
          map.setLayoutProperty(id, 'text-variable-anchor', ['left', 'right', 'top', 'bottom']);
          map.setLayoutProperty(id, 'text-radial-offset', 0.5);
          map.setLayoutProperty(id, 'text-justify', 'auto');
          // The focused county's seat is placed first, so a neighbour's name never pushes it out.
          if (choice.focusCode) map.setLayoutProperty(id, 'symbol-sort-key', ['case', ['==', ['to-string', ['get', code]], choice.focusCode], 0, 1]);
          map.setPaintProperty(id, 'text-color', ink);
        }
      }
    } else if (layer.geometry === 'line' && !choice.visible.has(layer.id)) {
      // Rivers as context: thin and pale, but named, so a reader finds the place by its river.
      show(map, refs);
      labelsAtEveryZoom(map, refs);
      for (const { id, type } of refs) {
        if (type === 'line') {
          map.setPaintProperty(id, 'line-opacity', 0.45);
          map.setPaintProperty(id, 'line-width', 1);
        } else if (type === 'symbol') {
          map.setLayoutProperty(id, 'text-size', 11);
          map.setPaintProperty(id, 'text-opacity', 0.8);
        }
      }
    } else if (choice.labelled.has(layer.id)) {
      labelsAtEveryZoom(map, refs);
    }
  }
}

function focusSize(code: string, focus: string | undefined, large: number, normal: number): ExpressionSpecification | number {
  return focus ? ['case', ['==', ['to-string', ['get', code]], focus], large, normal] : normal;
}

/** The focused region's feature index in the regions layer, or -1. */
export function regionIndex(pack: LoadedPack, code: string | undefined): number {
  const regions = findRegionLayer(pack.layers);
  if (!regions || !code) return -1;
  return regions.data.features.findIndex((f) => regionCode(regions, f) === code && (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon'));
}
