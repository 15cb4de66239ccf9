import { z } from 'zod';
import { invalidValue, type Transform } from './transform.js';
import { nationalFormat, readUkPhone } from './uk-phone-number.js';

export interface UkPhoneOptions {
  readonly format?: 'e164' | 'national' | undefined;
}

const ukPhoneOptions = z.strictObject({ format: z.enum(['e164', 'national']).optional() }).optional();

const summary = 'Checks a UK phone number and writes it as +441234567890, or as 01234 567890 with format: national.';

export const ukPhoneTransform: Transform<UkPhoneOptions | undefined> = {
  name: 'uk_phone',
  summary,
  usage: 'uk_phone or uk_phone: { format: e164|national }',
  options: ukPhoneOptions,
  examples: [
    { input: '(01234) 567 890', output: '+441234567890' },
    { input: '+44 (0)1234 567890', output: '+441234567890' },
    { options: { format: 'national' }, input: '+447700900123', output: '07700 900123' },
  ],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile(options) {
    const national = options?.format === 'national';
    return (value) => {
      if (value === null || value.trim() === '') return null;
      const reading = readUkPhone(value);
      if (!reading.ok) return invalidValue(`"${value}" is not a UK phone number: ${reading.reason}`);
      return national ? nationalFormat(reading.digits) : `+44${reading.digits}`;
    };
  },
};
