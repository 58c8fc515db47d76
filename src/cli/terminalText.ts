/**
 * Text from the user's files (feature names, kinds, file names) made safe to print: C0/C1 control
 * characters (ESC sequences could retitle the window, move the cursor or overwrite a figure row)
 * and bidirectional overrides are shown as `\u{…}` escapes instead of reaching the terminal raw.
 */
export function terminalText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`);
}
