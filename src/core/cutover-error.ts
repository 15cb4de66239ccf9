import type { ErrorCode } from './error-codes.js';

export { errorCodes, isErrorCode, type ErrorCode } from './error-codes.js';

/** Where a problem sits: a file and, when known, its line and column (1-based). */
export interface Location {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
}

/**
 * The one error a user can cause: a stable code, a message written for people, and
 * where it happened. The CLI prints `message` (never a stack, unless --debug).
 */
export class CutoverError extends Error {
  override readonly name = 'CutoverError';
  readonly code: ErrorCode;
  readonly where: Location | undefined;

  constructor(code: ErrorCode, message: string, options: { where?: Location; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.where = options.where;
  }
}

/** True when `error` is a CutoverError, optionally with the given code. */
export function isCutoverError(error: unknown, code?: ErrorCode): error is CutoverError {
  return error instanceof CutoverError && (code === undefined || error.code === code);
}
