/**
 * A KML description as readable text. KML descriptions are HTML written by whoever made the file;
 * they are never rendered as HTML here: tags, scripts and handlers are stripped to plain text
 * (`descriptionText`) and React inserts that as a text node.
 */
import { descriptionText } from '../../import/text.ts';
import { valueText } from '../../import/valueText.ts';

export function DescriptionText({ value }: { value: unknown }) {
  return <span className="description-text">{descriptionText(typeof value === 'string' ? value : valueText(value ?? ''))}</span>;
}
