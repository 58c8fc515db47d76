import { describe, expect, it } from 'vitest';
import { publishedLayers, publishedPackRef } from './publishedPack.ts';

describe('published pack choice for a widget', () => {
  it('pins a version, follows latest, or keeps the app’s own pack', () => {
    expect(publishedPackRef('changzhi', 3)).toBe('/packs/changzhi@3/pack.json');
    expect(publishedPackRef('changzhi', 'latest')).toBe('/packs/changzhi/latest/pack.json');
    expect(publishedPackRef('changzhi', 'current')).toBeUndefined();
  });
  it('adds the shared layers to the chosen ones only for a published version', () => {
    expect(publishedLayers(['basin'], ['a1'], 2)).toEqual(['basin', 'layer-a1']);
    expect(publishedLayers(['basin', 'layer-a1'], ['a1'], 'latest')).toEqual(['basin', 'layer-a1']);
    expect(publishedLayers(['basin'], ['a1'], 'current')).toEqual(['basin']);
  });
});
