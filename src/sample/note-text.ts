import type { Random } from './random.js';

/** A notes value as written, and whether it spans lines (an embedded-newline defect). */
export interface NoteText {
  readonly text: string;
  readonly multiline: boolean;
}

/**
 * Free-text notes as staff typed them: often empty, sometimes with commas, quotes or
 * stray spaces, and, when `multiline` is allowed and chosen, two notes on two lines
 * joined by `eol` (the file's own line end, as the old system stored it).
 */
export function noteText(r: Random, notes: readonly string[], eol: string, multiline: 'never' | 'sometimes' | 'always'): NoteText {
  const u = r.float();
  const first = r.pick(notes);
  const second = r.pick(notes);
  if (multiline === 'always' || (multiline === 'sometimes' && u < 0.01)) return { text: `${first}${eol}${second}`, multiline: true };
  if (u < 0.5) return { text: '', multiline: false };
  return { text: u < 0.55 ? ` ${first} ` : first, multiline: false };
}
