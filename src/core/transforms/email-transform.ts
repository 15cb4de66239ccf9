import { readEmail } from './email-address.js';
import { invalidValue, type Transform } from './transform.js';

const summary = 'Trims an email address, writes its domain in small letters and rejects text that is not an address.';

export const emailTransform: Transform<undefined> = {
  name: 'email',
  summary,
  usage: 'email',
  options: undefined,
  examples: [
    { input: ' Jane.Doe@Example.COM ', output: 'Jane.Doe@example.com' },
    { input: 'j.smith+crm@mail.example.co.uk', output: 'j.smith+crm@mail.example.co.uk' },
  ],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile() {
    return (value) => {
      if (value === null || value.trim() === '') return null;
      const reading = readEmail(value);
      return reading.ok ? reading.address : invalidValue(`"${value}" is not an email address: ${reading.reason}`);
    };
  },
};
