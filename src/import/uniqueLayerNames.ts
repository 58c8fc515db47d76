import type { ImportedLayer } from './types.ts';

/** Same layer name from two files: the second gets " (2)", the third " (3)" (renamed in place). */
export function uniqueLayerNames(layers: ImportedLayer[]): void {
  const used = new Map<string, number>();
  for (const layer of layers) {
    const n = used.get(layer.name) ?? 0;
    used.set(layer.name, n + 1);
    if (n) layer.name = `${layer.name} (${n + 1})`;
  }
}
