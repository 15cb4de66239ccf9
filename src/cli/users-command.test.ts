import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey } from '../pipeline/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { serveReviewApp } from '../web/index.js';
import { reviewAppWords } from './program.js';

const dir = tempDir('cutover-users-cli');
let demoOut = '';

beforeAll(async () => {
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  const demo = await cutover('demo', '--project', dir.path, '--rows', '300', '--seed', '3');
  expect(demo.code).toBe(0);
  demoOut = demo.stdout;
}, 180_000);
afterAll(() => dir.cleanup());

describe('cutover demo', () => {
  it('ends with the commands that show the review in a browser', () => {
    expect(demoOut.trimEnd().endsWith(reviewAppWords(dir.path))).toBe(true);
    expect(reviewAppWords('/tmp/demo')).toBe([
      'To review the test migration in a browser (the review app):',
      '  cutover users add demo@example.com --role approver --project "/tmp/demo"   # prints the password',
      '  cutover serve --project "/tmp/demo"                                        # then open http://127.0.0.1:8080',
    ].join('\n'));
  });
});

describe('cutover users', () => {
  it('adds a user with a one-time password, or one from the environment, lists and removes them', async () => {
    const added = await cutover('users', 'add', 'Demo@Example.com', '--role', 'approver', '--project', dir.path);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added demo@example\.com as approver\.\nTheir password \(shown this once; hand it over safely\): [\w-]{24}\n$/);
    process.env['WEB_TEST_PASSWORD'] = 'a password from a script';
    const scripted = await cutover('users', 'add', 'sam@migrations.example', '--role', 'team', '--password-env', 'WEB_TEST_PASSWORD', '--project', dir.path);
    expect(scripted.stdout).toBe('Added sam@migrations.example as team.\n');
    const listed = JSON.parse((await cutover('users', 'list', '--project', dir.path, '--json')).stdout) as { email: string; role: string }[];
    expect(listed.map((u) => [u.email, u.role])).toEqual([['demo@example.com', 'approver'], ['sam@migrations.example', 'team']]);
    expect((await cutover('users', 'remove', 'sam@migrations.example', '--project', dir.path)).stdout).toBe('Removed sam@migrations.example: they can no longer sign in.\n');
    expect((await cutover('users', '--project', dir.path)).stdout).toContain('demo@example.com');
  });

  it('refuses a second user of the same e-mail, an unknown role, a short or missing password, and an unknown user to remove', async () => {
    const twice = await cutover('users', 'add', 'demo@example.com', '--role', 'reviewer', '--project', dir.path);
    expect([twice.code, twice.stderr]).toEqual([1, 'error: There is a user demo@example.com already. To give them a new password or role, remove them first: "cutover users remove demo@example.com".\n']);
    const role = await cutover('users', 'add', 'x@example.com', '--role', 'admin', '--project', dir.path);
    expect(role.stderr).toBe('error: "admin" is not a role: give team, reviewer or approver.\n');
    process.env['WEB_TEST_SHORT'] = 'short';
    expect((await cutover('users', 'add', 'x@example.com', '--role', 'team', '--password-env', 'WEB_TEST_SHORT', '--project', dir.path)).stderr)
      .toBe('error: The password for x@example.com is 5 characters long: give one of at least 12.\n');
    expect((await cutover('users', 'add', 'x@example.com', '--role', 'team', '--password-env', 'WEB_TEST_UNSET', '--project', dir.path)).stderr)
      .toBe('error: The environment variable WEB_TEST_UNSET (--password-env) is not set: set it to the user\'s password, or leave --password-env out to have one made up.\n');
    expect((await cutover('users', 'add', 'not an address', '--role', 'team', '--project', dir.path)).stderr)
      .toBe('error: "not an address" is not an e-mail address: a user signs in with their e-mail, for example jo.bloggs@example.com.\n');
    expect((await cutover('users', 'remove', 'nobody@example.com', '--project', dir.path)).stderr).toBe('error: There is no user nobody@example.com. "cutover users list" shows the users there are.\n');
  });

  it('waits for a running review app: the project is in its hands until it stops', async () => {
    const app = await serveReviewApp({ project: dir.path, host: '127.0.0.1', port: 0, env: process.env, log: () => {} });
    try {
      const busy = await cutover('users', 'list', '--project', dir.path);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/^error: This project is in use by another cutover command \("cutover serve", process \d+, started /);
      expect((await fetch(`${app.url}/`, { redirect: 'manual' })).headers.get('location')).toBe('/login');
    } finally {
      await app.close();
    }
    expect((await cutover('users', 'list', '--project', dir.path)).code).toBe(0);
  });
});
