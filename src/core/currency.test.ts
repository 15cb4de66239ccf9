import { describe, expect, it } from 'vitest';
import { exactlyInWords } from './currency.js';

describe('money words', () => {
  it('follow the currency of the project, pounds when it names none', () => {
    expect([exactlyInWords(undefined), exactlyInWords('GBP'), exactlyInWords('USD'), exactlyInWords('EUR'), exactlyInWords('JPY'), exactlyInWords('XYZ')]).toEqual([
      'to the penny', 'to the penny', 'to the cent', 'to the cent', 'to the yen', 'to the smallest unit of the currency',
    ]);
  });
});
