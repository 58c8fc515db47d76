/**
 * Issue 19, items 7 and 8: user keys that are names of Object.prototype members, and tables with
 * a million columns.
 */
import { describe, expect, it } from 'vitest';
import { importFiles } from './importFiles.ts';
import { formatImportMessage } from './messages.ts';

const csv = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

// MapLibre's own worker-transfer code: what a GeoJSON source's features go through.
async function maplibreSerialize(): Promise<(input: unknown) => unknown> {
  const g = globalThis as Record<string, unknown>;
  g.ImageData ??= class ImageData {};
  g.ImageBitmap ??= class ImageBitmap {};
  // A path in a variable: tsc does not type-check MapLibre's sources, Vite still loads them.
  const path = '../../node_modules/maplibre-gl/src/util/web_worker_transfer.ts';
  const module = (await import(/* @vite-ignore */ path)) as { serialize: (input: unknown) => unknown };
  return module.serialize;
}

describe('property names that plain objects already answer', () => {
  it('keeps a CSV column named constructor / __proto__ / hasOwnProperty as data MapLibre can draw', async () => {
    const serialize = await maplibreSerialize();
    expect(() => serialize({ properties: { constructor: '湿地' } })).toThrow(/unregistered class/);
    const result = await importFiles([csv('keys.csv', '经度,纬度,constructor,__proto__,hasOwnProperty,名称\n113.1,36.2,湿地,甲,乙,漳泽湖\n')]);
    if (!result.ok) throw new Error(result.error.code);
    const [layer] = result.layers;
    const [feature] = layer.data.features;
    expect(feature.properties).toEqual({ constructor_: '湿地', __proto___: '甲', hasOwnProperty_: '乙', 名称: '漳泽湖' });
    expect(Object.getPrototypeOf(feature.properties)).toBe(Object.prototype);
    expect(() => serialize(layer.data)).not.toThrow();
    expect(layer.propertyKeys).toEqual(['constructor_', '__proto___', 'hasOwnProperty_', '名称']);
    const warning = result.warnings.find((w) => w.code === 'properties-renamed')!;
    expect(formatImportMessage(warning, 'zh')).toContain('constructor, __proto__, hasOwnProperty');
  });

  it('does the same for GeoJSON properties', async () => {
    const geojson = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"constructor":1,"__proto__":{"polluted":true}},"geometry":{"type":"Point","coordinates":[113.1,36.2]}}]}';
    const result = await importFiles([csv('keys.geojson', geojson)]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data.features[0].properties).toEqual({ constructor_: 1, __proto___: '{"polluted":true}' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('import limits bound columns as they bound rows', () => {
  it('refuses a CSV with 1,000,000 columns at once, naming the file and the count', async () => {
    const header = ['经度', '纬度', ...Array.from({ length: 999_998 }, (_, i) => `c${i}`)].join(',');
    const result = await importFiles([csv('wide.csv', `${header}\n113.1,36.2\n`)]);
    expect(result).toMatchObject({ ok: false, error: { code: 'too-many-columns', params: { count: 1_000_000, limit: 2_000 } } });
    if (!result.ok) expect(formatImportMessage(result.error, 'zh')).toMatch(/^wide\.csv：属性表有 1000000 列/);
  });

  it('bounds GeoJSON properties the same way', async () => {
    const properties = Object.fromEntries(Array.from({ length: 2_001 }, (_, i) => [`p${i}`, i]));
    const geojson = JSON.stringify({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [113.1, 36.2] } });
    const result = await importFiles([csv('wide.geojson', geojson)]);
    expect(result).toMatchObject({ ok: false, error: { code: 'too-many-columns' } });
  });
});
