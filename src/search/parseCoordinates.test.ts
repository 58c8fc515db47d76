import { describe, expect, it } from 'vitest';
import { parseCoordinates } from './parseCoordinates.ts';

// Reference positions: PROJ's cs2cs (EPSG:4490 → EPSG:4526, CGCS2000 3° zone 38) and GDAL's
// gdaltransform (tests/fixtures/import/crs-reference.json).
const CS2CS_ZONE38 = { lon: 113.1167, lat: 36.1953, x: 4007574.972, y: 38420554.284 };

describe('parseCoordinates', () => {
  it('reads decimal degrees in either order, with or without hemisphere marks', () => {
    for (const text of ['113.1167, 36.1953', '36.1953 113.1167', '36.1953，113.1167', 'N36.1953 E113.1167', '113.1167E 36.1953N']) {
      expect(parseCoordinates(text), text).toMatchObject({ lon: 113.1167, lat: 36.1953, form: 'decimal' });
    }
  });

  it('reads degrees, minutes and seconds, in symbols or Chinese', () => {
    // 113°07'00" = 113.116667°, 36°11'43" = 36.195278°.
    for (const text of [`113°07'00"E 36°11'43"N`, '东经113度7分 北纬36度11分43秒', `36°11′43″N, 113°7′E`]) {
      const p = parseCoordinates(text)!;
      expect(p.form, text).toBe('dms');
      expect(p.lon).toBeCloseTo(113 + 7 / 60, 9);
      expect(p.lat).toBeCloseTo(36 + 11 / 60 + 43 / 3600, 9);
    }
  });

  it('reads Gauss-Krüger X/Y with the zone in Y or named, as PROJ places them', () => {
    const { x, y } = CS2CS_ZONE38;
    for (const text of [`X=${x} Y=${y}`, `Y=${y}, X=${x}`, `${y} ${x}`, `${x}, ${y - 38_000_000}, 38带`, `X ${x} Y ${y - 38_000_000} zone 38`, `带号38 X=${x} Y=${y - 38_000_000}`]) {
      const p = parseCoordinates(text)!;
      expect(p, text).toMatchObject({ form: 'gauss-kruger', zone: { width: 3, number: 38 } });
      // 1e-7° ≈ 1 cm.
      expect(Math.abs(p.lon - CS2CS_ZONE38.lon)).toBeLessThan(1e-7);
      expect(Math.abs(p.lat - CS2CS_ZONE38.lat)).toBeLessThan(1e-7);
    }
    // A 6° zone (20: central meridian 117°), from GDAL's reference point.
    const six = parseCoordinates('X=4007961.97850032 Y=20562955.3116241')!;
    expect(six.zone).toEqual({ width: 6, number: 20 });
    expect(six.lon).toBeCloseTo(117.7, 7);
    expect(six.lat).toBeCloseTo(36.2, 7);
  });

  it('takes nothing that is not a position in China', () => {
    for (const text of ['', '襄垣', '12', '2024 2025', '0, 0', '51.5, -0.12', '200.1 36.2', `113°70'E 36°N`, 'X=4008000 Y=491000']) {
      expect(parseCoordinates(text), text).toBeNull();
    }
  });
});
