/**
 * The planner's workspace state, shared by every panel section (layers, statistics, details,
 * measurements, imports) through one React context. Sections read what they need with
 * `useWorkspace()`; the URL mirrors the shareable part of it (see src/map/urlState.ts).
 */
import { createContext, useContext } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaUnit } from '../geo/units.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';

/** A feature picked on the map or in a list: its layer and its index in that layer's data. */
export interface FeatureRef {
  layerId: string;
  index: number;
}

export type PanelUnit = Exclude<AreaUnit, 'm2'>;

export interface Workspace {
  pack: LoadedPack;
  /** The live map once created (null before it exists). */
  map: MapLibreMap | null;
  /** The map has painted its first complete frame: background work may start now. */
  painted: boolean;
  /** Pack layers followed by layers the user imported, in panel order. */
  layers: LoadedLayer[];
  /** Replaces the user's imported layers (the import feature keeps them in IndexedDB). */
  setImportedLayers: (update: (current: LoadedLayer[]) => LoadedLayer[]) => void;
  unit: PanelUnit;
  setUnit: (unit: PanelUnit) => void;
  visibleLayers: ReadonlySet<string>;
  setLayerVisible: (layerId: string, visible: boolean) => void;
  opacity: Readonly<Record<string, number>>;
  setLayerOpacity: (layerId: string, opacity: number) => void;
  /** Adcode of the county in focus, or null for the whole region. */
  selectedCounty: string | null;
  selectCounty: (adcode: string | null, options?: { zoom?: boolean }) => void;
  selectedFeature: FeatureRef | null;
  selectFeature: (ref: FeatureRef | null) => void;
  /** Everything under the last map click, topmost first (the details panel lists it). */
  picked: FeatureRef[];
  setPicked: (refs: FeatureRef[]) => void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside <WorkspaceContext.Provider>');
  return workspace;
}
