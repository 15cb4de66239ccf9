import type { MoneyFormat } from '../transforms/index.js';

const dateParts: Readonly<Record<string, string>> = { dd: '31', d: '31', MM: '01', M: '1', MMM: 'Jan', yyyy: '2021', HH: '09', H: '9', mm: '30', ss: '00', S: '5', SSS: '500', SSSSSS: '500000' };

/**
 * A format shown as a value people recognise instead of its letters.
 * @example formatExample('dd/MM/yyyy') // '31/01/2021'
 */
export function formatExample(format: string): string {
  return format.replace(/([A-Za-z])\1*/g, (run) => dateParts[run] ?? run);
}

/** `31/01/2021, 2021-01-31 or 31 Jan 2021` */
export function formatExamples(formats: readonly string[]): string {
  return listInWords(formats.map(formatExample), 'or');
}

/**
 * An amount written the agreed way, for messages.
 * @example numberExample({ currency: '£', decimalSeparator: '.', thousandsSeparator: ',', scale: 2 }) // '£1,234.50'
 */
export function numberExample(format: MoneyFormat): string {
  const fraction = format.scale === 0 ? '' : `${format.decimalSeparator}${'50'.padEnd(Math.min(format.scale, 2), '0').slice(0, Math.min(format.scale, 2))}`;
  return `${format.currency ?? ''}1${format.thousandsSeparator}234${fraction}`;
}

/** `a, b and c` (or `a, b or c`). */
export function listInWords(items: readonly string[], last: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
