import { useEffect, useState } from 'react';
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

/**
 * A MapLibre control whose content React renders (through a portal into the returned element):
 * added at `position` while the map exists, removed on unmount.
 */
export function useMapControl(map: MapLibreMap | null, className: string, position: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' = 'top-left'): HTMLDivElement {
  const [container] = useState(() => {
    const div = document.createElement('div');
    div.className = `maplibregl-ctrl ${className}`;
    return div;
  });
  useEffect(() => {
    if (!map) return;
    const control: IControl = { onAdd: () => container, onRemove: () => container.remove() };
    map.addControl(control, position);
    return () => {
      try {
        map.removeControl(control);
      } catch {
        // Map already removed.
      }
    };
  }, [map, container, position]);
  return container;
}
