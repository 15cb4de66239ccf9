/** A UK number as its national significant number (the digits after 0 or +44), or why it is not one. */
export type UkPhoneReading = { readonly ok: true; readonly digits: string } | { readonly ok: false; readonly reason: string };

// first digits of the national number that always have ten more digits after the 0
const TEN_DIGIT_RANGES = ['2', '3', '7'];
const EXAMPLE = 'as in 01234 567890 or +44 1234 567890';

/**
 * Reads a UK phone number written the ways people write them: `01234 567890`,
 * `(01234) 567 890`, `+44 (0)1234 567890`, `0044 1234 567890`, `07700-900123`.
 * @example readUkPhone('+44 (0)1234 567890') // { ok: true, digits: '1234567890' }
 */
export function readUkPhone(value: string): UkPhoneReading {
  const text = value.trim();
  if (/\p{L}/u.test(text)) return { ok: false, reason: 'it contains letters; write the number only' };
  const odd = /[^0-9+\s().\-/]/.exec(text);
  if (odd !== null) return { ok: false, reason: `"${odd[0]}" has no place in a phone number` };
  // "+44 (0)1234": the (0) is only said when dialling from inside the UK
  const compact = text.replace(/\(0\)/g, '').replace(/[\s().\-/]/g, '');
  let national: string;
  if (/^(\+|00)/.test(compact)) {
    const international = compact.replace(/^(\+|00)/, '');
    if (!/^[0-9]+$/.test(international)) return { ok: false, reason: 'a "+" belongs only at the start' };
    if (!international.startsWith('44')) return { ok: false, reason: 'it is not a UK number, which starts +44' };
    national = international.slice(2).replace(/^0/, '');
  } else {
    if (!/^[0-9]+$/.test(compact)) return { ok: false, reason: 'a "+" belongs only at the start' };
    if (!compact.startsWith('0')) return { ok: false, reason: `a UK number starts with 0 or +44, ${EXAMPLE}` };
    national = compact.slice(1);
  }
  const written = national.length + 1;
  const wanted = TEN_DIGIT_RANGES.includes(national.charAt(0)) ? '11 digits' : '10 or 11 digits';
  if (written < 10 || (written === 10 && wanted === '11 digits')) {
    return { ok: false, reason: `it is too short: it has ${written} digits counting the leading 0, and a UK number has ${wanted}, ${EXAMPLE}` };
  }
  if (written > 11) {
    return { ok: false, reason: `it is too long: it has ${written} digits counting the leading 0, and a UK number has ${wanted}, ${EXAMPLE}` };
  }
  if (/^[046]/.test(national)) return { ok: false, reason: `no UK number starts 0${national.charAt(0)}` };
  return { ok: true, digits: national };
}

/**
 * A national significant number grouped as the UK writes it.
 * @example nationalFormat('2079460018') // '020 7946 0018'
 */
export function nationalFormat(digits: string): string {
  const group = (...sizes: number[]): string => {
    const parts: string[] = [];
    let at = 0;
    for (const size of sizes) {
      parts.push(digits.slice(at, at + size));
      at += size;
    }
    parts.push(digits.slice(at));
    return `0${parts.filter((part) => part !== '').join(' ')}`;
  };
  const first = digits.charAt(0);
  if (first === '2') return group(2, 4);
  if (first === '1' && digits.length === 10 && (digits.charAt(1) === '1' || digits.charAt(2) === '1')) return group(3, 3);
  if (first === '3' || first === '8' || first === '9') return group(3, 3);
  return group(4);
}
