import { dateKey } from '../profile/value-kinds.js';
import type { ComparisonKind } from './dedup-spec.js';
import { e164 } from './phone-number.js';

/** Letters and single spaces, lower case, without accents: `O'Brien-Smith` -> `obrien smith`. */
export function nameKey(text: string): string | null {
  const key = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Łł]/g, 'l')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return key === '' ? null : key;
}

const postcode = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/** A UK postcode as `BS1 4DJ`, whatever its case and spacing; null when it is not one. */
export function postcodeKey(text: string): string | null {
  const match = postcode.exec(text.toUpperCase().replace(/[^A-Z\d]/g, ''));
  return match ? `${match[1]} ${match[2]}` : null;
}

/** An e-mail address trimmed and in lower case; null when it has no @ between two parts. */
export function emailKey(text: string): string | null {
  const key = text.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(key) ? key : null;
}

const shortWords: Readonly<Record<string, string>> = {
  road: 'rd', street: 'st', avenue: 'ave', lane: 'ln', drive: 'dr', close: 'cl', court: 'ct', crescent: 'cres',
  place: 'pl', terrace: 'ter', gardens: 'gdns', square: 'sq', house: 'ho', apartment: 'flat', apt: 'flat',
};

/** The words of an address, lower case, common street words shortened, each once, sorted: `12 High Street` -> `12 high st`. */
export function addressKey(text: string): string | null {
  const words = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(/[^a-z\d]+/).filter((w) => w !== '');
  const key = [...new Set(words.map((w) => shortWords[w] ?? w))].sort().join(' ');
  return key === '' ? null : key;
}

/** Trimmed, lower case, spaces single. */
export function plainKey(text: string): string | null {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return key === '' ? null : key;
}

/** The comparable form of a value for a kind of comparison; null when the value is blank or unreadable. */
export function valueKey(kind: ComparisonKind, text: string): string | null {
  switch (kind) {
    case 'name':
    case 'sound':
      return nameKey(text);
    case 'email':
      return emailKey(text);
    case 'phone':
      return e164(text);
    case 'postcode':
      return postcodeKey(text);
    case 'date':
      return dateKey(text);
    case 'address':
      return addressKey(text);
    case 'exact':
      return plainKey(text);
  }
}
