import { CutoverError } from '../core/cutover-error.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** `cutover users add EMAIL --role ROLE`, `cutover users list`, `cutover users remove EMAIL`: who may sign in to the review app. */
export function registerUsersCommand(command: CommandMaker, print: (text: string) => void): void {
  const show = async (o: { project: string; json?: boolean }) => {
    const { listUsers } = await import('../pipeline/users.js');
    const all = await withSession(o.project, 'cutover users', listUsers);
    if (o.json) print(JSON.stringify(all, null, 2));
    else print(all.length === 0 ? 'The review app has no users yet: "cutover users add EMAIL --role team|reviewer|approver" adds one.' : textTable(['e-mail', 'role', 'added', 'by'], all.map((u) => [u.email, u.role, u.addedAt, u.addedBy]), new Set()));
  };
  const users = command('users')
    .description('List the users of the review app (cutover serve); `users add` and `users remove` change them')
    .enablePositionalOptions()
    .action(show);

  withCommonOptions(users.command('list'))
    .description('List the users of the review app and their roles')
    .action(show);

  withCommonOptions(users.command('add'))
    .description('Add a user of the review app: the team, a reviewer or an approver (who signs off); prints a one-time password')
    .argument('<email>', 'the e-mail they sign in with')
    .requiredOption('--role <role>', 'team, reviewer or approver')
    .option('--password-env <var>', 'take the password from this environment variable instead of making one up (for scripts)')
    .action(async (email: string, o: { project: string; json?: boolean; role: string; passwordEnv?: string }) => {
      const { addUser } = await import('../pipeline/users.js');
      let password: string | undefined;
      if (o.passwordEnv !== undefined) {
        password = process.env[o.passwordEnv];
        if (password === undefined || password === '') throw new CutoverError('env_unset', `The environment variable ${o.passwordEnv} (--password-env) is not set: set it to the user's password, or leave --password-env out to have one made up.`);
      }
      const added = await withSession(o.project, 'cutover users add', (session) => addUser(session, { email, role: o.role, ...(password === undefined ? {} : { password }) }));
      if (o.json) {
        print(JSON.stringify({ ...added.user, ...(added.generated ? { password: added.password } : {}) }, null, 2));
        return;
      }
      print(`Added ${added.user.email} as ${added.user.role}.`);
      if (added.generated) print(`Their password (shown this once; hand it over safely): ${added.password}`);
    });

  withCommonOptions(users.command('remove'))
    .description('Remove a user of the review app; their browsers are signed out')
    .argument('<email>', 'the user\'s e-mail')
    .action(async (email: string, o: { project: string; json?: boolean }) => {
      const { removeUser } = await import('../pipeline/users.js');
      await withSession(o.project, 'cutover users remove', (session) => removeUser(session, email));
      print(o.json ? JSON.stringify({ removed: email }) : `Removed ${email}: they can no longer sign in.`);
    });
}
