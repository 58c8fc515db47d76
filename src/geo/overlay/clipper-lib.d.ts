/** The few parts of clipper-lib (Angus Johnson's Clipper 6, integer coordinates) used here. */
declare module 'clipper-lib' {
  export interface IntPoint {
    X: number;
    Y: number;
  }
  export type Path = IntPoint[];
  class PolyTree {}
  interface ExPolygon {
    outer: Path;
    holes: Path[];
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ambient declaration: used through `typeof Clipper` in the default export
  class Clipper {
    constructor(initOptions?: number);
    static ioPreserveCollinear: number;
    AddPath(path: Path, polyType: number, closed: boolean): boolean;
    Execute(clipType: number, solution: Path[] | PolyTree, subjFillType: number, clipFillType: number): boolean;
    StrictlySimple: boolean;
  }
  const ClipperLib: {
    Clipper: typeof Clipper;
    PolyTree: typeof PolyTree;
    JS: { PolyTreeToExPolygons(tree: PolyTree): ExPolygon[] };
    ClipType: { ctIntersection: number; ctUnion: number; ctDifference: number; ctXor: number };
    PolyType: { ptSubject: number; ptClip: number };
    PolyFillType: { pftEvenOdd: number; pftNonZero: number; pftPositive: number; pftNegative: number };
  };
  export default ClipperLib;
}
