/**
 * An in-memory search over place names: each entry is matched by its name, its other-language
 * name, its pinyin and its pinyin initials (`xyx` → 襄垣县), as typed, by prefix first.
 *
 * Each field of all entries is kept as one string (entries separated by \u0001), so a query is a
 * few native `indexOf` scans instead of 100,000 string calls per field; a hit's entry is found by
 * binary search over the start offsets. Measured by `scripts/bench/search.mjs`.
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

interface Field {
  text: string;
  /** Offset in `text` where entry i's string starts (after its separator). */
  starts: Int32Array;
}

export interface SearchIndex<T> {
  entries: SearchEntry<T>[];
  /** Normalized names (their length ranks equally good matches). */
  nameLength: Int32Array;
  fields: { names: Field; alts: Field; pinyin: Field; initials: Field };
}

/** Pinyin of a name, one syllable per character. */
type PinyinOf = (name: string) => string[];

const SEPARATOR = '\u0001';
const HAN = /[\u3400-\u9fff]/;
const NOT_HAN = /[^\u3400-\u9fff]+/g;
const HAN_CHARS = /[\u3400-\u9fff]+/g;

function normalize(text: string): string {
  // eslint-disable-next-line no-control-regex -- SEPARATOR (U+0001) joins indexed fields and must not survive in the text
  return text.toLowerCase().replace(/[\s·・,，、()（）\-_'’\u0001]/g, '');
}

function field(strings: string[]): Field {
  const starts = new Int32Array(strings.length);
  let offset = 0;
  for (let i = 0; i < strings.length; i++) {
    starts[i] = offset + 1;
    offset += strings[i].length + 1;
  }
  return { text: SEPARATOR + strings.join(SEPARATOR), starts };
}

/**
 * Prepares the match strings of every entry. Pinyin is read once per distinct Chinese part of a
 * name (imported parcels repeat "王家沟村 林地" with different numbers) and followed by the
 * name's other characters: 王家沟村林地17 → wangjiagoucunlindi17, initials wjgcld17. Yields to
 * `pause` every `chunk` entries so a page stays responsive.
 */
export async function buildSearchIndex<T>(entries: SearchEntry<T>[], pinyinOf: PinyinOf, pause?: () => Promise<void>, chunk = 5000): Promise<SearchIndex<T>> {
  const names: string[] = [];
  const alts: string[] = [];
  const pinyin: string[] = [];
  const initials: string[] = [];
  const memo = new Map<string, [string, string]>();
  for (let i = 0; i < entries.length; i++) {
    const { name, alt } = entries[i];
    const normalized = normalize(name);
    names.push(normalized);
    alts.push(alt ? normalize(alt) : '');
    if (HAN.test(normalized)) {
      const han = normalized.replace(NOT_HAN, '');
      let keys = memo.get(han);
      if (!keys) {
        const syllables = pinyinOf(han).map(normalize);
        memo.set(han, (keys = [syllables.join(''), syllables.map((s) => s[0] ?? '').join('')]));
      }
      const rest = normalized.replace(HAN_CHARS, '');
      pinyin.push(keys[0] + rest);
      initials.push(keys[1] + rest);
    } else {
      pinyin.push('');
      initials.push('');
    }
    if (pause && i % chunk === chunk - 1) await pause();
  }
  return {
    entries,
    nameLength: Int32Array.from(names, (n) => n.length),
    fields: { names: field(names), alts: field(alts), pinyin: field(pinyin), initials: field(initials) },
  };
}

/** Marks in `best` (lower is better, 0 = none yet) each entry whose field holds q: prefix or inside. */
function scan(f: Field, q: string, prefixScore: number, insideScore: number, best: Uint8Array): void {
  const { text, starts } = f;
  const n = starts.length;
  let i = 0;
  let at = text.indexOf(q);
  while (at !== -1) {
    // Hits come in text order: the entry pointer only moves forward (amortized O(entries)).
    while (i + 1 < n && starts[i + 1] <= at) i++;
    const s = at === starts[i] ? prefixScore : insideScore;
    if (best[i] === 0 || s < best[i]) best[i] = s;
    // Next hit after this entry's string: one entry matches a field once.
    at = i + 1 < n ? text.indexOf(q, starts[i + 1]) : -1;
  }
}

/**
 * The best `limit` entries for a query: by match quality (name prefix; name inside; English,
 * pinyin or initials prefix; the rest inside), then rank, then shorter names, then input order.
 */
export function searchIndex<T>(index: SearchIndex<T>, query: string, limit = 20): SearchEntry<T>[] {
  const q = normalize(query);
  if (!q) return [];
  const n = index.entries.length;
  const best = new Uint8Array(n);
  const { names, alts, pinyin, initials } = index.fields;
  scan(names, q, 1, 2, best);
  scan(alts, q, 3, 4, best);
  if (/^[a-z]+$/.test(q)) {
    scan(initials, q, 3, 4, best);
    scan(pinyin, q, 3, 4, best);
  }
  // Bucket by (score, rank); keep the `limit` shortest of each.
  const length = index.nameLength;
  const buckets = new Map<number, { items: number[]; longest: number }>();
  for (let i = 0; i < n; i++) {
    if (best[i] === 0) continue;
    const key = best[i] * 1000 + Math.min(index.entries[i].rank, 999);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { items: [], longest: 0 }));
    const items = bucket.items;
    if (items.length < limit) {
      items.push(i);
      if (length[i] > bucket.longest) bucket.longest = length[i];
    } else if (length[i] < bucket.longest) {
      // Replace the longest (latest of equals, so input order breaks ties) and find the next one.
      let k = items.length - 1;
      while (length[items[k]] !== bucket.longest) k--;
      items[k] = i;
      bucket.longest = 0;
      for (const j of items) if (length[j] > bucket.longest) bucket.longest = length[j];
    }
  }
  const out: SearchEntry<T>[] = [];
  for (const key of [...buckets.keys()].sort((a, b) => a - b)) {
    const bucket = buckets.get(key)!.items.sort((a, b) => length[a] - length[b] || a - b);
    for (const i of bucket) {
      out.push(index.entries[i]);
      if (out.length === limit) return out;
    }
  }
  return out;
}
