import type { ProjectSession } from '../pipeline/index.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';

/** The person a state change is recorded against: CUTOVER_USER, else the login name. */
export function actor(): string {
  return process.env['CUTOVER_USER'] ?? userInfo().username;
}

/** The wall clock; the core never reads it, the shells pass it in. */
export const clock = (): Date => new Date();

// whether the command line asked for --show-personal-data, for every session one command opens
const personalData = new AsyncLocalStorage<'masked' | 'shown'>();

/** Runs one command line with personal values masked or shown in every session it opens. */
export function withPersonalData<T>(choice: 'masked' | 'shown', work: () => T): T {
  return personalData.run(choice, work);
}

/** Runs one command's work in a session on its project, for the person at the terminal; closed afterwards. */
export async function withSession<T>(project: string, command: string, work: (session: ProjectSession) => Promise<T>): Promise<T> {
  // the session alone, not the whole library: each command loads only the steps it runs
  const { withProjectSession } = await import('../pipeline/project-session.js');
  return withProjectSession({ project, command, env: process.env, actor: actor(), clock, personalData: personalData.getStore() ?? 'masked' }, work);
}
