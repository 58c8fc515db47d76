import { describe, expect, it } from 'vitest';
import { hiddenImports, storeHiddenImports } from './hiddenImports.ts';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
};

describe('hiddenImports', () => {
  it('keeps the hidden layer ids, and reads garbage as nothing hidden', () => {
    const storage = memory();
    expect([...hiddenImports(storage)]).toEqual([]);
    storeHiddenImports(new Set(['import-b', 'import-a']), storage);
    expect([...hiddenImports(storage)].sort()).toEqual(['import-a', 'import-b']);
    storage.setItem('shanshui.hiddenImports', '{not json');
    expect([...hiddenImports(storage)]).toEqual([]);
    storage.setItem('shanshui.hiddenImports', '[1, "import-c"]');
    expect([...hiddenImports(storage)]).toEqual(['import-c']);
  });
});
