/**
 * The measuring tool's hold on a MapLibre map, behind the small interface MeasureController takes
 * (src/controllers/measureDrawing.ts): terra-draw for pointer drawing and vertex editing (loaded
 * on first use so the first map paint does not wait for it), the layer of finished measurements,
 * and keyboard drawing's crosshair and sketch. It decides nothing about measurements; it reports
 * what the person did and draws what it is told.
 */
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { DrawController, DrawEvents, DrawnGeometry } from './draw/drawController.ts';
import type { DrawMode } from './draw/drawModes.ts';
import { addMeasurementLayers, type MeasurementMapFeature } from './draw/measurementLayers.ts';
import { setMeasuring } from './draw/measuringState.ts';
import { createZoneSnapper } from './draw/zoneSnapper.ts';

/** Keys passed on while keyboard drawing is on (the arrows pan the map, as MapLibre does anyway). */
export type SketchKey = 'Enter' | 'Backspace' | 'Escape';

export interface DrawingEvents extends DrawEvents {
  /** A key pressed on the focused map while keyboard drawing; returns whether it was used. */
  onSketchKey(key: SketchKey): boolean;
  /** The map took the keyboard focus from the keyboard (Tab), not from a pointer. */
  onKeyboardFocus(): void;
}

const SKETCH_SOURCE = 'measure-sketch';
const SKETCH_KEYS: readonly string[] = ['Enter', 'Backspace', 'Escape'];

