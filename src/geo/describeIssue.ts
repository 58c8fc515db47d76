/**
 * Moved to src/i18n/describeIssue.ts (one text system; src/geo gives issue codes and parameters
 * only). Kept as a re-export until src/app imports it from there (three imports).
 */
export { describeIssue } from '../i18n/describeIssue.ts';
