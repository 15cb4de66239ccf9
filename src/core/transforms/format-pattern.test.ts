import { describe, expect, test } from 'vitest';
import { compileFormat } from './format-pattern.js';

const tokens = { dd: { pattern: '\\d{2}', part: 'day' }, MM: { pattern: '\\d{2}', part: 'month' } };

describe('compileFormat', () => {
  test('turns tokens into groups and escapes the separators', () => {
    expect(compileFormat('dd.MM', tokens, ['day', 'month'])).toEqual({
      ok: true,
      pattern: { format: 'dd.MM', regex: /^(\d{2})\.(\d{2})$/, parts: ['day', 'month'] },
    });
  });
  test('matches a letter without a part as itself', () => {
    expect(compileFormat('ddTMM', { ...tokens, T: { pattern: 'T' } }, ['day', 'month'])).toEqual({
      ok: true,
      pattern: { format: 'ddTMM', regex: /^(\d{2})T(\d{2})$/, parts: ['day', 'month'] },
    });
  });
  test('names an unknown token', () => {
    expect(compileFormat('dd/mm', tokens, ['day'])).toEqual({ ok: false, reason: '"mm" is not one of dd, MM' });
  });
  test('names the missing parts', () => {
    expect(compileFormat('-', tokens, ['day', 'month'])).toEqual({ ok: false, reason: 'it has no day or month' });
  });
});
