/** Test helper: the real Changzhi data pack from data/changzhi, read from disk. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { LayerRole, PackManifest } from '../../pack/types.ts';

const DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'data', 'changzhi');

export interface TestLayer {
  id: string;
  title: { zh: string; en: string };
  data: FeatureCollection;
  role?: LayerRole;
}

export function changzhiPack(): { manifest: PackManifest; layers: TestLayer[] } {
  const manifest = JSON.parse(readFileSync(path.join(DIR, 'pack.json'), 'utf8')) as PackManifest;
  const layers = manifest.layers.map((l) => ({ id: l.id, title: l.title, role: l.role, data: JSON.parse(readFileSync(path.join(DIR, l.file), 'utf8')) as FeatureCollection }));
  return { manifest, layers };
}

export function layerOf(layers: TestLayer[], id: string): TestLayer {
  const layer = layers.find((l) => l.id === id);
  if (!layer) throw new Error(`no layer ${id}`);
  return layer;
}
