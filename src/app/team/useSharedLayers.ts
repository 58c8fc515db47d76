/**
 * The team's shared layers for the workspace (src/controllers/sharedLayersController.ts): an empty
 * list while signed out. A shared layer is shown when it first appears (if the layer says so) and
 * then keeps the visibility the user gives it, across refreshes.
 */
import { useEffect, useRef } from 'react';
import type { LoadedLayer } from '../../pack/types.ts';
import { useControllerState, useTeam } from './teamSlots.tsx';

const NONE: LoadedLayer[] = [];

export function useSharedLayers(setLayerVisible: (layerId: string, visible: boolean) => void): LoadedLayer[] {
  const team = useTeam();
  const layers = useControllerState(team?.sharedLayers)?.layers ?? NONE;
  const seen = useRef(new Set<string>());
  useEffect(() => {
    for (const layer of layers) {
      if (seen.current.has(layer.id)) continue;
      seen.current.add(layer.id);
      if (layer.visible !== false) setLayerVisible(layer.id, true);
    }
  }, [layers, setLayerVisible]);
  return layers;
}
