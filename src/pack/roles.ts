/**
 * A layer's meaning comes from the manifest, never from its id: the one `regions` layer is what
 * statistics count by and counties are chosen from; `zones` are counted; `reference` is context.
 */
import type { Feature } from 'geojson';
import type { LayerRole, PackLayer, RegionFields } from './types.ts';

/** Where a layer without a `drawOrder` (an imported layer) is drawn: above land zones, below water. */
export const DEFAULT_DRAW_ORDER = 50;

const DEFAULT_REGION_FIELDS: RegionFields = { code: 'adcode', name: 'name' };

export function layerRole(layer: Pick<PackLayer, 'role'>): LayerRole {
  return layer.role ?? 'zones';
}

export function isRegionLayer(layer: Pick<PackLayer, 'role'>): boolean {
  return layer.role === 'regions';
}

/** The pack's regions layer (counties), if the list holds it. */
export function findRegionLayer<L extends Pick<PackLayer, 'role'>>(layers: readonly L[]): L | undefined {
  return layers.find(isRegionLayer);
}

/** Layers whose features are counted per region. */
export function isCountedLayer(layer: Pick<PackLayer, 'role'>): boolean {
  return layerRole(layer) === 'zones';
}

export function regionFields(layer: Pick<PackLayer, 'regionFields'>): RegionFields {
  return layer.regionFields ?? DEFAULT_REGION_FIELDS;
}

/** A region's code (adcode) as text, or undefined when the feature has none. */
export function regionCode(layer: Pick<PackLayer, 'regionFields'>, feature: Pick<Feature, 'properties'> | undefined): string | undefined {
  const value = feature?.properties?.[regionFields(layer).code] as unknown;
  return typeof value === 'string' || typeof value === 'number' ? String(value) || undefined : undefined;
}

/**
 * A region's name, or undefined when the feature has none. In English the name field's `_en`
 * twin (`name` → `name_en`) comes first, as for map labels.
 */
export function regionName(layer: Pick<PackLayer, 'regionFields'>, feature: Pick<Feature, 'properties'> | undefined, lang: 'zh' | 'en' = 'zh'): string | undefined {
  const field = regionFields(layer).name;
  const text = (key: string) => {
    const value = feature?.properties?.[key] as unknown;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return (lang === 'en' ? text(`${field}_en`) : undefined) ?? text(field);
}

export function drawOrder(layer: Pick<PackLayer, 'drawOrder'>): number {
  return layer.drawOrder ?? DEFAULT_DRAW_ORDER;
}
