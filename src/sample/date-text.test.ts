import { describe, expect, test } from 'vitest';
import { applyTransform } from '../core/transforms/apply-transform.js';
import { dateTransform } from '../core/transforms/date-transform.js';
import { civilFromDays, dateText, daysFromCivil, impossibleDateText } from './date-text.js';
import { Random } from './random.js';

// the spec's own rule, so the sample and the mapping agree on every date
const specDate = (text: string) => applyTransform(dateTransform, text, { formats: ['dd/MM/yyyy', 'yyyy-MM-dd', 'd MMM yyyy'] });

describe('date text', () => {
  test('counts days like the calendar does', () => {
    for (const day of [-1, 0, 59, 10_956, 11_016, 19_782, 20_088]) {
      const js = new Date(day * 86_400_000);
      expect(civilFromDays(day)).toEqual({ year: js.getUTCFullYear(), month: js.getUTCMonth() + 1, day: js.getUTCDate() });
      expect(daysFromCivil(js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate())).toBe(day);
    }
  });

  test('writes one day in the three formats', () => {
    const day = daysFromCivil(2019, 2, 3);
    expect([dateText(day, 'dd/MM/yyyy'), dateText(day, 'yyyy-MM-dd'), dateText(day, 'd MMM yyyy')]).toEqual([
      { text: '03/02/2019', iso: '2019-02-03', format: 'dd/MM/yyyy' },
      { text: '2019-02-03', iso: '2019-02-03', format: 'yyyy-MM-dd' },
      { text: '3 Feb 2019', iso: '2019-02-03', format: 'd MMM yyyy' },
    ]);
  });

  test('writes dates the spec reads back to the same day', () => {
    for (let day = daysFromCivil(2003, 1, 1); day <= daysFromCivil(2025, 12, 31); day += 37) {
      for (const format of ['dd/MM/yyyy', 'yyyy-MM-dd', 'd MMM yyyy'] as const) {
        const written = dateText(day, format);
        expect(specDate(written.text)).toEqual({ ok: true, value: written.iso });
      }
    }
  });

  test('writes impossible dates the spec rejects as not real', () => {
    const r = new Random(5);
    for (let i = 0; i < 500; i += 1) {
      const text = impossibleDateText(r, 2003, 2024);
      expect(specDate(text)).toEqual({ ok: false, code: 'invalid_value', message: `"${text}" is not a real date` });
    }
  });
});
