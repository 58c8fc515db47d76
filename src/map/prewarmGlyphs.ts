/**
 * Draws the label glyphs a pack will need while the browser is idle after the first paint.
 * Without a glyphs URL MapLibre rasterises every character from local fonts on the main thread
 * the first time it is shown; zooming into a county would otherwise draw dozens of new Chinese
 * characters inside one frame and block input for well over 100 ms.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_FONTS } from './style.ts';

/** The part of MapLibre's (internal) glyph manager this uses; checked at run time. */
interface GlyphManagerLike {
  getGlyphs(glyphs: Record<string, Record<string, string[]>>): Promise<unknown>;
}

/** Distinct characters of the given texts, in first-seen order, spaces dropped. */
export function distinctCharacters(texts: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const ch of text) if (ch.trim()) seen.add(ch);
  return [...seen];
}

const idle = (): Promise<void> =>
  new Promise((resolve) => ('requestIdleCallback' in window ? window.requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 16)));

/** Rasterises `characters` a few at a time in idle periods; stops quietly if MapLibre changes. */
export async function prewarmGlyphs(map: MapLibreMap, characters: string[], perIdle = 6): Promise<void> {
  const manager = (map as unknown as { style?: { glyphManager?: GlyphManagerLike } }).style?.glyphManager;
  if (typeof manager?.getGlyphs !== 'function') return;
  const stack = LABEL_FONTS.join(',');
  for (let i = 0; i < characters.length; i += perIdle) {
    await idle();
    if (!map.getStyle()) return; // the map was removed meanwhile
    await manager.getGlyphs({ [stack]: { default: characters.slice(i, i + perIdle) } });
  }
}
