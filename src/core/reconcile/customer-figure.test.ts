import { describe, expect, test } from 'vitest';
import { readFigure } from './customer-figure.js';

describe('readFigure', () => {
  test('reads counts and amounts as people type them', () => {
    expect(readFigure('2,500', 'count')).toEqual({ ok: true, value: '2500' });
    expect(readFigure(2500, 'count')).toEqual({ ok: true, value: '2500' });
    expect(readFigure(' £1,234.5 ', 'money')).toEqual({ ok: true, value: '1234.50' });
    expect(readFigure('-12.30', 'money')).toEqual({ ok: true, value: '-12.30' });
    expect(readFigure('', 'count')).toEqual({ ok: true, value: null });
    expect(readFigure(null, 'money')).toEqual({ ok: true, value: null });
  });

  test('says what is wrong with anything else', () => {
    expect(readFigure('about 2500', 'count')).toEqual({ ok: false, problem: '"about 2500" is not a number; write the figure in digits only, for example 2500' });
    expect(readFigure('2,50', 'count')).toEqual({ ok: false, problem: '"2,50" is not a number; write the figure in digits only, for example 2500' });
    expect(readFigure('2500.5', 'count')).toEqual({ ok: false, problem: '"2500.5" is not a count; write a whole number of records, for example 2500' });
    expect(readFigure('-3', 'count')).toEqual({ ok: false, problem: '"-3" is not a count; write a whole number of records, for example 2500' });
    expect(readFigure('1.234', 'money')).toEqual({ ok: false, problem: '"1.234" has more than two decimals; write the amount to the penny, for example 12345.67' });
  });
});
