/**
 * The attributes a feature's details list beyond the known ones, a page at a time: a CSV with a
 * million columns must not put a million rows into the page when one feature is opened.
 */
export const ATTRIBUTE_PAGE = 100;

/** The first `limit` keys that pass `listed`, and how many pass in all. */
export function otherAttributes(properties: Record<string, unknown>, listed: (key: string) => boolean, limit: number): { keys: string[]; total: number } {
  const keys: string[] = [];
  let total = 0;
  for (const key of Object.keys(properties)) {
    if (!listed(key)) continue;
    if (total < limit) keys.push(key);
    total++;
  }
  return { keys, total };
}
