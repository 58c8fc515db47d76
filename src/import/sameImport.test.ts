import { describe, expect, it } from 'vitest';
import { importFiles } from './importFiles.ts';
import { findSameImport } from './sameImport.ts';
import { fixtureInput } from './testSupport.ts';

async function identity(path: string) {
  const result = await importFiles([fixtureInput(path)]);
  if (!result.ok) throw new Error(result.error.code);
  const [layer] = result.layers;
  return { fileName: path.split('/').pop()!, name: layer.name, featureCount: layer.featureCount, vertexCount: layer.vertexCount, bbox: layer.bbox };
}

describe('findSameImport', () => {
  it('recognises the same file imported again, and only that', async () => {
    const kml = { ...(await identity('kml/mixed.kml')), id: 'a' };
    const shp = { ...(await identity('shp/cgcs2000-3deg-cm114.zip')), id: 'b' };
    expect(findSameImport([shp, kml], await identity('kml/mixed.kml'))?.id).toBe('a');
    // Same features from another file (the GBK copy) is not a repeat.
    expect(findSameImport([shp, kml], await identity('kml/mixed-gbk.kml'))).toBeUndefined();
    expect(findSameImport([kml], { ...kml, featureCount: 8 })).toBeUndefined();
  });
});
