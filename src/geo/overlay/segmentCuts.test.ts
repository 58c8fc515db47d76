import { describe, expect, it } from 'vitest';
import { addSegmentCuts } from './segmentCuts.ts';

const cutsOf = (p: [number, number], q: [number, number], u: [number, number], v: [number, number]): number[] => {
  const cuts: number[] = [];
  addSegmentCuts(p[0], p[1], q[0], q[1], u[0], u[1], v[0], v[1], cuts);
  return cuts;
};

describe('addSegmentCuts', () => {
  it('cuts where two segments cross', () => {
    expect(cutsOf([0, 0], [4, 0], [1, -1], [1, 1])).toEqual([0.25]);
  });

  it('cuts where the other segment touches with an end', () => {
    expect(cutsOf([0, 0], [4, 0], [3, 0], [3, 2])).toEqual([0.75]);
  });

  it('cuts at both ends of a collinear overlap that lie inside p→q', () => {
    expect(cutsOf([0, 0], [4, 0], [1, 0], [2, 0])).toEqual([0.25, 0.5]);
    expect(cutsOf([0, 0], [4, 0], [-1, 0], [2, 0])).toEqual([0.5]);
  });

  it('adds nothing for segments that miss, or meet only at p or q', () => {
    expect(cutsOf([0, 0], [4, 0], [1, 1], [2, 3])).toEqual([]);
    expect(cutsOf([0, 0], [4, 0], [5, -1], [5, 1])).toEqual([]);
    expect(cutsOf([0, 0], [4, 0], [0, 0], [0, 2])).toEqual([]);
  });
});
