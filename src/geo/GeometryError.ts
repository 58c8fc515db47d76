/** What can be wrong with input geometry; `describeIssue` turns each into a zh/en sentence. */
export type IssueCode =
  | 'missing-geometry'
  | 'unsupported-geometry'
  | 'empty-geometry'
  | 'invalid-coordinate'
  | 'non-finite-coordinate'
  | 'out-of-range-coordinate'
  | 'too-few-points'
  | 'unclosed-ring'
  | 'self-intersection'
  | 'ring-intersection'
  | 'hole-outside-shell'
  | 'nested-holes'
  | 'overlapping-parts'
  | 'disconnected-interior'
  | 'crosses-antimeridian'
  | 'missing-property';

export interface GeometryIssue {
  /** Index of the feature in its collection (0 for a bare geometry). */
  featureIndex: number;
  code: IssueCode;
  /** Short technical note in English (for logs); `describeIssue` gives the user-facing sentence. */
  detail: string;
  /** Polygon index inside a MultiPolygon / line index inside a MultiLineString. */
  part?: number;
  /** Ring index inside the polygon (0 = outer ring). */
  ring?: number;
  /** For crossings: the edges run along each other (a shared edge) rather than cross. */
  along?: boolean;
  /** For a self-intersection: the ring only touches itself at a point. */
  touches?: boolean;
  /** Where the problem is, [lon, lat], when it has a place. */
  position?: [number, number];
  /** Geometry type found, for `unsupported-geometry`. */
  geometryType?: string;
  /** Property name, for `missing-property`. */
  property?: string;
  /** Which input the feature came from (e.g. 'regions', 'zones'), when there are several. */
  layer?: string;
}

/** Thrown by area, length and statistics functions instead of returning a wrong number. */
export class GeometryError extends Error {
  readonly issues: GeometryIssue[];

  constructor(issues: GeometryIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(
      first
        ? `invalid geometry: feature ${first.featureIndex}${first.layer ? ` of ${first.layer}` : ''}: ${first.detail}${more}`
        : 'invalid geometry',
    );
    this.name = 'GeometryError';
    this.issues = issues;
  }
}

/** Throws a GeometryError when `issues` is not empty. */
export function throwIfIssues(issues: GeometryIssue[]): void {
  if (issues.length > 0) throw new GeometryError(issues);
}
