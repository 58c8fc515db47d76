import { describe, expect, it } from 'vitest';
import { StoreError } from './storeError.ts';
import type { ImportRecord } from './importedLayer.ts';
import { memoryImportStore } from './importStore.ts';

const record = { id: 'import-1', name: 'wgs84', fileName: 'wgs84.geojson', color: '#d7263d', propertyKeys: [], sourceCrs: 'EPSG:4326', featureCount: 1, order: 1 } as unknown as ImportRecord;

describe('memoryImportStore', () => {
  it('refuses to write the settings of a removed layer (no record without data), with kind "deleted"', async () => {
    const store = memoryImportStore();
    await store.add(record, new ArrayBuffer(8));
    await store.putRecord({ ...record, name: '规划分区' });
    expect((await store.list()).map((r) => r.name)).toEqual(['规划分区']);
    await store.remove(record.id);
    const error = await store.putRecord({ ...record, name: '又改名' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('deleted');
    expect(await store.list()).toEqual([]);
  });
});
