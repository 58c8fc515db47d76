import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../pack/loadPack.ts';
import { committedHeight, emptyLayers, toggledLayers, typedHeight } from './EmbedDialog.tsx';
import { parseEmbedParams, serializeEmbedParams } from '../embed/params.ts';

describe('the height field', () => {
  it('lets "600" be typed: the keys on the way ("6", "60") do not replace the last valid height', () => {
    let height = 480;
    for (const text of ['6', '60', '600']) height = typedHeight(text, height);
    expect(height).toBe(600);
    expect(typedHeight('', 600)).toBe(600);
    expect(typedHeight('5000', 600)).toBe(600);
  });

  it('clamps on commit, and keeps the last valid height for text that is no number', () => {
    expect(committedHeight('600', 480)).toBe(600);
    expect(committedHeight('6', 480)).toBe(200);
    expect(committedHeight('5000', 480)).toBe(1200);
    expect(committedHeight('612.4', 480)).toBe(612);
    expect(committedHeight('', 480)).toBe(480);
    expect(committedHeight('abc', 520)).toBe(520);
  });
});

describe('toggledLayers', () => {
  const pack = ['counties', 'rivers', 'wetlands'];

  it('ticks and unticks in pack order', () => {
    expect(toggledLayers(pack, ['wetlands'], 'counties', true)).toEqual(['counties', 'wetlands']);
    expect(toggledLayers(pack, ['counties', 'wetlands'], 'counties', false)).toEqual(['wetlands']);
  });

  it('keeps the last ticked layer, so the widget URL never has an empty layers= (read as the defaults)', () => {
    const layers = toggledLayers(pack, ['rivers'], 'rivers', false);
    expect(layers).toEqual(['rivers']);
    expect(parseEmbedParams(serializeEmbedParams({ layers }), () => {}).layers).toEqual(['rivers']);
  });
});

describe('emptyLayers', () => {
  it('names the chosen layers with nothing in the chosen county, by the data\'s own placement', async () => {
    const manifest = pathToFileURL(path.resolve(import.meta.dirname, '../../data/changzhi/pack.json')).href;
    const pack = await loadPack(manifest, (async (url: string) => new Response(readFileSync(fileURLToPath(url)))) as unknown as typeof fetch);
    // The lakes' own county attributes name 潞州区, 上党区, 长子县: none lies in 沁源县 (140431).
    expect(emptyLayers(pack, ['lakes', 'mountains'], '140431').map((l) => l.id)).toEqual(['lakes']);
    expect(emptyLayers(pack, ['lakes'], '140428')).toEqual([]);
    expect(emptyLayers(pack, ['lakes'], '')).toEqual([]);
    // The regions layer is the frame, never "empty".
    expect(emptyLayers(pack, ['counties'], '140431')).toEqual([]);
  });
});
