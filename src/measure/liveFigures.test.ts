import type { LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { referenceLineLength } from '../geo/testing/geographiclibReference.ts';
import { liveFigures } from './liveFigures.ts';
import { measuredFigures } from './measuredFigures.ts';

describe('liveFigures', () => {
  it('shows the same area as the final figure, so the number does not jump on finishing', () => {
    // A ring as terra-draw holds it while drawing: the pointer's position repeated before closing.
    const drawing: Polygon = { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36], [113.1, 36.1], [113.1, 36.1], [113, 36]]] };
    const live = liveFigures(drawing);
    const final = measuredFigures(drawing);
    expect(final.type).toBe('area');
    expect(live.area_m2).toBe(final.type === 'area' ? final.area_m2 : NaN);
    expect(live.issue).toBeUndefined();
  });

  it('keeps the perimeter of a ring that crosses itself and reports the crossing instead of an area', () => {
    const ring = [[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]];
    const live = liveFigures({ type: 'Polygon', coordinates: [ring] });
    expect(live.area_m2).toBeNull();
    expect(live.issue?.code).toBe('self-intersection');
    expect(Math.abs(live.length_m / referenceLineLength(ring) - 1)).toBeLessThan(1e-8);
  });

  it('has no area yet for the first two clicks of a polygon', () => {
    const live = liveFigures({ type: 'Polygon', coordinates: [[[113, 36], [113.1, 36], [113.1, 36], [113, 36]]] });
    expect(live.area_m2).toBeNull();
    expect(live.issue?.code).toBe('too-few-points');
  });

  it('gives a line its length', () => {
    const line: LineString = { type: 'LineString', coordinates: [[113, 36], [113.2, 36.3]] };
    expect(Math.abs(liveFigures(line).length_m / referenceLineLength(line.coordinates) - 1)).toBeLessThan(1e-8);
  });
});
