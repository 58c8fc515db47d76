import { describe, expect, it } from 'vitest';
import { committedHeight, toggledLayers, typedHeight } from './EmbedDialog.tsx';
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
