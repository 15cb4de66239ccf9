// control characters (but tab and line feed), DEL, the C1 controls and the bidirectional overrides
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as a terminal may show it: a control character that came with the data (an escape
 * sequence, a bell, a carriage return, a right-to-left override) is written as its `\uXXXX`
 * escape instead of being obeyed. The same escape keeps JSON output valid and its values unchanged.
 * @example terminalText('Ann\u001b[2J') // 'Ann\\u001b[2J'
 */
export function terminalText(text: string): string {
  return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
