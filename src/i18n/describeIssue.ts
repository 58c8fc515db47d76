import type { GeometryIssue } from '../geo/GeometryError.ts';
import { translate, type Lang, type MessageKey } from './index.ts';

/**
 * One clear sentence for a geometry issue (src/geo gives codes and parameters only), in Chinese
 * or English, naming the feature, the ring or part, the problem and where it is. Example (en):
 * "Feature 3 (index 2), outer ring: the ring crosses itself near 112.93410, 36.20117."
 */
export function describeIssue(issue: GeometryIssue, lang: Lang): string {
  const n = issue.featureIndex;
  const number = { number: n + 1, index: n };
  const layer = issue.layer === 'regions' || issue.layer === 'zones' ? translate(lang, `geometry.layer.${issue.layer}`) : issue.layer;
  const feature = layer ? translate(lang, 'geometry.featureInLayer', { ...number, layer }) : translate(lang, 'geometry.feature', number);
  const place: string[] = [];
  if (issue.part !== undefined) place.push(translate(lang, 'geometry.part', { number: issue.part + 1 }));
  if (issue.ring !== undefined) place.push(issue.ring === 0 ? translate(lang, 'geometry.outerRing') : translate(lang, 'geometry.hole', { number: issue.ring }));
  const near = issue.position ? translate(lang, 'geometry.near', { lon: issue.position[0].toFixed(5), lat: issue.position[1].toFixed(5) }) : '';
  const params = { feature, problem: problem(issue, lang), near, place: place.join(lang === 'zh' ? '' : ' ') };
  const sentence = translate(lang, place.length > 0 ? 'geometry.sentenceAt' : 'geometry.sentence', params);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function problem(issue: GeometryIssue, lang: Lang): string {
  let key: MessageKey = `geometry.issue.${issue.code}`;
  if (issue.code === 'self-intersection' && issue.touches) key = 'geometry.issue.self-touch';
  // Parts sharing an edge are the usual case (adjacent parcels in one multipart feature).
  if (issue.code === 'overlapping-parts' && issue.along) key = 'geometry.issue.parts-along-edge';
  return translate(lang, key, { type: issue.geometryType ?? '?', property: issue.property ?? '' });
}
