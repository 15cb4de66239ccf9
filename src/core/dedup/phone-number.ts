// UK numbers: a trunk 0, then 9 or 10 digits; other countries are kept as written after their +
const UK = '44';
const allowed = /^[\d\s().+\-/]+$/;
const extension = /\s*(?:ext\.?|extn\.?|x|#)\s*\d{1,5}$/i;

/**
 * A phone number in E.164 (`+447700900123`), read the many ways people type them, with
 * numbers without a country taken as UK ones; null when it is not a phone number.
 * @example e164('07700 900123') // '+447700900123'
 * @example e164('+44 (0)20 7946 0123') // '+442079460123'
 */
export function e164(text: string, country: string = UK): string | null {
  const written = text.trim().replace(extension, '');
  if (written === '' || !allowed.test(written)) return null;
  const international = written.startsWith('+');
  let digits = written.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (international) {
    // +44 0117 ...: a trunk 0 kept after the country code
    if (digits.startsWith(`${UK}0`)) digits = UK + digits.slice(UK.length + 1);
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (digits.startsWith('0')) {
    digits = country + digits.slice(1);
  } else if (digits.startsWith(country) && digits.length >= country.length + 9 && digits.length <= country.length + 10) {
    // the country code written without its +
  } else if (digits.length === 10 && country === UK) {
    // a UK number written without its trunk 0
    digits = country + digits;
  } else {
    return null;
  }
  if (digits.startsWith(UK)) return /^[1-9]\d{8,9}$/.test(digits.slice(UK.length)) ? `+${digits}` : null;
  return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : null;
}
