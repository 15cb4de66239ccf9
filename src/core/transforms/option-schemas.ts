import { z } from 'zod';

// spec scalars arrive as text (yaml failsafe), code may pass real booleans and numbers

/** A text option; YAML scalars all arrive as text, so `01` stays "01". */
export const textOption = z.string();

/** A true/false option, written `true` or `false` in YAML. */
export const flagOption = z
  .preprocess(
    (v) => (typeof v === 'boolean' ? String(v) : typeof v === 'string' ? v.toLowerCase() : v),
    z.enum(['true', 'false']),
  )
  .transform((v) => v === 'true');

/** A small whole number such as a scale, written `2` in YAML. */
export const countOption = z
  .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^[0-9]{1,2}$/, { error: 'must be a whole number such as 2' }))
  .transform(Number);

/** A length such as 50: a whole number from 1 to 9999. */
export const lengthOption = z
  .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^[1-9][0-9]{0,3}$/, { error: 'must be a whole number from 1 to 9999, such as 50' }))
  .transform(Number);

/**
 * One source column: its name, or the names a delivered file may give it, tried in order.
 * @example columnNamesOption.parse('Email') // ['Email']; parse(['Email', 'E-mail']) // ['Email', 'E-mail']
 */
export const columnNamesOption = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((names): readonly string[] => (typeof names === 'string' ? [names] : names));

/** The reason a regular expression does not compile, without the engine's preamble, or undefined. */
export function regexProblem(source: string, flags = ''): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    return message.slice(message.lastIndexOf(': ') + 2);
  }
}
