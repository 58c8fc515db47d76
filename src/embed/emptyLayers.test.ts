import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../pack/loadPack.ts';
import { emptyLayers } from './emptyLayers.ts';

describe('emptyLayers', () => {
  it('names the chosen layers with nothing in the chosen county, by the data\'s own placement', async () => {
    const manifest = pathToFileURL(path.resolve(import.meta.dirname, '../../data/changzhi/pack.json')).href;
    const pack = await loadPack(manifest, ((url: string) => Promise.resolve(new Response(readFileSync(fileURLToPath(url))))) as unknown as typeof fetch);
    // The lakes' own county attributes name 潞州区, 上党区, 长子县: none lies in 沁源县 (140431).
    expect(emptyLayers(pack, ['lakes', 'mountains'], '140431').map((l) => l.id)).toEqual(['lakes']);
    expect(emptyLayers(pack, ['lakes'], '140428')).toEqual([]);
    expect(emptyLayers(pack, ['lakes'], '')).toEqual([]);
    // The regions layer is the frame, never "empty".
    expect(emptyLayers(pack, ['counties'], '140431')).toEqual([]);
  });
});
