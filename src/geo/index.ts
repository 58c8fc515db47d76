/** Public API of the geometry core (pure TypeScript: Node, Web Worker and browser). */
export { geodesicArea } from './geodesicArea.ts';
export { featureArea } from './featureArea.ts';
export { geodesicLength } from './geodesicLength.ts';
export { geodesicPerimeter } from './geodesicPerimeter.ts';
export {
  AREA_UNITS,
  DEFAULT_AREA_DECIMALS,
  SQUARE_METRES_PER_MU,
  areaUnitLabel,
  convertArea,
  formatArea,
  formatLength,
  formatNumber,
  formatPercent,
  type AreaUnit,
  type FormatOptions,
} from './units.ts';
export type { Lang } from './lang.ts';
export { validateGeometry, type GeometryType, type ValidateOptions } from './validateGeometry.ts';
export { validateFeatures } from './validateFeatures.ts';
export { GeometryError, type GeometryIssue, type IssueCode } from './GeometryError.ts';
export {
  zoneStatistics,
  type KindStatistics,
  type RegionStatistics,
  type ZoneStatisticsOptions,
  type ZoneStatisticsPhase,
  type ZoneStatisticsProgress,
  type ZoneStatisticsResult,
} from './zoneStatistics.ts';
export { shapeBreakdown, type ShapeBreakdown, type ShapeBreakdownOptions } from './shapeBreakdown.ts';
