/**
 * What a planner measures and keeps: one shape with a name and a colour, saved in the browser.
 * Figures are not stored; they are recomputed from the geometry by the geo core, so a stored
 * measurement can never disagree with the area the app shows.
 */
import type { LineString, MultiPolygon, Polygon } from 'geojson';

/** How the shape was made: a drawing mode, or taken from an existing map feature. */
export type MeasurementKind = 'polygon' | 'rectangle' | 'circle' | 'freehand' | 'line' | 'feature';

export type MeasuredGeometry = Polygon | MultiPolygon | LineString;

export interface Measurement {
  id: string;
  name: string;
  /** CSS hex colour used on the map and in the list. */
  color: string;
  hidden: boolean;
  kind: MeasurementKind;
  geometry: MeasuredGeometry;
  /** For kind 'feature': which pack feature it was taken from. */
  source?: { layerId: string; index?: number; name: string };
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
  /** Raised by the store on every write; absent until the measurement is first stored. */
  version?: number;
  /** With a team server: seen by the whole team (true) or by its owner only (false / absent). */
  shared?: boolean;
  /** With a team server: who made it and who changed it last when (from the server; absent until synced). */
  team?: { owner: string; updatedBy?: string; updatedAt?: string };
}

/** The shape being drawn when the page went away. */
export interface MeasurementDraft {
  kind: MeasurementKind;
  geometry: MeasuredGeometry;
  savedAt: string;
}

/** The figures of a valid shape, from the geo core (ellipsoidal, geodesic edges). */
export type MeasuredFigures =
  | { type: 'area'; area_m2: number; perimeter_m: number }
  | { type: 'length'; length_m: number };
