import { describe, expect, it } from 'vitest';
import type { LoadedPack } from '../pack/types.ts';
import { appTitle, mapLabel } from './appTitle.ts';

const pack = (id: string, zh: string, en: string) => ({ manifest: { id, name: { zh, en } } }) as unknown as LoadedPack;

describe('appTitle', () => {
  it('keeps the product name on the default pack and names the region of another', () => {
    expect(appTitle(pack('changzhi', '长治市', 'Changzhi'), 'zh')).toBe('山水 · 长治生态分区图');
    expect(appTitle(null, 'en')).toBe('Shanshui · Changzhi Ecological Zones');
    expect(appTitle(pack('shanxi', '山西省 (六市)', 'Shanxi (six cities)'), 'zh')).toBe('山水 · 山西省 (六市)生态分区图');
    expect(appTitle(pack('shanxi', '山西省 (六市)', 'Shanxi (six cities)'), 'en')).toBe('Shanshui · Shanxi (six cities) Ecological Zones');
    expect(mapLabel(pack('shanxi', '山西省 (六市)', 'Shanxi (six cities)'), 'zh')).toBe('山西省 (六市)生态分区地图');
  });
});
