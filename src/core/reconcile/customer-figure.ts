import { Decimal } from 'decimal.js';

/** A figure the customer typed: read, or a sentence saying what is wrong with it. */
export type FigureReading = { readonly ok: true; readonly value: string | null } | { readonly ok: false; readonly problem: string };

// thousands separators and a pound sign are how people type figures; anything else is not a figure
const grouping = /^-?£?\s*\d{1,3}(,\d{3})+(\.\d+)?$|^-?£?\s*\d+(\.\d+)?$/;

/**
 * Reads a figure the customer typed in the workbook: a count (a whole number, not
 * negative) or a money amount (at most two decimals). Blank means no figure yet.
 * @example readFigure('2,500', 'count') // { ok: true, value: '2500' }
 * @example readFigure('about 2500', 'count') // { ok: false, problem: '"about 2500" is not a number; …' }
 */
export function readFigure(input: string | number | null | undefined, kind: 'count' | 'money'): FigureReading {
  if (input === null || input === undefined) return { ok: true, value: null };
  const text = typeof input === 'number' ? String(input) : input.trim();
  if (text === '') return { ok: true, value: null };
  const cleaned = text.replace(/^(-?)£\s*/, '$1');
  if (typeof input === 'number' ? !Number.isFinite(input) : !grouping.test(text)) {
    return { ok: false, problem: `"${text}" is not a number; write the figure in digits only, for example ${kind === 'count' ? '2500' : '12345.67'}` };
  }
  const value = new Decimal(cleaned.replaceAll(',', ''));
  if (kind === 'count') {
    if (!value.isInteger() || value.isNegative()) return { ok: false, problem: `"${text}" is not a count; write a whole number of records, for example 2500` };
    return { ok: true, value: value.toFixed(0) };
  }
  if (value.decimalPlaces() > 2) return { ok: false, problem: `"${text}" has more than two decimals; write the amount to the penny, for example 12345.67` };
  return { ok: true, value: value.toFixed(2) };
}
