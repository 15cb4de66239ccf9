import { maskValue } from './mask-value.js';
import type { ValueKind } from './value-kinds.js';

/** The kinds of personal data a column can hold; `none` for a column that holds none. */
export const personalKinds = [
  'given_name', 'family_name', 'full_name', 'email', 'phone', 'postcode', 'address', 'birth_date', 'identity_number', 'notes', 'none',
] as const;

/** One kind of personal data, as a spec or contract writes it: `personal: email`. */
export type PersonalKind = (typeof personalKinds)[number];

// by name, first match wins: EmailAddr is an e-mail before it is an address, TownName a place before a name
const byName: readonly (readonly [PersonalKind, RegExp])[] = [
  ['email', /e-?mail/i],
  ['phone', /phone|mobile|tel|fax/i],
  ['postcode', /post_?code|zip/i],
  ['birth_date', /birth|dob/i],
  ['identity_number', /ni_?number|passport|bank|sort_?code|iban/i],
  ['address', /addr|street|road|town|city|county/i],
  ['given_name', /fore_?name|first_?name|given_?name|initial/i],
  ['family_name', /sur_?name|last_?name|family_?name/i],
  ['full_name', /name/i],
  // Notes, CallComments, remark_text; a NoteId is a key
  ['notes', /(?:note|comment|remark|memo)s?(?:_?text)?$/i],
];
const byType: Partial<Record<ValueKind | 'text' | 'empty', PersonalKind>> = { email: 'email', phone: 'phone', uk_postcode: 'postcode' };

/**
 * The kind of personal data a column holds, from its values' kind and then its name:
 * the one classifier the profile, the masking and the dedup draft share.
 * @example personalKindOf('Surname', 'text') // 'family_name'
 */
export function personalKindOf(name: string, type: ValueKind | 'text' | 'empty'): PersonalKind {
  return byType[type] ?? byName.find(([, test]) => test.test(name))?.[0] ?? 'none';
}

/** Whether a column probably holds personal data, from its name and the kind of its values. */
export function isPersonalColumn(name: string, type: ValueKind | 'text' | 'empty'): boolean {
  return personalKindOf(name, type) !== 'none';
}

/** A value as shown to the team: masked unless its column holds no personal data. */
export function maskPersonal(value: string, kind: PersonalKind): string {
  return kind === 'none' ? value : maskValue(value);
}

// an address inside text: what may stand before the @ and in the domain, stopping at quotes and brackets
const emailInText = /[^\s@"'`<>()[\]{},;:\\]+@[^\s@"'`<>()[\]{},;:\\]+\.[^\s@"'`<>()[\]{},;:\\.]*[^\s@"'`<>()[\]{},;:\\.!?]/g;
// a UK number inside text: +44 or 0, an area or mobile code, then two groups of digits; not inside a word or hash
const phoneInText = /(?<![\w.+/-])(?:\+44[\s-]?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w|\.\d)/g;
const digitCount = (v: string) => v.replace(/\D/g, '').length;

/**
 * Text with everything that looks like an e-mail address or a phone number masked: the
 * fallback for messages and logs whose values come from no known column.
 * @example maskFreeText('"jo@x.org" is not an e-mail') // '"j*@x.org" is not an e-mail'
 */
export function maskFreeText(text: string): string {
  return text
    // a database URL's user and host are not an e-mail address: url-mask.ts hides its password
    .replace(emailInText, (address, offset: number) => (/\S*$/.exec(text.slice(0, offset))![0].includes('://') ? address : maskValue(address)))
    .replace(phoneInText, (phone) => (digitCount(phone) >= 10 && digitCount(phone) <= 13 ? maskValue(phone) : phone));
}

/**
 * A message that quotes values, with each of `values` masked where it appears, then the
 * free-text fallback: a rejection's reason names the value it could not read.
 * @example maskValuesIn('first_name: "Ann" is too long', ['Ann']) // 'first_name: "A**" is too long'
 */
export function maskValuesIn(text: string, values: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const value of values) {
    const v = value?.trim();
    // a value of one character hides nothing and would mask every letter like it
    if (v !== undefined && v.length > 1) out = out.split(v).join(maskValue(v));
  }
  return maskFreeText(out);
}

/**
 * A message about a value of a personal column with every "quoted" part masked (the
 * value is what it quotes), then the free-text fallback.
 * @example maskQuoted('the e-mail address "jo at x" is not an e-mail address') // 'the e-mail address "j* a* x" is not an e-mail address'
 */
export function maskQuoted(text: string): string {
  return maskFreeText(text.replace(/"([^"]*)"/g, (_all, value: string) => `"${maskValue(value)}"`));
}
