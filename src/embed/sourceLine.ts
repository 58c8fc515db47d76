/**
 * The caption under the map: one visible line naming the sources ("来源：…"), which opens (a
 * <details>, so by tap, click or keyboard, with no script) to the full attribution with links;
 * and, when a shown layer is schematic, one plain sentence saying what that means for a reader.
 * It sits below the map, never over it, so on a phone it covers nothing.
 */
import { localText, translate, type Lang } from '../i18n/coreText.ts';
import type { Attribution } from '../pack/types.ts';

/** An attribution's short name: its text up to the first comma or parenthesis. */
export function shortSource(text: string): string {
  return text.split(/\s*[,，(（;；]/)[0].trim();
}

export function sourceLineText(attribution: readonly Attribution[], lang: Lang): string {
  const sources = attribution.map((a) => shortSource(localText(a.text, lang))).filter(Boolean);
  return translate(lang, 'embed.source', { sources: sources.join(translate(lang, 'embed.source.separator')) });
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function sourceCaption(attribution: readonly Attribution[], lang: Lang, schematic: boolean): HTMLElement {
  const caption = element('div', 'embed-caption');
  if (schematic) caption.append(element('p', 'embed-caveat', translate(lang, 'embed.caveat')));
  const details = element('details', 'embed-source');
  const summary = element('summary', 'embed-source-line', sourceLineText(attribution, lang));
  summary.setAttribute('aria-label', `${summary.textContent}. ${translate(lang, 'embed.source.label')}`);
  const list = element('ul', 'embed-source-list');
  for (const a of attribution) {
    const item = element('li', '');
    if (a.url) {
      // textContent and a checked scheme: attribution comes from a data pack, never trusted markup.
      const link = element('a', '', localText(a.text, lang));
      if (/^https?:\/\//.test(a.url)) link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener';
      item.append(link);
    } else item.textContent = localText(a.text, lang);
    list.append(item);
  }
  list.append(element('li', '', translate(lang, 'embed.source.renderer')));
  details.append(summary, list);
  caption.append(details);
  return caption;
}
