import type { Feature } from 'geojson';
import type { GeometryIssue } from './GeometryError.ts';
import { validateGeometry, type ValidateOptions } from './validateGeometry.ts';

/**
 * Validates each feature's geometry (see `validateGeometry`) and reports issues with the feature's
 * index in `features`. At most `options.limit` issues per feature, `maxIssues` in all (default 100).
 */
export function validateFeatures(
  features: readonly Feature[],
  options: ValidateOptions & { maxIssues?: number } = {},
): GeometryIssue[] {
  const maxIssues = options.maxIssues ?? 100;
  const issues: GeometryIssue[] = [];
  for (let i = 0; i < features.length && issues.length < maxIssues; i++) {
    const feature = features[i];
    const geometry = feature && typeof feature === 'object' ? feature.geometry : undefined;
    for (const issue of validateGeometry(geometry, i, options)) {
      if (issues.length < maxIssues) issues.push(issue);
    }
  }
  return issues;
}
