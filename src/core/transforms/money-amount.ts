/** How amounts are written in a source: the separators, an optional symbol and the scale. */
export interface MoneyFormat {
  readonly currency?: string | undefined;
  readonly decimalSeparator: string;
  readonly thousandsSeparator: string;
  readonly scale: number;
}

/** Why a text is not an amount, as the end of a sentence that starts with the text. */
export interface AmountError {
  readonly error: string;
}

const DIGITS = /^[0-9]*$/;
const NOT_MONEY: AmountError = { error: 'is not an amount of money' };

/**
 * Reads an amount such as `£1,234.50`, `-12`, `(12.00)` or `£(1,234.00)` and writes it
 * as a plain decimal with exactly `scale` decimals (`1234.50`), working on the digits
 * themselves so no binary float ever holds the amount.
 */
export function parseAmount(text: string, format: MoneyFormat): string | AmountError {
  const { currency, decimalSeparator, thousandsSeparator, scale } = format;
  let rest = text.trim();
  let minus = false;
  let symbol = false;
  const takeMinus = (): void => {
    if (!minus && rest.startsWith('-')) {
      rest = rest.slice(1).trimStart();
      minus = true;
    }
  };
  const takeSymbol = (): void => {
    if (currency !== undefined && !symbol && rest.startsWith(currency)) {
      rest = rest.slice(currency.length).trimStart();
      symbol = true;
    }
  };
  // -£5.00, £-5.00, £(5.00), (£5.00), 5.00£
  takeMinus();
  takeSymbol();
  takeMinus();
  let brackets = false;
  if (!minus && rest.startsWith('(') && rest.endsWith(')')) {
    rest = rest.slice(1, -1).trim();
    brackets = true;
    takeSymbol();
  }
  if (currency !== undefined && !symbol && rest.endsWith(currency)) {
    rest = rest.slice(0, -currency.length).trimEnd();
  }

  const point = rest.indexOf(decimalSeparator);
  const whole = point < 0 ? rest : rest.slice(0, point);
  let fraction = point < 0 ? '' : rest.slice(point + decimalSeparator.length);
  if (!DIGITS.test(fraction) || (point >= 0 && fraction === '') || (whole === '' && fraction === '')) {
    return NOT_MONEY;
  }
  let digits = whole;
  if (thousandsSeparator !== '' && whole.includes(thousandsSeparator)) {
    const groups = whole.split(thousandsSeparator);
    if (!groups.every((group) => DIGITS.test(group))) return NOT_MONEY;
    const first = groups[0] as string;
    if (first.length < 1 || first.length > 3 || groups.slice(1).some((group) => group.length !== 3)) {
      return { error: `is not an amount of money: "${thousandsSeparator}" must separate groups of three digits` };
    }
    digits = groups.join('');
  } else if (!DIGITS.test(whole)) {
    return NOT_MONEY;
  }

  if (fraction.length > scale) {
    if (/[^0]/.test(fraction.slice(scale))) {
      return { error: `has more than ${scale} decimal place${scale === 1 ? '' : 's'}` };
    }
    fraction = fraction.slice(0, scale);
  }
  fraction = fraction.padEnd(scale, '0');
  const units = digits.replace(/^0+/, '') || '0';
  const zero = units === '0' && !/[^0]/.test(fraction);
  const sign = (minus || brackets) && !zero ? '-' : '';
  return scale === 0 ? `${sign}${units}` : `${sign}${units}.${fraction}`;
}
