import { localText, translate, type Lang } from '../i18n/index.ts';
import { DEFAULT_PACK } from '../pack/loadPack.ts';
import type { LoadedPack } from '../pack/types.ts';

/** The app's title: the product's own name on the default pack, the pack's region on another. */
export function appTitle(pack: LoadedPack | null, lang: Lang): string {
  if (!pack || pack.manifest.id === DEFAULT_PACK) return translate(lang, 'app.title');
  return translate(lang, 'app.title.region', { region: localText(pack.manifest.name, lang) });
}

/** The map's accessible name, after the same rule. */
export function mapLabel(pack: LoadedPack | null, lang: Lang): string {
  if (!pack || pack.manifest.id === DEFAULT_PACK) return translate(lang, 'map.label');
  return translate(lang, 'map.label.region', { region: localText(pack.manifest.name, lang) });
}
