import { describe, expect, test } from 'vitest';
import type { Protocol, ProtocolEntity } from '../core/protocol-model.js';
import { renderProtocol } from './protocol-html.js';

const LONG = 'x'.repeat(400);

const person: ProtocolEntity = {
  name: 'person',
  position: 1,
  source: { file: 'people <2024>.csv', rows: 12345, sha256: 'a'.repeat(64) },
  key: ['PersonID'],
  table: 'person',
  generateId: true,
  loadsAfter: [],
  exclusions: [{ rule: 'test-records', when: 'Surname is one of TEST, Test', reason: 'staff "training" & demos', specLine: 11 }],
  merge: { on: ['email'], reason: 'typed in twice' },
  fields: [
    {
      name: 'last_name',
      origin: { kind: 'column', column: 'Surname' },
      when: null,
      required: true,
      rules: [
        { name: 'trim', words: 'remove surrounding spaces', specLine: 26 },
        { name: 'title_case', words: "write each word with a capital first letter (o'BRIEN becomes O'Brien)", specLine: 26 },
      ],
      specLine: 26,
    },
    { name: 'origin', origin: { kind: 'constant', value: 'legacy <crm>' }, when: null, required: false, rules: [], specLine: 30 },
    {
      name: 'landlord_id',
      origin: { kind: 'column', column: 'HolderID' },
      when: 'HolderType is Landlord',
      required: false,
      rules: [{ name: 'lookup', words: 'find the new id of the person with this reference', specLine: 31 }],
      specLine: 31,
    },
    { name: 'notes', origin: { kind: 'column', column: 'Notes' }, when: null, required: false, rules: [], specLine: 32 },
  ],
  examples: [
    {
      line: 2,
      key: 'P0001',
      fields: [
        {
          field: 'last_name',
          column: 'Surname',
          source: " o'BRIEN ",
          used: true,
          steps: [
            { rule: 'trim', value: "o'BRIEN" },
            { rule: 'title_case', value: "O'Brien" },
          ],
          changed: true,
        },
        { field: 'origin', column: null, source: null, used: true, steps: [{ rule: 'constant', value: 'legacy <crm>' }], changed: true },
        { field: 'landlord_id', column: 'HolderID', source: 'P9', used: false, steps: [], changed: false },
        { field: 'notes', column: 'Notes', source: `<script>alert(1)</script>${LONG}`, used: true, steps: [], changed: false },
      ],
    },
  ],
  specLine: 6,
};

const protocol: Protocol = {
  customer: 'Acme <Lettings> & Sons',
  runId: 7,
  snapshot: { id: 'snap-1', hash: 'b'.repeat(64), collectedAt: '2024-05-01T09:00:00.000Z' },
  spec: { file: 'specs/estate-agency.yaml', hash: 'c'.repeat(64) },
  entities: [person, { ...person, name: 'tenancy', position: 2, table: 'tenancy', loadsAfter: ['person'], exclusions: [], merge: null, examples: [] }],
};

/** The page's text as a reader sees it, with spaces collapsed. */
function textOf(html: string): string {
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, ' ');
}

describe('renderProtocol', () => {
  const html = renderProtocol(protocol);
  const text = textOf(html);

  test('is one standalone page', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link|<script|<img|src=|url\(|https?:/);
  });

  test('heads the page with the customer, run, snapshot and spec', () => {
    expect(html).toContain('<title>Migration protocol, run 7: Acme &lt;Lettings&gt; &amp; Sons</title>');
    expect(text).toContain(`run 7 snapshot snap-1 , collected 2024-05-01T09:00:00.000Z, content hash ${'b'.repeat(64)}`);
    expect(text).toContain(`spec specs/estate-agency.yaml , hash ${'c'.repeat(64)}`);
  });

  test('lists the entities in load order, each linked to its section', () => {
    expect(html).toContain('<li><a href="#entity-1">person</a>: <code>people &lt;2024&gt;.csv</code> → <code>person</code></li>');
    expect(html).toContain('<li><a href="#entity-2">tenancy</a>');
    expect(html).toContain('<section class="entity" id="entity-2">');
  });

  test('shows the facts, exclusions and merge rule of an entity', () => {
    expect(text).toContain(`source file people <2024>.csv , 12,345 rows, SHA-256 ${'a'.repeat(64)}`);
    expect(text).toContain('test-records : a row is left behind when Surname is one of TEST, Test. Reason given to the customer: “staff "training" & demos”.');
    expect(text).toContain('Rows with the same email after the rules');
    expect(text).toContain('None: no row is left behind by a rule.');
    expect(text).toContain('None: every loaded row is its own record.');
    expect(text).toContain('loads after person');
  });

  test('shows each field with its origin, rules in order, condition and whether it is required', () => {
    expect(text).toContain(
      "last_name line 26 column Surname trim : remove surrounding spaces title_case : write each word with a capital first letter (o'BRIEN becomes O'Brien) every row yes : blank rejects the row",
    );
    expect(text).toContain('origin line 30 always "legacy <crm>" none: the value is copied as delivered every row no');
    expect(text).toContain('only when HolderType is Landlord');
  });

  test('shows examples as chains from the delivered value through each rule', () => {
    expect(text).toContain(`people <2024>.csv line 2, key P0001`);
    expect(text).toContain(`last_name " o'BRIEN " → trim → "o'BRIEN" → title_case → "O'Brien"`);
    expect(text).toContain('origin no source column → constant → "legacy <crm>"');
    expect(text).toContain('landlord_id "P9" → not used for this row');
    expect(text).toContain('No row of the snapshot could be shown');
  });

  test('escapes every value and lets long values wrap', () => {
    expect(html).toContain(`<span class="v">"&lt;script&gt;alert(1)&lt;/script&gt;${LONG}"</span>`);
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/\.v\{[^}]*white-space:pre-wrap;overflow-wrap:anywhere/);
    expect(html).toMatch(/table\{[^}]*table-layout:fixed/);
  });

  test('prints each entity on a new page', () => {
    expect(html).toMatch(/@media print\{[\s\S]*section\.entity\{break-before:page;page-break-before:always\}/);
  });
});
