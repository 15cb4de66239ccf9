import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey, raiseQuery, runDemo } from '../pipeline/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';

// The team lists and answers the review's queries from the terminal; review-queries.test.ts
// checks the library's threads whole.
const dir = tempDir('cutover-queries-cli');
const project = ['--project', dir.path];
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };

beforeAll(async () => {
  // the command line reads the key from its environment: answering a query writes the keyed audit log
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  await inSession(dir.path, (s) => runDemo(s, { rows: 300, seed: 4, sampleChosen: true }), { env });
});
afterAll(() => dir.cleanup());

describe('cutover queries', () => {
  it('says when there are none, lists each thread, and answers one', async () => {
    expect(await cutover('queries', ...project)).toEqual({ code: 0, stdout: 'No queries have been raised.\n', stderr: '' });
    await inSession(dir.path, (s) => raiseQuery(s, { on: { kind: 'checklist', ref: 'C3' }, text: 'We have 41 for sale, not 40', who: 'jo@example.com' }), { env });

    const listed = await cutover('queries', ...project);
    expect(listed).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'query  run  on            raised by       state',
        '    1    1  checklist C3  jo@example.com  waits for the team',
        '',
        'Query 1 on checklist C3 (run 1):',
        '  2026-11-23 10:00 jo@example.com asked: We have 41 for sale, not 40',
        '',
        '1 query waits for the team: "cutover queries answer ID --text WORDS".',
        '',
      ].join('\n'),
    });

    const answered = await cutover('queries', 'answer', '1', '--text', 'One was withdrawn on the day of the extract', '--by', 'sam@example.com', ...project);
    expect(answered).toEqual({ code: 0, stdout: 'Answered query 1 on checklist C3; it waits for the reviewer to resolve or reopen it.\n', stderr: '' });
    const json = await cutover('queries', '--json', '--state', 'answered', ...project);
    expect(JSON.parse(json.stdout)).toMatchObject([{ id: 1, state: 'answered', messages: [{ kind: 'raised' }, { kind: 'answer', who: 'sam@example.com', text: 'One was withdrawn on the day of the extract' }] }]);
  });

  it('refuses a state or a query number that is not one', async () => {
    expect(await cutover('queries', '--state', 'closed', ...project)).toEqual({ code: 1, stdout: '', stderr: 'error: --state must be open, answered or resolved, not "closed".\n' });
    expect(await cutover('queries', 'answer', 'one', '--text', 'x', ...project)).toEqual({
      code: 1, stdout: '', stderr: 'error: The query\'s number must be a whole number, such as 3, not "one": "cutover queries" lists them.\n',
    });
    expect(await cutover('queries', 'answer', '7', '--text', 'x', ...project)).toEqual({
      code: 1, stdout: '', stderr: 'error: There is no query 7 in this project. Run "cutover queries" to list them.\n',
    });
  });
});
