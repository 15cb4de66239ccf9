import type { Random } from './random.js';

/** How to write an amount: plainly, in a legacy style, or in a legacy style with the pound sign. */
export type MoneyStyle = 'plain' | 'styled' | 'pound';

/** An amount as written in the file, as the target must hold it, and whether it is a plain decimal. */
export interface MoneyText {
  readonly text: string;
  readonly expected: string;
  /** plain: digits with an optional minus and decimals, nothing a rule must strip */
  readonly plain: boolean;
}

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The canonical decimal of an amount in pence, as PostgreSQL's numeric(_, 2) prints it.
 * @example canonicalMoney(-1200) // '-12.00'
 */
export function canonicalMoney(pence: number): string {
  const abs = Math.abs(pence);
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${pence < 0 ? '-' : ''}${units}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Writes an amount in pence the way a legacy export does: plainly (`1250`, `1250.5`,
 * `-12.00`) or, when `styled`, with a pound sign, thousands commas or brackets for a
 * negative (`£1,250.00`, `1,250.5`, `(12.00)`); `pound` always has the £. Integers only,
 * so no float ever holds money.
 */
export function moneyText(r: Random, pence: number, style: MoneyStyle): MoneyText {
  const abs = Math.abs(pence);
  const units = String(Math.floor(abs / 100));
  const cents = abs % 100;
  const two = `${cents < 10 ? '0' : ''}${cents}`;
  // the shortest fraction the amount allows: none, one digit, or two
  const short = cents === 0 ? '' : cents % 10 === 0 ? `.${cents / 10}` : `.${two}`;
  const expected = canonicalMoney(pence);
  const u = r.float();
  if (style === 'plain') {
    const body = u < 0.5 ? `${units}.${two}` : `${units}${short}`;
    return { text: pence < 0 ? `-${body}` : body, expected, plain: true };
  }
  if (pence < 0) {
    const text = u < 0.6 && style !== 'pound' ? `(${units}.${two})` : u < 0.8 ? `£(${group(units)}.${two})` : `-£${group(units)}.${two}`;
    return { text, expected, plain: false };
  }
  // a grouped amount under 1,000 has no comma, so it needs the pound sign to be styled
  const text = u < 0.5 || units.length <= 3 || style === 'pound' ? `£${group(units)}${u < 0.25 && cents === 0 ? '' : `.${two}`}` : `${group(units)}${short}`;
  return { text, expected, plain: false };
}
