import { describe, expect, it } from 'vitest';
import { createColumnProfiler, type SnapshotProfile } from '../core/profile/index.js';
import { renderProfile } from './profile-html.js';

function column(name: string, values: readonly (string | null)[]) {
  const p = createColumnProfiler(name);
  for (const v of values) p.add(v);
  return p.result();
}

const profile: SnapshotProfile = {
  snapshot: { id: 'abc123def456', hash: 'f'.repeat(64), collectedAt: '2026-01-05T09:00:00.000Z' },
  tables: [{
    name: 'people<1>.csv', source: 'export', rows: 4,
    columns: [
      column('Status', ['Let', 'Let', 'For Sale', null]),
      column('Label', ['<script>alert(1)</script>', '<script>alert(1)</script>', '', 'x'.repeat(300)]),
      column('Surname', ['Smith', 'Smith', 'Jones', 'Brown']),
      column('Fax', [null, null, null, '']),
    ],
  }],
};

describe('renderProfile', () => {
  const html = renderProfile(profile, 'Harbour & Hart');

  it('shows the key facts of every column', () => {
    const facts = [
      'Harbour &amp; Hart: what is in snapshot abc123def456', 'people&lt;1&gt;.csv', '4 rows', '1 empty',
      'title="Let"', '>2</span>', '75% filled · 25% null', 'Aaa', 'min (text)',
      'S****', 'J****', 'title="personal data: values are masked"', '<span class="tag empty">empty</span>',
    ];
    expect(facts.filter((f) => !html.includes(f))).toEqual([]);
  });

  it('escapes every value and never shows a personal one', () => {
    expect({
      script: html.includes('<script>'), escaped: html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), smith: html.includes('Smith'),
    }).toEqual({ script: false, escaped: true, smith: false });
  });

  it('cuts long values to one line with the whole value in the tooltip', () => {
    expect(html).toContain(`<span class="cut" title="${'x'.repeat(200)}…">`);
  });
});
