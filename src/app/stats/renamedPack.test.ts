/**
 * Packs are data: the Changzhi pack with every layer id, file and the regions' code property
 * renamed (roles set in the manifest) gives the same county statistics as the original, row for
 * row and figure for figure. Both are computed here; neither side is a stored value.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { zoneStatistics } from '../../geo/zoneStatistics.ts';
import { loadPack } from '../../pack/loadPack.ts';
import { findRegionLayer } from '../../pack/roles.ts';
import { RENAMED_IDS, renamedChangzhiFiles } from '../../pack/testing/renamedPack.ts';
import type { LoadedPack } from '../../pack/types.ts';
import { countyTable, type CountyTable } from './countyTable.ts';
import { countyMembers } from './countyMembers.ts';
import { tableCsv } from './exportTable.ts';
import { TEST_TABLE_TEXTS } from './testing/tableTexts.ts';
import { KIND_KEY, statisticsInput } from './statisticsInput.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const diskFetch = ((url: string | URL) => Promise.resolve(new Response(readFileSync(path.join(DATA, new URL(url).pathname.replace(/^\/data\//, '')))))) as typeof fetch;
const renamedFiles = renamedChangzhiFiles();
const renamedFetch = ((url: string | URL) => {
  const text = renamedFiles.get(new URL(url).pathname.split('/').pop()!);
  return Promise.resolve(text === undefined ? new Response('not found', { status: 404 }) : new Response(text));
}) as typeof fetch;

const texts = TEST_TABLE_TEXTS;

async function tableOf(pack: LoadedPack): Promise<CountyTable> {
  const input = statisticsInput(pack.layers)!;
  const regions = findRegionLayer(pack.layers)!;
  const members = await countyMembers(pack.layers, regions, () => Promise.resolve());
  return countyTable(zoneStatistics(input.regions, input.zones, { kindKey: KIND_KEY }), input.kinds, regions, members);
}

let original: LoadedPack;
let renamed: LoadedPack;
beforeAll(async () => {
  original = await loadPack('http://pack.test/data/changzhi/pack.json', diskFetch);
  renamed = await loadPack('http://pack.test/data/renamed/pack.json', renamedFetch);
});

describe('a pack whose layer ids are not the Changzhi ones', () => {
  it('names none of the original layer ids', () => {
    expect(renamed.layers.map((l) => l.id)).toEqual(original.layers.map((l) => RENAMED_IDS[l.id]));
    expect(JSON.stringify(renamed.manifest.layers)).not.toMatch(/"(counties|wetlands|rivers|adcode)"/);
    expect(findRegionLayer(renamed.layers)!.data.features.some((f) => 'adcode' in (f.properties ?? {}))).toBe(false);
  });

  it('gives the same county table: rows, codes, names and every figure under the renamed kinds', async () => {
    const a = await tableOf(original);
    const b = await tableOf(renamed);
    expect(b.rows.map((r) => [r.adcode, r.name, r.nameEn])).toEqual(a.rows.map((r) => [r.adcode, r.name, r.nameEn]));
    expect(a.rows.filter((r) => /^\d{6}$/.test(r.adcode))).toHaveLength(12);
    const renamedKey = (key: string) => key.replace(/^[^.]+/, (kind) => RENAMED_IDS[kind] ?? kind);
    expect(b.columns.map((c) => c.key)).toEqual(a.columns.map((c) => renamedKey(c.key)));
    a.rows.forEach((row, i) => {
      for (const [key, value] of Object.entries(row.values)) expect(b.rows[i].values[renamedKey(key)], key).toBe(value);
    });
    // The exported CSV (titles come from the manifest, not the ids) is the same text.
    expect(tableCsv(b, 'mu', 'zh', texts, renamed.manifest.plan_figures)).toBe(tableCsv(a, 'mu', 'zh', texts, original.manifest.plan_figures));
  });
});
