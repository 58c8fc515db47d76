/**
 * The citation rule for every `source` in the packs (README "Citations"): a source is one or more
 * citations separated by "; ". Each citation is either
 *
 *   a publication:  `<publisher>, <YYYY[-MM[-DD]]>, 《<title>》 …`  (publisher and date first;
 *                   ` (题名未见)` instead of the title when the only copy found shows none;
 *                   the original publisher, a URL only on the publisher's own page, "(转载)" when
 *                   only a copy was found), or
 *   a package:      `npm <name>@<version> …` / `Debian <package> <version> …`.
 *
 * URLs anywhere in a feature or manifest must not point at a host listed in
 * data/source-hosts-refused.txt (copies, aggregators and garbled mirrors found in the review).
 */
import { readFileSync } from 'node:fs';

const PUBLICATION = /^[^,;《》()（）]{2,60}, \d{4}(?:-\d{2}(?:-\d{2})?)?(?:, 《[^》]+》| \(题名未见|$)/;
const PACKAGE = /^(?:npm [@\w./-]+@\d[\w.-]*|Debian [\w.+-]+ \d[\w.~+-]*)(?: |$)/;
const URL = /https?:\/\/([^/\s)"'；;,，]+)/g;

/** Problems of one `source` string under the citation rule (empty when it is fine). */
export function citationProblems(source: unknown): string[] {
  if (typeof source !== 'string' || source.trim() === '') return ['no source'];
  return source
    .split('; ')
    .map((c) => c.trim())
    .filter((c) => !PUBLICATION.test(c) && !PACKAGE.test(c))
    .map((c) => `citation without "publisher, date, 《title》" or package: "${c.slice(0, 80)}"`);
}

/** Hosts (lower case, without a leading www.) of every URL in a text. */
export function hostsIn(text: string): string[] {
  return [...text.matchAll(URL)].map((m) => m[1].toLowerCase().replace(/^www\./, ''));
}

/** The refused hosts listed one per line (# comments) in a file. */
export function readRefusedHosts(file: string): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().toLowerCase().replace(/^www\./, ''))
      .filter(Boolean),
  );
}

/** Refused hosts a value (any JSON: feature properties, a manifest) links to; subdomains count. */
function refusedHostsIn(value: unknown, refused: Set<string>): string[] {
  const found = hostsIn(JSON.stringify(value)).filter((h) => [...refused].some((r) => h === r || h.endsWith(`.${r}`)));
  return [...new Set(found)];
}

/**
 * Citation problems of one built output file (a FeatureCollection or a manifest): every `source`
 * and `*_source` must follow the rule, and nothing may link to a refused host.
 */
export function fileCitationProblems(file: string, json: unknown, refused: Set<string>): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (k === 'geometry' || k === 'coordinates') continue;
        if (k === 'source' || k.endsWith('_source')) for (const p of citationProblems(v)) problems.push(`${file} ${where}.${k}: ${p}`);
        else visit(v, `${where}.${k}`);
      }
    }
  };
  const label = (f: unknown, i: number): string => String((f as { properties?: { name?: string } }).properties?.name ?? i);
  const features = (json as { features?: unknown[] }).features;
  if (Array.isArray(features)) features.forEach((f, i) => visit((f as { properties?: unknown }).properties, `「${label(f, i)}」`));
  else visit(json, '');
  for (const h of refusedHostsIn(json, refused)) problems.push(`${file}: links to refused host ${h} (data/source-hosts-refused.txt)`);
  return problems;
}
