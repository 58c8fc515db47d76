/**
 * Drawing and editing measurement shapes on the map with terra-draw and its MapLibre adapter.
 *
 * - Modes: polygon, rectangle, circle, freehand (polygons) and line. Esc cancels the shape being
 *   drawn; Enter finishes it, as does clicking its first vertex (polygon) or its last vertex again
 *   (line). Rectangle, circle and freehand work by click–move–click or by dragging.
 * - Vertex editing: a shape is loaded into terra-draw's select mode, where vertices can be dragged,
 *   inserted (midpoints) and deleted (right click), and the whole shape moved.
 * - Snapping: vertices are pulled onto nearby zone boundaries (see zoneSnapper.ts), while drawing
 *   and while dragging vertices.
 * - Undo: while drawing, terra-draw's own per-vertex undo (also Ctrl/⌘+Z); while editing, a
 *   history of the edited shape kept here.
 *
 * The controller reports shapes as plain GeoJSON geometries; what a shape means (a measurement,
 * its figures) is decided by the caller.
 */
import type { LineString, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawFreehandMode,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  TerraDrawUndoRedoKeyboardShortcuts,
  type GeoJSONStoreFeatures,
  type HexColor,
  type SnapToCustom,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { DrawMode } from './drawModes.ts';
import type { ZoneSnapper } from './zoneSnapper.ts';

export type { DrawMode };

export type DrawnGeometry = Polygon | LineString;

export interface LiveShape {
  geometry: DrawnGeometry;
  mode: DrawMode;
  /** True while a finished shape is being edited (select mode), false while drawing. */
  editing: boolean;
  /** Vertices placed so far (drawing) or of the edited shape. */
  vertexCount: number;
}

export interface DrawEvents {
  /** The shape being drawn or edited changed (at most once per animation frame); null = gone. */
  onLive(shape: LiveShape | null): void;
  /** A shape was finished by the user. It stays in the draw store until `remove` is called. */
  onFinish(geometry: DrawnGeometry, mode: DrawMode, featureId: string): void;
  /** A vertex edit (drag, insert, delete, move) of a shape in edit mode was completed, or undone. */
  onEdit(geometry: DrawnGeometry, featureId: string): void;
  /** Editing of a shape ended (clicked elsewhere, Esc). */
  onEditEnd(featureId: string): void;
}

export interface DrawController {
  /** Start drawing in `mode`, or stop drawing (null). Ends any editing. */
  setMode(mode: DrawMode | null): void;
  getMode(): DrawMode | 'edit' | null;
  /** Esc: drop the shape being drawn, or end editing. */
  cancel(): void;
  /** Enter: finish the shape being drawn. */
  finish(): void;
  undo(): void;
  canUndo(): boolean;
  /** Load a shape for vertex editing and select it; returns its id, or null if terra-draw refused it. */
  edit(geometry: DrawnGeometry, mode: DrawMode): string | null;
  /** Keep a just-finished shape in the store and select it for vertex editing (e.g. it crosses itself). */
  editFinished(featureId: string): void;
  /** Drop a shape from the draw store (a finished one is drawn by the measurement layer instead). */
  remove(featureId: string): void;
  setSnapper(snapper: ZoneSnapper | null): void;
  setSnapping(enabled: boolean): void;
  destroy(): void;
}

const TD_MODE: Record<DrawMode, string> = { polygon: 'polygon', rectangle: 'rectangle', circle: 'circle', freehand: 'freehand', line: 'linestring' };
const FROM_TD: Record<string, DrawMode> = { polygon: 'polygon', rectangle: 'rectangle', circle: 'circle', freehand: 'freehand', linestring: 'line' };

/** Drawing colour: a magenta that stands out from every zone colour of the default pack. */
export const DRAW_COLOR: HexColor = '#c2185b';
const VERTEX: HexColor = '#ffffff';

/** Coordinates are stored to 9 decimals (≈ 0.1 mm); terra-draw refuses finer ones. */
const PRECISION = 9;

export function createDrawController(map: MapLibreMap, events: DrawEvents): DrawController {
  let snapper: ZoneSnapper | null = null;
  let snapping = true;
  const snap: SnapToCustom = (event, context) => (snapping && snapper ? snapper.snap(event, context) : undefined);

  // The closing and snapping points look the same whether a polygon or a line is drawn.
  const pointStyles = {
    closingPointColor: VERTEX,
    closingPointOutlineColor: DRAW_COLOR,
    closingPointWidth: 6,
    closingPointOutlineWidth: 2,
    snappingPointColor: '#ffd400' as HexColor,
    snappingPointOutlineColor: '#1d1b17' as HexColor,
    snappingPointWidth: 6,
    snappingPointOutlineWidth: 2,
  };
  const polygonStyles = { fillColor: DRAW_COLOR, fillOpacity: 0.2, outlineColor: DRAW_COLOR, outlineWidth: 2.5, ...pointStyles };
  const lineStyles = { lineStringColor: DRAW_COLOR, lineStringWidth: 3, ...pointStyles };
  const editFlags = {
    feature: {
      draggable: true,
      // An already crossing shape must stay draggable, so the planner can pull it straight.
      selfIntersectable: true,
      coordinates: { draggable: true, midpoints: true, deletable: true, snappable: { toCustom: snap } },
    },
  };

  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION, prefixId: 'measure-draw' }),
    modes: [
      new TerraDrawPolygonMode({ snapping: { toCustom: snap }, pointerDistance: 12, styles: polygonStyles }),
      new TerraDrawRectangleMode({ drawInteraction: 'click-move-or-drag', styles: { fillColor: DRAW_COLOR, fillOpacity: 0.2, outlineColor: DRAW_COLOR, outlineWidth: 2.5 } }),
      new TerraDrawCircleMode({ drawInteraction: 'click-move-or-drag', styles: { fillColor: DRAW_COLOR, fillOpacity: 0.2, outlineColor: DRAW_COLOR, outlineWidth: 2.5 } }),
      // 3 px between vertices: a traced boundary keeps its detail; terra-draw's default of 20 px is coarse.
      new TerraDrawFreehandMode({ drawInteraction: 'click-move-or-drag', minDistance: 3, styles: { fillColor: DRAW_COLOR, fillOpacity: 0.2, outlineColor: DRAW_COLOR, outlineWidth: 2.5 } }),
      new TerraDrawLineStringMode({ snapping: { toCustom: snap }, pointerDistance: 12, styles: lineStyles }),
      new TerraDrawSelectMode({
        pointerDistance: 12,
        // Editing ends with Esc or the toolbar's button, not with a stray click beside the shape
        // (which would drop a crossing shape the planner is still fixing).
        allowManualDeselection: false,
        // Delete would remove the shape behind the list's back; deleting is done from the list.
        keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
        flags: { polygon: editFlags, rectangle: editFlags, circle: editFlags, freehand: editFlags, linestring: editFlags },
        styles: {
          selectedPolygonColor: DRAW_COLOR,
          selectedPolygonFillOpacity: 0.25,
          selectedPolygonOutlineColor: DRAW_COLOR,
          selectedPolygonOutlineWidth: 3,
          selectedLineStringColor: DRAW_COLOR,
          selectedLineStringWidth: 3,
          selectionPointColor: VERTEX,
          selectionPointOutlineColor: DRAW_COLOR,
          selectionPointWidth: 6,
          selectionPointOutlineWidth: 2,
          midPointColor: DRAW_COLOR,
          midPointOutlineColor: VERTEX,
          midPointWidth: 4,
        },
      }),
    ],
    undoRedo: { modeLevel: new TerraDrawModeUndoRedo(), keyboardShortcuts: new TerraDrawUndoRedoKeyboardShortcuts() },
  });
  draw.start();
  draw.setMode('static');

  let drawMode: DrawMode | null = null;
  let editingId: string | null = null;
  /** Geometries of the edited shape, oldest first; the last is the current one. */
  let editHistory: DrawnGeometry[] = [];
  let activeId: string | null = null;
  let frame = 0;

  // Esc and Enter reach terra-draw through the canvas: a click that places a vertex gives it focus.
  const canvas = map.getCanvas();
  const focusCanvas = () => {
    if (drawMode !== null || editingId !== null) canvas.focus({ preventScroll: true });
  };
  canvas.addEventListener('pointerdown', focusCanvas);
  // terra-draw's Ctrl/⌘+Z undoes vertices while drawing; while editing, this controller's history does.
  const undoEditKey = (e: KeyboardEvent) => {
    if (editingId !== null && (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      controller.undo();
    }
  };
  canvas.addEventListener('keydown', undoEditKey);

  const snapshot = (id: string): GeoJSONStoreFeatures | undefined => draw.getSnapshotFeature(id);
  const isShape = (f: GeoJSONStoreFeatures | undefined): f is GeoJSONStoreFeatures =>
    !!f && (f.geometry.type === 'Polygon' || f.geometry.type === 'LineString') && typeof f.properties.mode === 'string' && f.properties.mode in FROM_TD;

  const emitLive = () => {
    frame = 0;
    if (activeId === null) return events.onLive(null);
    const f = snapshot(activeId);
    // A finished shape that is not being edited is no longer live.
    if (!isShape(f) || (activeId !== editingId && !f.properties.currentlyDrawing)) return events.onLive(null);
    const geometry = f.geometry as DrawnGeometry;
    // While drawing, terra-draw counts the clicked vertices (the ring also holds the pointer's).
    const committed = f.properties.committedCoordinateCount;
    const vertexCount =
      typeof committed === 'number' ? committed : geometry.type === 'Polygon' ? Math.max(0, geometry.coordinates[0].length - 1) : geometry.coordinates.length;
    events.onLive({ geometry, mode: FROM_TD[f.properties.mode as string], editing: activeId === editingId, vertexCount });
  };
  // Figures follow the pointer once per frame, however many pointer events arrive in between.
  const scheduleLive = () => {
    if (!frame) frame = requestAnimationFrame(emitLive);
  };

  // Which store features are measurement shapes (as opposed to terra-draw's guidance points),
  // decided once when they appear: a pointer move then costs no copy of the growing shape here,
  // only the one copy per frame in emitLive.
  const shapeIds = new Set<string>();
  draw.on('change', (ids, type) => {
    if (type === 'delete') {
      for (const id of ids) shapeIds.delete(String(id));
      if (activeId !== null && ids.includes(activeId)) {
        activeId = null;
        scheduleLive();
      }
      return;
    }
    for (const id of ids) {
      const key = String(id);
      if (type === 'create' && isShape(snapshot(key))) shapeIds.add(key);
      if (key === editingId || (shapeIds.has(key) && (activeId === key || activeId === null))) {
        activeId = key;
        scheduleLive();
      }
    }
  });

  draw.on('finish', (id, context) => {
    const key = String(id);
    const f = snapshot(key);
    if (!isShape(f)) return;
    const geometry = f.geometry as DrawnGeometry;
    if (context.action === 'draw') {
      activeId = null;
      scheduleLive();
      events.onFinish(geometry, FROM_TD[context.mode] ?? FROM_TD[f.properties.mode as string], key);
    } else if (key === editingId) {
      editHistory.push(geometry);
      events.onEdit(geometry, key);
    }
  });

  draw.on('deselect', (id) => {
    const key = String(id);
    if (key !== editingId) return;
    endEditing();
  });

  const endEditing = () => {
    const id = editingId;
    if (id === null) return;
    editingId = null;
    editHistory = [];
    activeId = null;
    if (draw.hasFeature(id)) draw.removeFeatures([id]);
    scheduleLive();
    // Back to drawing once terra-draw has finished handling the click that deselected.
    setTimeout(() => {
      if (editingId === null && draw.enabled) draw.setMode(drawMode ? TD_MODE[drawMode] : 'static');
    }, 0);
    events.onEditEnd(id);
  };

  const startEditing = (id: string) => {
    const f = snapshot(id);
    if (!isShape(f)) return false;
    draw.setMode('select');
    draw.selectFeature(id);
    editingId = id;
    editHistory = [f.geometry as DrawnGeometry];
    activeId = id;
    scheduleLive();
    return true;
  };

  const sendKey = (key: string) => {
    // terra-draw listens for keys on the map canvas; buttons elsewhere send them there.
    map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
  };

  const controller: DrawController = {
    setMode(mode) {
      if (editingId !== null) {
        if (draw.getMode() === 'select') draw.deselectFeature(editingId);
        endEditing();
      }
      drawMode = mode;
      draw.setMode(mode ? TD_MODE[mode] : 'static');
    },
    getMode() {
      return editingId !== null ? 'edit' : drawMode;
    },
    cancel() {
      sendKey('Escape');
    },
    finish() {
      sendKey('Enter');
    },
    undo() {
      if (editingId !== null) {
        if (editHistory.length < 2) return;
        editHistory.pop();
        const previous = editHistory[editHistory.length - 1];
        draw.updateFeatureGeometry(editingId, previous);
        events.onEdit(previous, editingId);
        scheduleLive();
        return;
      }
      draw.undo();
    },
    canUndo() {
      return editingId !== null ? editHistory.length > 1 : draw.canUndo();
    },
    edit(geometry, mode) {
      if (editingId !== null) endEditing();
      const id = String(draw.getFeatureId());
      const [result] = draw.addFeatures([{ id, type: 'Feature', geometry: roundGeometry(geometry), properties: { mode: TD_MODE[mode] } }]);
      if (!result?.valid) return null;
      return startEditing(id) ? id : null;
    },
    editFinished(featureId) {
      if (editingId !== null && editingId !== featureId) endEditing();
      startEditing(featureId);
    },
    remove(featureId) {
      if (featureId === editingId) {
        editingId = null;
        editHistory = [];
      }
      if (draw.hasFeature(featureId)) draw.removeFeatures([featureId]);
      if (activeId === featureId) {
        activeId = null;
        scheduleLive();
      }
    },
    setSnapper(next) {
      snapper = next;
    },
    setSnapping(enabled) {
      snapping = enabled;
    },
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      canvas.removeEventListener('pointerdown', focusCanvas);
      canvas.removeEventListener('keydown', undoEditKey);
      draw.stop();
    },
  };
  return controller;
}

function roundGeometry(geometry: DrawnGeometry): DrawnGeometry {
  const f = 10 ** PRECISION;
  const r = (p: number[]) => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
  return geometry.type === 'LineString'
    ? { type: 'LineString', coordinates: geometry.coordinates.map(r) }
    : { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(r)) };
}
