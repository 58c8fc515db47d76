import { describeIssue } from '../i18n/describeIssue.ts';
import { translate } from '../i18n/index.ts';
import type { GeometryError } from '../geo/GeometryError.ts';
import { CliError } from './CliError.ts';

/** The first geometry issue as a CliError naming the file the feature came from. */
export function geometryProblem(error: GeometryError, fileOf: (layer: string | undefined) => string): CliError {
  const issue = error.issues[0];
  const more = error.issues.length - 1;
  const zh = describeIssue({ ...issue, layer: undefined }, 'zh') + (more > 0 ? translate('zh', 'cli.moreIssues', { count: more }) : '');
  const en = describeIssue({ ...issue, layer: undefined }, 'en') + (more > 0 ? translate('en', 'cli.moreIssues', { count: more }) : '');
  return new CliError(fileOf(issue.layer), zh, en);
}
