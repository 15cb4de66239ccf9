import type { Context, Hono } from 'hono';
import { isCutoverError } from '../core/cutover-error.js';
import { addUser, listUsers, migrate, projectStatus, removeUser, runProgress } from '../pipeline/index.js';
import { LivePage } from './pages/live-page.js';
import { UsersPage } from './pages/users-page.js';
import { everyone, field, only, page } from './route-kit.js';
import type { WebEnv } from './web-env.js';

/** The live run (a test migration the team starts from it) and the users (the team's). */
export function registerTeamRoutes(app: Hono<WebEnv>, o: { readonly log: (line: string) => void }): void {
  // a test migration the team starts from here runs in the server's own process: the server holds the project
  let running: { env: string } | undefined;
  const livePage = async (c: Context<WebEnv>, extra: { problem?: string } = {}, status: 200 | 409 = 200) => {
    const envs = (await projectStatus(c.get('project'))).environments.filter((e) => e.stage !== 'production' && e.live === undefined).map((e) => e.env);
    const canStart = c.get('user').role === 'team' ? envs : [];
    return page(c, 'Live run', '/live', <LivePage progress={await runProgress(c.get('project'))} environments={canStart} running={running?.env} csrf={c.get('csrf')} {...extra} />, status);
  };
  app.get('/live', only(...everyone), (c) => livePage(c));
  app.post('/live/run', only('team'), async (c) => {
    const body = await c.req.parseBody();
    const env = field(body, 'env');
    const allowed = (await projectStatus(c.get('project'))).environments.find((e) => e.env === env && e.stage !== 'production' && e.live === undefined);
    if (!allowed) return livePage(c, { problem: `The app runs test migrations only: "${env}" is not a test or pre-production environment of this project. Run the final migration with "cutover run".` }, 409);
    if (running) return livePage(c, { problem: `A migration into ${running.env} is running already: wait for it to finish.` }, 409);
    running = { env };
    const as = c.get('project');
    void migrate(as, { environment: env, fresh: true, resume: false })
      .catch((error: unknown) => o.log(`the test migration started from the app stopped (${isCutoverError(error) ? error.code : (error as Error).name})`))
      .finally(() => { running = undefined; });
    return c.redirect('/live', 303);
  });
  app.get('/live/progress', only(...everyone), async (c) => c.json(await runProgress(c.get('project'))));

  app.get('/users', only('team'), async (c) => page(c, 'Users', '/users', <UsersPage users={await listUsers(c.get('project'))} csrf={c.get('csrf')} self={c.get('user').email} />));
  app.post('/users', only('team'), async (c) => {
    const body = await c.req.parseBody();
    const as = c.get('project');
    try {
      const added = await addUser(as, { email: field(body, 'email'), role: field(body, 'role') });
      return page(c, 'Users', '/users', <UsersPage users={await listUsers(as)} csrf={c.get('csrf')} self={c.get('user').email} added={added} />);
    } catch (e) {
      if (isCutoverError(e, 'user_invalid') || isCutoverError(e, 'user_exists')) return page(c, 'Users', '/users', <UsersPage users={await listUsers(as)} csrf={c.get('csrf')} self={c.get('user').email} problem={e.message} />, 400);
      throw e;
    }
  });
  app.post('/users/remove', only('team'), async (c) => {
    const body = await c.req.parseBody();
    await removeUser(c.get('project'), field(body, 'email'));
    return c.redirect('/users', 303);
  });

}
