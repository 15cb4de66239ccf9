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
