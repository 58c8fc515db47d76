import { pinyin } from 'pinyin-pro';

/**
 * Toneless pinyin of a name, one syllable per character, read in context (长子县 → zhang zi xian,
 * not chang). pinyin-pro's dictionary is large: this module is loaded only with the search.
 */
export function pinyinOf(name: string): string[] {
  return pinyin(name, { toneType: 'none', type: 'array', v: true });
}
