import type { CheckCode } from './check-problem.js';

// control characters text never holds (tab, LF and CR are kept: notes span lines), and U+FFFD
const suspicious = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;
// the two or three characters Windows-1252 makes of one UTF-8 letter: Ã© for é, Â£ for £, â€™ for ’
const utf8ReadAs1252 = /[\u00C2-\u00C3][\u00A0-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|\u00E2\u20AC[\u0090-\u00BF\u2122\u201C\u201D\u02DC\u0153\u0161\u00A6\u00A2\u00A1]/;

/** What is wrong with the characters of one value: a code and the end of a sentence. */
export interface TextProblem {
  readonly code: CheckCode;
  readonly message: string;
}

/**
 * Finds characters that betray a broken file in a decoded value: bytes that were not valid
 * in the file's encoding (decoded as U+FFFD), control characters, and, in a file read as
 * Windows-1252, UTF-8 letters read byte by byte (a file mixing both encodings).
 * @example textProblem('Caf\uFFFD', 'utf-8') // { code: 'encoding_invalid', … }
 */
export function textProblem(value: string, encoding: string | undefined): TextProblem | undefined {
  if (suspicious.test(value)) {
    if (value.includes('\uFFFD')) {
      return {
        code: 'encoding_invalid',
        message: `holds characters that are not valid ${encoding === undefined ? 'text' : encodingName(encoding)} (shown as "\uFFFD"): the file mixes text encodings or was damaged. Ask for the file again, saved as UTF-8`,
      };
    }
    return { code: 'control_characters', message: 'holds control characters that text never has: the file may be damaged or not a text export. Ask for the file again' };
  }
  if (encoding === 'windows-1252' && utf8ReadAs1252.test(value)) {
    const sample = utf8ReadAs1252.exec(value)?.[0] ?? '';
    return {
      code: 'encoding_mixed',
      message: `holds "${sample}", which is how a UTF-8 letter looks when read as Windows-1252: the file mixes text encodings. Ask for the file again, saved as UTF-8 throughout`,
    };
  }
  return undefined;
}

/** True when the value holds a character outside plain ASCII, where encodings differ. */
export function hasNonAscii(value: string): boolean {
  return /[^\u0000-\u007F]/.test(value);
}

/** `UTF-8`, `Windows-1252`, `UTF-16LE`. */
export function encodingName(encoding: string): string {
  return encoding === 'windows-1252' ? 'Windows-1252' : encoding.toUpperCase();
}
