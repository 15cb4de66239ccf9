import type { ComparisonKind } from './dedup-spec.js';
import { jaroWinkler } from './similarity.js';

/** A level index: 0 agree, 1 close, 2 differ; -1 when either value is blank. */
export type Level = -1 | 0 | 1 | 2;

const AGREE = 0;
const CLOSE = 1;
const DIFFER = 2;

// Jaro-Winkler at or above this is a typo rather than another name
const closeName = 0.9;
const closeEmail = 0.92;

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** One name written as the initial of the other: `j` and `john`. */
const initialOf = (a: string, b: string): boolean => (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));

/** Two texts one typing slip apart: a letter changed, dropped or added, or two neighbours swapped. */
function oneSlipApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The words of two names in another order or one missing: `mary ann` and `ann mary`, `mary` and `mary ann`. */
function sameWords(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.includes(w));
}

/** How many of the words two sorted word lists share, over how many they have between them. */
function wordOverlap(a: string, b: string): number {
  const wa = new Set(a.split(' '));
  const wb = b.split(' ');
  let shared = 0;
  for (const w of wb) if (wa.has(w)) shared += 1;
  return shared / (wa.size + wb.length - shared);
}

/** Two texts of one length that differ in exactly one place. */
function oneWrong(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let wrong = 0;
  for (let i = 0; i < a.length && wrong < 2; i += 1) if (a[i] !== b[i]) wrong += 1;
  return wrong === 1;
}

/** Two dates close enough to be one mistyped: day and month swapped, or one digit wrong. */
function closeDates(a: string, b: string): boolean {
  if (a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)) return true;
  return oneWrong(a, b);
}

/**
 * The level two comparable values reach for a kind of comparison. `sa` and `sb` are the
 * values' sound keys (Double Metaphone) for names, else null.
 */
export function compareValues(kind: ComparisonKind, a: string | null, b: string | null, sa: string | null, sb: string | null): Level {
  if (a === null || b === null) return -1;
  if (a === b) return AGREE;
  switch (kind) {
    case 'name':
      if (initialOf(a, b) || sameWords(a, b) || (sa !== null && sa === sb) || oneSlipApart(a, b) || jaroWinkler(a, b) >= closeName) return CLOSE;
      return DIFFER;
    case 'sound':
      return sa !== null && sa === sb ? AGREE : DIFFER;
    case 'email': {
      const at = a.lastIndexOf('@');
      const bt = b.lastIndexOf('@');
      const la = a.slice(0, at);
      const lb = b.slice(0, bt);
      // the same mailbox name at another provider, or a typo in it; other numbers in it
      // (john.smith1, john.smith2) are other people's mailboxes
      if (la === lb || (a.slice(at) === b.slice(bt) && digitsOf(la) === digitsOf(lb) && jaroWinkler(la, lb) >= closeEmail)) return CLOSE;
      return DIFFER;
    }
    case 'phone':
      // the same line with one digit mistyped, or the same number behind another prefix
      return a.slice(-7) === b.slice(-7) || oneWrong(a, b) ? CLOSE : DIFFER;
    case 'postcode':
      // the same sector: BS1 4DJ and BS1 4DX
      return a.slice(0, -2) === b.slice(0, -2) ? CLOSE : DIFFER;
    case 'date':
      return closeDates(a, b) ? CLOSE : DIFFER;
    case 'address': {
      const overlap = wordOverlap(a, b);
      return overlap >= 0.8 ? AGREE : overlap >= 0.5 ? CLOSE : DIFFER;
    }
    case 'exact':
      return DIFFER;
  }
}
