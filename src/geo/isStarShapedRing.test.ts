import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { FlatRings } from './flatRings.ts';
import { isStarShapedRing } from './isStarShapedRing.ts';
import { seededRandom } from './testing/geographiclibReference.ts';
import { blob } from './testing/statsFixtures.ts';

const star = (ring: Position[]): boolean => isStarShapedRing(new FlatRings().addPolygons([[ring]]), 0);

describe('isStarShapedRing', () => {
  it('certifies convex rings, jagged blobs and five-pointed stars, in either direction', () => {
    const random = seededRandom(1);
    expect(star([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBe(true);
    const b = blob(113, 36, 0.01, 200, random);
    expect(star(b)).toBe(true);
    expect(star([...b].reverse())).toBe(true);
    const fivePointed: Position[] = [];
    for (let k = 0; k < 10; k++) {
      const a = (Math.PI * k) / 5;
      const r = k % 2 ? 0.4 : 1;
      fivePointed.push([r * Math.cos(a), r * Math.sin(a)]);
    }
    fivePointed.push(fivePointed[0]);
    expect(star(fivePointed)).toBe(true);
  });

  it('does not certify rings that cross themselves or wind twice', () => {
    expect(star([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toBe(false);
    const twice: Position[] = [];
    for (let k = 0; k < 12; k++) {
      const a = (4 * Math.PI * k) / 12;
      twice.push([Math.cos(a) * (1 + k / 24), Math.sin(a) * (1 + k / 24)]);
    }
    twice.push(twice[0]);
    expect(star(twice)).toBe(false);
  });

  it('does not certify a simple ring that is not star-shaped from its vertex average (the sweep decides)', () => {
    const u: Position[] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    expect(star(u)).toBe(false);
  });
});
