import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { listTransforms, transformRegistry } from './transform-registry.js';

describe('transformRegistry', () => {
  test('lists the transforms in display order', () => {
    expect(listTransforms().map((transform) => transform.name)).toEqual([
      'trim',
      'upper',
      'lower',
      'title_case',
      'collapse_spaces',
      'replace',
      'pad',
      'truncate',
      'split_name',
      'address_line',
      'concat',
      'date',
      'time',
      'datetime',
      'money',
      'email',
      'uk_postcode',
      'uk_phone',
      'map',
      'lookup',
      'default',
      'constant',
    ]);
  });

  test('files each transform under its own name', () => {
    for (const [name, transform] of transformRegistry) expect(transform.name).toBe(name);
  });

  // the examples are what `cutover transforms` shows, so they must stay true
  test.each(listTransforms().flatMap((transform) => transform.examples.map((example) => [transform.name, example] as const)))(
    '%s example %j',
    (name, example) => {
      const transform = transformRegistry.get(name);
      if (transform === undefined) throw new Error(name);
      expect(applyTransform(transform, example.input, example.options, undefined, example.columns)).toEqual({ ok: true, value: example.output });
    },
  );

  test('shows how a rule reading its own columns gets its values', () => {
    for (const transform of listTransforms()) {
      for (const example of transform.examples) {
        if (example.columns === undefined) continue;
        expect(example.input).toBe(example.columns.map((value) => (value === null || value.trim() === '' ? '(blank)' : value.trim())).join(' | '));
      }
    }
  });

  // the protocol page words every rule through its transform: a new one brings its own words
  test('describes every rule in words, with the options of its first example', () => {
    const written: Readonly<Record<string, unknown>> = { lookup: 'property' };
    const words = listTransforms().map((transform) => {
      const options = transform.examples[0]?.options ?? written[transform.name];
      return [transform.name, transform.describe(transform.options?.parse(options))];
    });
    expect(Object.fromEntries(words)).toEqual({
      trim: 'remove surrounding spaces (nothing left: blank)',
      upper: 'write in capital letters',
      lower: 'write in small letters',
      title_case: "write each word with a capital first letter (o'BRIEN becomes O'Brien)",
      collapse_spaces: 'turn each run of spaces or line breaks into one space and remove surrounding spaces',
      replace: 'Replaces every match of a regular expression with the text given ($1 is the first group); an empty result is blank.',
      pad: 'Fills a shorter value up to the length given, on the left unless told otherwise; longer values stay as they are.',
      truncate: 'Cuts a value down to at most the number of characters given.',
      split_name: 'Takes the title, first, middle or last name out of a full name such as "Mr John A Smith" or "Smith, John".',
      address_line: 'Takes line 1, 2, 3 or 4 of an address written on several lines or with commas; line 4 also holds any lines after it.',
      concat: 'Joins several source columns into one value, trimming each and skipping blank ones.',
      date: 'read a date written as dd/MM/yyyy, write it as yyyy-MM-dd; any other value: reject the row',
      time: 'read a time of day written as HH:mm, write it as HH:mm:ss; any other value: reject the row',
      datetime:
        'read a date and time written as dd/MM/yyyy HH:mm from Visited as local time in Europe/London, write the moment in UTC as yyyy-MM-ddTHH:mm:ssZ; ' +
        'a time skipped when the clocks go forward: reject the row; a time repeated when they go back: reject the row; any other value: reject the row',
      money: 'read an amount of money (£, thousands separators, (12.00) as negative), exact to 2 decimal places; any other value: reject the row',
      email: 'Trims an email address, writes its domain in small letters and rejects text that is not an address.',
      uk_postcode: 'Checks a UK postcode and writes it in capitals with one space before the last three characters.',
      uk_phone: 'Checks a UK phone number and writes it as +441234567890, or as 01234 567890 with format: national.',
      map: 'translate values: APP → applicant, VEN → vendor; any other value: reject the row',
      lookup: 'find the new id of the property with this reference; none loaded: reject the row',
      default: 'when blank, write GB',
      constant: 'always write legacy-crm, whatever the source holds',
    });
  });

  test('gives every transform a one-sentence summary', () => {
    for (const transform of listTransforms()) expect(transform.summary).toMatch(/^[A-Z][^.]*(\.[^ .][^.]*)*\.$/);
  });
});
