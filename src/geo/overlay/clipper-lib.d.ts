/** The few parts of clipper-lib (Angus Johnson's Clipper 6, integer coordinates) used here. */
declare module 'clipper-lib' {
  export interface IntPoint {
    X: number;
    Y: number;
  }
  export type Path = IntPoint[];
  class Clipper {
    constructor(initOptions?: number);
    static ioPreserveCollinear: number;
    AddPath(path: Path, polyType: number, closed: boolean): boolean;
    Execute(clipType: number, solution: Path[], subjFillType: number, clipFillType: number): boolean;
  }
  const ClipperLib: {
    Clipper: typeof Clipper;
    ClipType: { ctIntersection: number; ctUnion: number; ctDifference: number; ctXor: number };
    PolyType: { ptSubject: number; ptClip: number };
    PolyFillType: { pftEvenOdd: number; pftNonZero: number; pftPositive: number; pftNegative: number };
  };
  export default ClipperLib;
}
