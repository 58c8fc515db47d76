/**
 * The map side of measuring, as MeasureController drives it: a small interface so the flow
 * (draw → measure → store → list) runs in Node against a recording fake, while the real one
 * (src/map/measureDrawing.ts: terra-draw and MapLibre layers) is covered by the browser tests.
 * The map modules do not import this file: the real adapter fits it by shape.
 */
import type { Position } from 'geojson';
import type { DrawMode } from '../map/draw/drawModes.ts';
import type { DrawnGeometry, LiveShape } from '../map/draw/drawController.ts';
import type { MeasurementMapFeature } from '../map/draw/measurementLayers.ts';
import type { DrawingEvents, SketchKey } from '../map/measureDrawing.ts';

export type { DrawingEvents, DrawnGeometry, LiveShape, SketchKey };

export interface MeasureDrawing {
  /** Tells the map whom to report to (one listener). */
  listen(events: DrawingEvents): void;
  /** Loads the drawing library if needed; rejects when it cannot be loaded. */
  load(): Promise<void>;
  /** Start drawing in `mode`, or stop (null). Ends any editing. */
  setMode(mode: DrawMode | null): void;
  getMode(): DrawMode | 'edit' | null;
  /** Finish the shape being drawn (Enter). */
  finish(): void;
  /** Drop the shape being drawn, or end editing (Esc). */
  cancel(): void;
  undo(): void;
  /** Load a shape for vertex editing; its draw id, or null if refused. */
  edit(geometry: DrawnGeometry, mode: DrawMode): string | null;
  /** Keep a just-finished shape and edit it (it crosses itself). */
  editFinished(drawId: string): void;
  /** Drop a shape from the drawing layer. */
  remove(drawId: string): void;
  setSnapping(enabled: boolean): void;
  /** The finished measurements to show. */
  showShapes(shapes: readonly MeasurementMapFeature[]): void;
  /** Keyboard drawing: the crosshair and the vertices placed so far; null hides both. */
  showSketch(vertices: readonly Position[] | null): void;
  /** The map position under the crosshair. */
  crosshair(): Position;
  /** Puts the keyboard focus on the map. */
  focus(): void;
  /** Other map click handlers stand back while a click is for the measuring tool. */
  setMeasuring(measuring: boolean): void;
  fitBounds(bbox: [number, number, number, number]): void;
}
