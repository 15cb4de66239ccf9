import { describe, expect, it } from 'vitest';
import { renderDedupPage, type DedupPage } from './dedup-html.js';

const page: DedupPage = {
  entity: 'person',
  snapshot: 'abc123',
  mergeAt: 0.95,
  reviewAt: 0.7,
  rows: 1200,
  compared: 3456,
  comparisons: ['surname', 'email'],
  clusters: [{ id: 'D000000000001', members: ['P1', 'P3'], survivor: 'P1' }],
  pairs: [
    { a: 'P1', b: 'P3', score: 0.9991, decision: 'merge', fields: { surname: 'agree', email: 'agree' } },
    { a: 'P5', b: 'P6', score: 0.8123, decision: 'review', fields: { surname: 'close', email: 'differ' } },
  ],
  values: new Map([
    ['P1', { surname: "O'Brien", email: 'a@example.com' }],
    ['P3', { surname: "O'BRIEN", email: 'A@example.com' }],
    ['P5', { surname: 'Lee <script>', email: 'lee@example.com' }],
    ['P6', { surname: 'Leigh', email: 'ann@example.net' }],
  ]),
};

describe('renderDedupPage', () => {
  const html = renderDedupPage(page);

  it('says what was compared and what is proposed', () => {
    expect(html).toContain('<h1>Duplicate person rows in snapshot abc123</h1>');
    expect(html).toContain('1,200 rows, 3,456 pairs compared within their blocks.');
    expect(html).toContain('1 clusters to merge, 1 pairs to review.');
  });

  it('shows each cluster with its survivor, and each pair with both values and how they compared', () => {
    expect(html).toContain('<tr class="survivor"><td rowspan="2">D000000000001</td><td>P1 (keeps)</td><td>O&#39;Brien</td><td>a@example.com</td></tr>');
    expect(html).toContain('<tr><td>P5<br>P6</td><td>0.812</td><td>to review</td><td class="close">Lee &lt;script&gt;<br>Leigh<br><small>close</small></td><td class="differ">lee@example.com<br>ann@example.net<br><small>differ</small></td></tr>');
    expect(html).not.toContain('<script>');
  });
});
