import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../core/canonical-json.js';
import { checkAuditChain, keyedHash, keyedMarker, type AuditEvent } from './audit-log.js';
import { SnapshotKey } from './sealed/index.js';

const key = new SnapshotKey(Buffer.alloc(32, 7), 'CUTOVER_SNAPSHOT_KEY');
const other = new SnapshotKey(Buffer.alloc(32, 8), 'CUTOVER_SNAPSHOT_KEY');

/** A log of `plain` events hashed as before the log was keyed, then `keyed` events under `under`. */
function log(plain: number, keyed: number, under = key): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= plain + keyed; seq++) {
    const body = { seq, at: `2026-11-2${seq % 10}T10:00:00.000Z`, actor: 'jo', action: 'run.started', subject: `run ${seq}`, details: { n: seq } };
    const hash = seq <= plain ? sha256Hex(prev + '\n' + canonicalJson([body.seq, body.at, body.actor, body.action, body.subject, body.details])) : keyedHash(under, prev, body);
    events.push({ ...body, hash });
    prev = hash;
  }
  return events;
}

describe('the audit chain, plain before the key and keyed after', () => {
  it('holds with plain events first and keyed ones after the marker', () => {
    const events = log(2, 3);
    expect(events.map((e) => e.hash.startsWith(keyedMarker))).toEqual([false, false, true, true, true]);
    expect(checkAuditChain(events, key)).toBeUndefined();
  });

  it('names an old, plain event that was edited', () => {
    const events = log(2, 3);
    events[1] = { ...events[1]!, actor: 'someone else' };
    expect(checkAuditChain(events, key)).toEqual({ seq: 2, problem: 'event 2 does not match its hash: it was edited' });
  });

  it('names a plain event after the keyed ones: written without the key', () => {
    const events = [...log(0, 2), ...log(3, 0).slice(2)];
    expect(checkAuditChain(events, key)?.problem).toBe('event 3 has a plain hash after keyed events: it was written or re-chained without the key');
  });

  it('does not hold under another key', () => {
    expect(checkAuditChain(log(1, 2, other), key)?.problem).toMatch(/^event 2 does not match its keyed hash: it was edited or re-chained, or the log is under another key than CUTOVER_SNAPSHOT_KEY$/);
  });

  it('names the first missing event', () => {
    const events = log(0, 4);
    expect(checkAuditChain([events[0]!, ...events.slice(2)], key)).toEqual({ seq: 2, problem: 'event 2 is missing (the next event there is 3)' });
  });
});
