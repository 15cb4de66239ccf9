import { readFileSync } from 'node:fs';
import { parseSpec, SpecError } from '../core/spec/index.js';

/** The sample project's spec as written, the one `cutover demo` runs. */
export const sampleSpecText = readFileSync(new URL('../../sample-project/specs/estate-agency.yaml', import.meta.url), 'utf8');

/**
 * The message of the SpecError that parsing `text` as `file` throws; fails when it parses.
 * @example expect(specFailure('version: 2', 'specs/x.yaml')).toMatch(/version/)
 */
export function specFailure(text: string, file: string): string {
  try {
    parseSpec(text, file);
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
  throw new Error('the spec parsed');
}
