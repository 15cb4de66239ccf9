import { z } from 'zod';
import { parseAmount, type MoneyFormat } from './money-amount.js';
import { countOption, textOption } from './option-schemas.js';
import { invalidValue, type Transform } from './transform.js';

export interface MoneyOptions {
  readonly currency?: string | undefined;
  readonly decimal_separator: string;
  readonly thousands_separator: string;
  readonly scale: number;
}

const separator = (what: string, allowNone: boolean) =>
  textOption.regex(allowNone ? /^[^0-9\-()]?$/ : /^[^0-9\-()]$/, {
    error: `must be one character other than a digit, "-" or a bracket${allowNone ? ', or "" for none' : ''} (the ${what})`,
  });

const moneyOptions = z
  .strictObject({
    currency: textOption.min(1).optional(),
    decimal_separator: separator('decimal separator', false).default('.'),
    thousands_separator: separator('thousands separator', true).default(','),
    scale: countOption.default(2),
  })
  .superRefine((options, ctx) => {
    if (options.decimal_separator === options.thousands_separator) {
      ctx.addIssue({
        code: 'custom',
        path: ['thousands_separator'],
        message: `the thousands separator must differ from the decimal separator "${options.decimal_separator}"`,
      });
    }
  });

export const moneyTransform: Transform<MoneyOptions> = {
  name: 'money',
  gives: 'amount',
  summary: 'Reads an amount such as £1,234.50 or (12.00) and writes a plain decimal such as 1234.50 or -12.00.',
  usage: 'money: { currency: "£", decimal_separator: ".", thousands_separator: ",", scale: 2 }',
  options: moneyOptions,
  examples: [
    { options: { currency: '£' }, input: '£1,234.5', output: '1234.50' },
    { options: { currency: '£' }, input: '£(1,234.00)', output: '-1234.00' },
    { options: { decimal_separator: ',', thousands_separator: '.' }, input: '1.234,50', output: '1234.50' },
  ],
  describe(options) {
    const point = options.decimal_separator;
    const negative = options.scale === 0 ? '(12)' : `(12${point}${'0'.repeat(options.scale)})`;
    const parts = [
      ...(options.currency === undefined ? [] : [options.currency]),
      options.thousands_separator === ''
        ? 'no thousands separators'
        : options.thousands_separator === ','
          ? 'thousands separators'
          : `${JSON.stringify(options.thousands_separator)} between thousands`,
      ...(point === '.' ? [] : [`${JSON.stringify(point)} before the decimals`]),
      `${negative} as negative`,
    ];
    const exact = options.scale === 0 ? 'whole units' : `${options.scale} decimal place${options.scale === 1 ? '' : 's'}`;
    return `read an amount of money (${parts.join(', ')}), exact to ${exact}; any other value: reject the row`;
  },
  compile(options) {
    const format: MoneyFormat = {
      currency: options.currency,
      decimalSeparator: options.decimal_separator,
      thousandsSeparator: options.thousands_separator,
      scale: options.scale,
    };
    return (value) => {
      if (value === null) return null;
      const amount = parseAmount(value, format);
      return typeof amount === 'string' ? amount : invalidValue(`"${value}" ${amount.error}`);
    };
  },
};
