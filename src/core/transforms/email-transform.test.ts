import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { emailTransform } from './email-transform.js';

const run = (input: string | null) => applyTransform(emailTransform, input);

describe('email', () => {
  test.each([
    [' Jane.Doe@Example.COM ', 'Jane.Doe@example.com'],
    ['john@example.com', 'john@example.com'],
    ["o'brien+crm@mail.example.co.uk", "o'brien+crm@mail.example.co.uk"],
    ['a_b-c@my-domain.org', 'a_b-c@my-domain.org'],
    ['info@BÜCHER.de', 'info@bücher.de'],
    ['stanisław.wójcik@wp.pl', 'stanisław.wójcik@wp.pl'],
    ['zoë@example.com', 'zoë@example.com'],
    ['用户@例子.广告', '用户@例子.广告'],
    ['josé@xn--bcher-kva.de', 'josé@xn--bcher-kva.de'],
  ])('%s -> %s', (input, output) => {
    expect(run(input)).toEqual({ ok: true, value: output });
  });

  test.each([
    ['john@', 'nothing comes after the @'],
    ['@example.com', 'nothing comes before the @'],
    ['john', 'it has no @'],
    ['john@@example.com', 'it has more than one @'],
    ['a@b@example.com', 'it has more than one @'],
    ['john smith@example.com', 'it contains a space'],
    ['john@example', 'the part after the @ needs a dot, as in example.com'],
    ['john@example.', 'the part after the @ has an empty part between dots'],
    ['john@.example.com', 'the part after the @ has an empty part between dots'],
    ['john@exa_mple.com', '"exa_mple" is not a valid part of a domain name'],
    ['john@-example.com', '"-example" is not a valid part of a domain name'],
    ['john@10.0.0.1', 'the part after the @ ends in a number, not a domain such as .com or .uk'],
    ['john..smith@example.com', 'the part before the @ starts or ends with a dot, or has two dots in a row'],
    ['.john@example.com', 'the part before the @ starts or ends with a dot, or has two dots in a row'],
    ['john(work)@example.com', '"(" has no place before the @'],
    ['zoë\u200b@example.com', '"\u200b" has no place before the @'],
    ['jo@xn--zz.com', '"xn--zz" is not a valid part of a domain name'],
    [`${'a'.repeat(65)}@example.com`, 'the part before the @ is longer than 64 characters'],
  ])('%s is refused', (input, reason) => {
    expect(run(input)).toEqual({ ok: false, code: 'invalid_value', message: `"${input}" is not an email address: ${reason}` });
  });

  test('says in one sentence why an address is refused', () => {
    const out = run('jo(at)example.com');
    expect(out).toEqual({ ok: false, code: 'invalid_value', message: '"jo(at)example.com" is not an email address: it has no @' });
  });

  test('passes blank through', () => {
    expect([run(null), run('  ')]).toEqual([
      { ok: true, value: null },
      { ok: true, value: null },
    ]);
  });
});
