import { describeIssue } from '../geo/describeIssue.ts';
import type { GeometryError } from '../geo/GeometryError.ts';
import { CliError } from './CliError.ts';

/** The first geometry issue as a CliError naming the file the feature came from. */
export function geometryProblem(error: GeometryError, fileOf: (layer: string | undefined) => string): CliError {
  const issue = error.issues[0];
  const more = error.issues.length - 1;
  const zh = describeIssue({ ...issue, layer: undefined }, 'zh') + (more > 0 ? `（另有 ${more} 处问题）` : '');
  const en = describeIssue({ ...issue, layer: undefined }, 'en') + (more > 0 ? ` (+${more} more)` : '');
  return new CliError(fileOf(issue.layer), zh, en);
}
