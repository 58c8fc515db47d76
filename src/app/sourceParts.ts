/**
 * A feature's `source` text split into plain text and links, each link labelled by its readable
 * address (percent-escapes decoded: /wiki/長治國家城市濕地公園, not /wiki/%E9%95%B7…), so the
 * titles the data cites stay in front and the addresses stay short and legible.
 */
type SourcePart = { text: string } | { href: string; label: string };

const URL_PATTERN = /https?:\/\/[^\s)）;；，,]+/g;

export function sourceParts(source: string): SourcePart[] {
  const parts: SourcePart[] = [];
  let last = 0;
  for (const match of source.matchAll(URL_PATTERN)) {
    if (match.index > last) parts.push({ text: source.slice(last, match.index) });
    const href = match[0];
    let label = href.replace(/^https?:\/\//, '');
    try {
      label = decodeURI(label);
    } catch {
      // A malformed escape stays as written.
    }
    parts.push({ href, label });
    last = match.index + href.length;
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  return parts;
}
