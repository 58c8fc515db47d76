/**
 * An in-memory search over place names: each entry is matched by its name, its other-language
 * name, its pinyin and its pinyin initials (`xyx` → 襄垣县), as typed, by prefix first. A query
 * is a linear scan over flat arrays of prepared strings: ~1 ms per 10,000 entries (see
 * `scripts/bench/search.mjs`), so no n-gram index is needed for 100,000 features.
 */

export interface SearchEntry<T> {
  /** The name shown and matched (Chinese or whatever the data holds). */
  name: string;
  /** Another name matched too (English), optional. */
  alt?: string;
  /** Lower ranks list first among equally good matches (counties 0, features 1). */
  rank: number;
  value: T;
}

export interface SearchIndex<T> {
  entries: SearchEntry<T>[];
  names: string[];
  alts: string[];
  pinyin: string[];
  initials: string[];
}

/** Pinyin of a name, one syllable per character (non-Chinese characters as themselves). */
export type PinyinOf = (name: string) => string[];

const HAN = /[\u3400-\u9fff]/;

export function normalize(text: string): string {
  return text.toLowerCase().replace(/[\s·・,，、()（）\-_'’]/g, '');
}

/**
 * Prepares the match strings of every entry. Pinyin is computed once per distinct name (imported
 * layers repeat names) and only for names holding Chinese characters. Yields to the caller's
 * `pause` every `chunk` entries so a page can stay responsive while 100,000 names are prepared.
 */
export async function buildSearchIndex<T>(entries: SearchEntry<T>[], pinyinOf: PinyinOf, pause?: () => Promise<void>, chunk = 5000): Promise<SearchIndex<T>> {
  const index: SearchIndex<T> = { entries, names: [], alts: [], pinyin: [], initials: [] };
  const memo = new Map<string, [string, string]>();
  for (let i = 0; i < entries.length; i++) {
    const { name, alt } = entries[i];
    index.names.push(normalize(name));
    index.alts.push(alt ? normalize(alt) : '');
    let keys = memo.get(name);
    if (!keys) {
      if (HAN.test(name)) {
        const syllables = pinyinOf(name).map((s) => normalize(s)).filter(Boolean);
        keys = [syllables.join(''), syllables.map((s) => s[0]).join('')];
      } else keys = ['', ''];
      memo.set(name, keys);
    }
    index.pinyin.push(keys[0]);
    index.initials.push(keys[1]);
    if (pause && i % chunk === chunk - 1) await pause();
  }
  return index;
}

/** Match quality: lower is better; -1 no match. */
function score(index: SearchIndex<unknown>, i: number, q: string): number {
  const name = index.names[i];
  if (name.startsWith(q)) return 0;
  if (name.includes(q)) return 1;
  const alt = index.alts[i];
  if (alt && alt.startsWith(q)) return 2;
  const py = index.pinyin[i];
  if (py) {
    if (index.initials[i].startsWith(q) || py.startsWith(q)) return 2;
    if (index.initials[i].includes(q) || py.includes(q)) return 3;
  }
  if (alt && alt.includes(q)) return 3;
  return -1;
}

/**
 * The best `limit` entries for a query: by match quality, then rank, then shorter names, then
 * input order. Only `limit` entries per quality and rank are kept while scanning.
 */
export function searchIndex<T>(index: SearchIndex<T>, query: string, limit = 20): SearchEntry<T>[] {
  const q = normalize(query);
  if (!q) return [];
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < index.names.length; i++) {
    const s = score(index, i, q);
    if (s < 0) continue;
    const key = s * 1000 + Math.min(index.entries[i].rank, 999);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = []));
    // Keep the `limit` shortest names of each bucket.
    if (bucket.length < limit) bucket.push(i);
    else {
      let longest = 0;
      for (let k = 1; k < bucket.length; k++) if (index.names[bucket[k]].length > index.names[bucket[longest]].length) longest = k;
      if (index.names[i].length < index.names[bucket[longest]].length) bucket[longest] = i;
    }
  }
  const out: SearchEntry<T>[] = [];
  for (const key of [...buckets.keys()].sort((a, b) => a - b)) {
    const bucket = buckets.get(key)!.sort((a, b) => index.names[a].length - index.names[b].length || a - b);
    for (const i of bucket) {
      out.push(index.entries[i]);
      if (out.length === limit) return out;
    }
  }
  return out;
}
