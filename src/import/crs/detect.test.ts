import { describe, expect, it } from 'vitest';
import { detectCrs, otherDatumEquivalents } from './detect.ts';

const CHANGZHI: [number, number, number, number] = [111.929, 35.773, 113.781, 37.175];

describe('detectCrs', () => {
  it('takes degrees for longitude/latitude', () => {
    expect(detectCrs([112.9, 36.0, 113.5, 36.5])).toEqual({ kind: 'lonlat' });
  });

  it('reads a 3° zone from the easting prefix (38 → CM 114°E, EPSG:4526)', () => {
    const d = detectCrs([38_339_030, 3_988_289, 38_455_443, 4_075_773], CHANGZHI);
    expect(d.kind).toBe('zone-prefix');
    if (d.kind !== 'zone-prefix') return;
    expect(d.guess).toMatchObject({ crs: 'EPSG:4526', reason: 'zone-prefix', insideRegion: true });
    // Centre: gdaltransform -s_srs EPSG:4526 -t_srs OGC:CRS84 of the bbox centre (38397236.5 4032031).
    expect(d.guess.center![0]).toBeCloseTo(112.8543, 3);
    expect(d.guess.center![1]).toBeCloseTo(36.4135, 3);
  });

  it('reads a 6° zone from the prefix (19 → CM 111°E, EPSG:4497)', () => {
    const d = detectCrs([19_600_000, 3_990_000, 19_700_000, 4_070_000]);
    expect(d.kind === 'zone-prefix' && d.guess.crs).toBe('EPSG:4497');
  });

  it('offers 6° zone 13 and web mercator when both fit', () => {
    // x 13.3e6 is 6° GK zone 13 (Xinjiang) or web-mercator 119.5°E.
    const d = detectCrs([13_300_000, 4_300_000, 13_350_000, 4_350_000]);
    expect(d.kind).toBe('ambiguous');
    expect(d.kind === 'ambiguous' && d.candidates.map((c) => c.crs).sort()).toEqual(['EPSG:3857', 'EPSG:4491']);
  });

  it('asks when the easting has no zone, ranking candidates inside the region first', () => {
    const d = detectCrs([339_030, 3_988_289, 455_443, 4_075_773], CHANGZHI);
    expect(d.kind).toBe('ambiguous');
    if (d.kind !== 'ambiguous') return;
    expect(d.candidates[0]).toMatchObject({ crs: 'EPSG:4547', insideRegion: true });
    expect(d.candidates.filter((c) => c.insideRegion).map((c) => c.crs)).toEqual(['EPSG:4547']);
    // One candidate per central meridian over China, 75°E … 135°E, plus UTM near the top ones.
    expect(d.candidates.filter((c) => c.reason === 'no-zone-prefix' && c.crs.startsWith('EPSG:45')).length).toBe(21);
    // CM 111°E is both a 3° and a 6° zone: same projection, one entry.
    expect(d.candidates.find((c) => c.crs === 'EPSG:4546')?.equivalent).toEqual(['EPSG:4508']);
  });

  it('offers web mercator for web-map metres over China but does not apply it', () => {
    const d = detectCrs([12_570_000, 4_320_000, 12_640_000, 4_380_000]);
    expect(d).toMatchObject({ kind: 'ambiguous', candidates: [{ crs: 'EPSG:3857' }] });
  });

  it('gives up on numbers that fit nothing', () => {
    expect(detectCrs([-5_000_000, -3_000_000, 9_000_000, 9_000_000])).toEqual({ kind: 'unknown' });
    expect(detectCrs([NaN, 0, 1, 1])).toEqual({ kind: 'unknown' });
  });

  it('lists the same zone on the old datums', () => {
    expect(otherDatumEquivalents('EPSG:4526').map((d) => d.code)).toEqual(['EPSG:2362', 'EPSG:2414']);
  });
});
