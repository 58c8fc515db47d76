/**
 * Test helper: the Changzhi pack from data/changzhi with every layer id and file renamed (counties
 * → xian, wetlands → shidi …) and the regions' code property renamed too, roles set in the
 * manifest. Code that names a layer id (or reads `adcode` directly) breaks on it; code that reads
 * the manifest's roles does not. Made at test time from the real pack, so it never goes stale.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { PackManifest } from '../types.ts';

const DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'data', 'changzhi');

/** Old layer id → new one (pinyin). */
export const RENAMED_IDS: Readonly<Record<string, string>> = {
  counties: 'xian',
  mountains: 'shan',
  rivers: 'he',
  lakes: 'hu',
  springs: 'quan',
  subsidence: 'chenxian',
  wetlands: 'shidi',
  basin: 'liuyu',
  reserves: 'baohudi',
  sections: 'duanmian',
  seats: 'zhidi',
};

/** The regions' code property in the renamed pack (行政区划代码), instead of `adcode`. */
export const RENAMED_CODE_FIELD = 'xzqh_dm';

/** The renamed pack as files: `pack.json` and one GeoJSON text per layer and context file. */
export function renamedChangzhiFiles(): Map<string, string> {
  const original = JSON.parse(readFileSync(path.join(DIR, 'pack.json'), 'utf8')) as PackManifest;
  const renamed = (id: string) => {
    const to = RENAMED_IDS[id];
    if (!to) throw new Error(`renamedPack: no new name for layer "${id}"`);
    return to;
  };
  const files = new Map<string, string>();
  const manifest: PackManifest = {
    ...original,
    layers: original.layers.map((layer) => {
      const id = renamed(layer.id);
      let data = JSON.parse(readFileSync(path.join(DIR, layer.file), 'utf8')) as FeatureCollection;
      if (layer.role === 'regions') {
        data = {
          ...data,
          features: data.features.map(({ properties, ...f }) => {
            const { adcode, ...rest } = properties ?? {};
            return { ...f, properties: { ...rest, [RENAMED_CODE_FIELD]: adcode as unknown } };
          }),
        };
      }
      files.set(`${id}.geojson`, JSON.stringify(data));
      return { ...layer, id, file: `${id}.geojson`, ...(layer.role === 'regions' ? { regionFields: { code: RENAMED_CODE_FIELD, name: 'name' } } : {}) };
    }),
    plan_figures: original.plan_figures?.map((figure) => ({ ...figure, layer: renamed(figure.layer) })),
  };
  for (const context of original.context ?? []) files.set(context.file, readFileSync(path.join(DIR, context.file), 'utf8'));
  if (original.indicators) files.set(original.indicators, readFileSync(path.join(DIR, original.indicators), 'utf8'));
  files.set('pack.json', JSON.stringify(manifest, null, 2));
  return files;
}
