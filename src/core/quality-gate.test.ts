import { describe, expect, it } from 'vitest';
import { gateProblems, type GateFacts } from './quality-gate.js';

const snapshot = { id: 'aaa111', collectedAt: '2027-03-20T09:00:00.000Z', sources: [{ name: 'export', kind: 'files' }] };
const open: GateFacts = {
  signOff: { runId: 3, env: 'test', specHash: 'spec-1', signedBy: 'Jo Bloggs', signedAt: '2027-03-22T10:00:00.000Z' },
  specHash: 'spec-1',
  snapshot: { ...snapshot, id: 'bbb222', collectedAt: '2027-03-28T18:00:00.000Z' },
  signedSnapshot: snapshot,
  checkErrors: [{ file: 'people.csv', code: 'key_duplicate' }],
  signedCheckErrors: [{ file: 'people.csv', code: 'key_duplicate' }, { file: 'diary.csv', code: 'date_impossible' }],
  protocolWritten: true,
};
const codes = (f: GateFacts) => gateProblems(f).map((p) => p.code);

describe('the quality gate', () => {
  it('opens for a newer extract of the same sources, the signed spec, no new problems and the protocol written', () => {
    expect(gateProblems(open)).toEqual([]);
    expect(gateProblems({ ...open, snapshot: snapshot, checkErrors: open.signedCheckErrors })).toEqual([]);
  });

  it('stays shut without a sign-off, saying what to do', () => {
    expect(gateProblems({ ...open, signOff: undefined })).toEqual([{
      code: 'no_signoff',
      message: 'No test run is signed off: the customer has not signed off a rehearsal of this migration (or the sign-off was revoked).',
      command: 'cutover signoff RUN --by NAME',
    }]);
  });

  it('names a spec changed since the sign-off', () => {
    expect(gateProblems({ ...open, specHash: 'spec-2' })).toEqual([{
      code: 'spec_changed',
      message: 'The spec changed after run 3 (signed off by Jo Bloggs) was signed off: the final run would apply rules the customer has not reviewed.',
      command: 'cutover run --env test --fresh, then a new review and sign-off (or undo the change to the spec)',
    }]);
  });

  it('names a snapshot older than the signed one, or of other sources', () => {
    expect(codes({ ...open, snapshot: { ...open.snapshot, collectedAt: '2027-03-01T00:00:00.000Z' } })).toEqual(['older_snapshot']);
    expect(codes({ ...open, snapshot: { ...open.snapshot, sources: [{ name: 'crm', kind: 'database' }] } })).toEqual(['other_sources']);
  });

  it('names an unchecked snapshot, and problems the signed delivery did not have', () => {
    expect(codes({ ...open, checkErrors: undefined })).toEqual(['not_checked']);
    const fresh = gateProblems({ ...open, checkErrors: [{ file: 'tenancies.csv', code: 'reference_missing' }] });
    expect(fresh.map((p) => p.message)).toEqual(['The intake check of snapshot bbb222 found problems the signed delivery did not have: reference_missing in tenancies.csv.']);
  });

  it('names a protocol never written, and lists every unmet condition at once', () => {
    expect(codes({ ...open, protocolWritten: false, specHash: 'x', checkErrors: undefined })).toEqual(['spec_changed', 'not_checked', 'no_protocol']);
    expect(gateProblems({ ...open, protocolWritten: false })[0]!.command).toBe('cutover protocol 3');
  });

  it('names a query on the signed run raised or reopened after the sign-off and not resolved', () => {
    expect(gateProblems({ ...open, openQueries: [{ id: 7, words: 'Her deposit is missing' }] })).toEqual([{
      code: 'open_query',
      message: 'Query 7 on the signed run 3 (signed off by Jo Bloggs) is not resolved ("Her deposit is missing").',
      command: 'cutover queries answer 7 --text WORDS, then the reviewer resolves it in the review app',
    }]);
    expect(gateProblems({ ...open, openQueries: [] })).toEqual([]);
  });
});