export function createMeasureDrawing(map: MapLibreMap) {
  let events: DrawingEvents | null = null;
  let draw: DrawController | null = null;
  let loading: Promise<void> | null = null;
  let snapping = true;
  let snapFeatures: readonly Feature[] = [];
  let destroyed = false;
  const layers = addMeasurementLayers(map);
  const canvas = map.getCanvas();

  // ---- keyboard drawing: crosshair, sketch, keys --------------------------------------------------
  let sketch: readonly Position[] | null = null;
  const crosshairEl = document.createElement('div');
  crosshairEl.className = 'measure-crosshair';
  crosshairEl.setAttribute('aria-hidden', 'true');
  crosshairEl.hidden = true;
  map.getContainer().append(crosshairEl);

  const sketchData = (): FeatureCollection => {
    if (!sketch) return { type: 'FeatureCollection', features: [] };
    const centre = map.getCenter().toArray();
    // The placed vertices and the edges to the crosshair: where the next Enter puts a vertex.
    const path = sketch.length >= 2 ? [...sketch, centre, sketch[0]] : [...sketch, centre];
    const features: Feature[] = sketch.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [...p] } }));
    if (sketch.length >= 1) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: path.map((p) => [...p]) } });
    return { type: 'FeatureCollection', features };
  };
  const ensureSketchLayers = () => {
    if (map.style?._loaded !== true) return;
    if (!map.getSource(SKETCH_SOURCE)) map.addSource(SKETCH_SOURCE, { type: 'geojson', data: sketchData() });
    if (!map.getLayer('measure-sketch-line')) {
      map.addLayer({ id: 'measure-sketch-line', type: 'line', source: SKETCH_SOURCE, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#c2185b', 'line-width': 2.5, 'line-dasharray': [2, 1] } });
    }
    if (!map.getLayer('measure-sketch-vertex')) {
      map.addLayer({
        id: 'measure-sketch-vertex',
        type: 'circle',
        source: SKETCH_SOURCE,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#c2185b', 'circle-stroke-width': 2 },
      });
    }
  };
  const drawSketch = () => {
    if (!sketch && !map.getSource(SKETCH_SOURCE)) return;
    ensureSketchLayers();
    // A failed update shows as the map's own error event.
    void map.getSource<GeoJSONSource>(SKETCH_SOURCE)?.setData(sketchData());
  };
  const onMove = () => {
    if (sketch && sketch.length > 0) drawSketch();
  };
  map.on('move', onMove);
  map.on('styledata', onMove);

  // Keys are offered to the controller first (these listeners come before terra-draw's on the
  // canvas); one it uses reaches neither terra-draw nor the toolbar's key forwarding.
  const used = new Set<string>();
  const onKeyDown = (e: KeyboardEvent) => {
    if (!events || e.altKey || e.ctrlKey || e.metaKey || !SKETCH_KEYS.includes(e.key)) return;
    if (events.onSketchKey(e.key as SketchKey)) {
      e.preventDefault();
      e.stopImmediatePropagation();
      used.add(e.key);
    }
  };
  const swallowKeyUp = (e: KeyboardEvent) => {
    if (used.delete(e.key)) e.stopImmediatePropagation();
  };
  const onFocus = () => {
    if (canvas.matches(':focus-visible')) events?.onKeyboardFocus();
  };
  canvas.addEventListener('keydown', onKeyDown);
  canvas.addEventListener('keyup', swallowKeyUp);
  canvas.addEventListener('focus', onFocus);

  // ---- terra-draw ----------------------------------------------------------------------------------
  const applySnapper = () => draw?.setSnapper(createZoneSnapper([...snapFeatures]));

  return {
    listen(next: DrawingEvents) {
      events = next;
    },
    load(): Promise<void> {
      if (draw) return Promise.resolve();
      loading ??= import('./draw/drawController.ts').then(
        ({ createDrawController }) => {
          if (destroyed) return;
          draw = createDrawController(map, {
            onLive: (s) => events?.onLive(s),
            onFinish: (g, m, id) => events?.onFinish(g, m, id),
            onEdit: (g, id) => events?.onEdit(g, id),
            onEditEnd: (id) => events?.onEditEnd(id),
          });
          draw.setSnapping(snapping);
          applySnapper();
        },
        (error: unknown) => {
          // Tried again on the next use (e.g. the site was offline for a moment).
          loading = null;
          throw error;
        },
      );
      return loading;
    },
    setMode: (mode: DrawMode | null) => draw?.setMode(mode),
    getMode: () => draw?.getMode() ?? null,
    finish: () => draw?.finish(),
    cancel: () => draw?.cancel(),
    undo: () => draw?.undo(),
    edit: (geometry: DrawnGeometry, mode: DrawMode) => draw?.edit(geometry, mode) ?? null,
    editFinished: (drawId: string) => draw?.editFinished(drawId),
    remove: (drawId: string) => draw?.remove(drawId),
    setSnapping(enabled: boolean) {
      snapping = enabled;
      draw?.setSnapping(enabled);
    },
    /** The features vertices snap to (the visible layers). */
    setSnapFeatures(features: readonly Feature[]) {
      snapFeatures = features;
      applySnapper();
    },
    showShapes: (shapes: readonly MeasurementMapFeature[]) => layers.update(shapes),
    showSketch(vertices: readonly Position[] | null) {
      sketch = vertices;
      crosshairEl.hidden = vertices === null;
      drawSketch();
    },
    crosshair: (): Position => map.getCenter().toArray(),
    focus: () => canvas.focus({ preventScroll: true }),
    setMeasuring: (measuring: boolean) => setMeasuring(map, measuring),
    fitBounds(bbox: [number, number, number, number]) {
      const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      map.fitBounds(bbox, { padding: 60, maxZoom: 15, animate: !reduced });
    },
    destroy() {
      destroyed = true;
      events = null;
      draw?.destroy();
      draw = null;
      canvas.removeEventListener('keydown', onKeyDown);
      canvas.removeEventListener('keyup', swallowKeyUp);
      canvas.removeEventListener('focus', onFocus);
      map.off('move', onMove);
      map.off('styledata', onMove);
      crosshairEl.remove();
      setMeasuring(map, false);
      try {
        layers.remove();
        for (const id of ['measure-sketch-vertex', 'measure-sketch-line']) if (map.getLayer(id)) map.removeLayer(id);
        if (map.getSource(SKETCH_SOURCE)) map.removeSource(SKETCH_SOURCE);
      } catch {
        // The map may already be gone (workspace torn down).
      }
    },
  };
}
