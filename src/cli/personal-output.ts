import { maskFreeText } from '../core/profile/index.js';
import type { OutputStream } from './progress.js';

/**
 * A stream that masks whatever looks like an e-mail address or a phone number before it
 * reaches the terminal: the last guard for values no column classification reached
 * (an error's message, a log line).
 */
export function maskedStream(stream: OutputStream): OutputStream {
  return {
    write: (text: string) => stream.write(maskFreeText(text)),
    ...(stream.isTTY === undefined ? {} : { isTTY: stream.isTTY }),
  };
}
