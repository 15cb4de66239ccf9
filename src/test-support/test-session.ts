import type { ProjectConfig } from '../core/project-config.js';
import { openProjectSession, type ProjectSession } from '../pipeline/project-session.js';

/** A session on a test project, as the tester, at a fixed time unless told otherwise. */
export function testSession(
  project: string,
  o: { env?: NodeJS.ProcessEnv; config?: ProjectConfig; clock?: () => Date; signal?: AbortSignal } = {},
): ProjectSession {
  return openProjectSession({
    project,
    command: 'test',
    env: o.env ?? {},
    actor: 'tester',
    clock: o.clock ?? (() => new Date('2026-11-23T10:00:00Z')),
    ...(o.config ? { config: o.config } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}

/** Runs `work` in a test session on `project`, closed afterwards, as one command does. */
export async function inSession<T>(project: string, work: (session: ProjectSession) => Promise<T>, o: Parameters<typeof testSession>[1] = {}): Promise<T> {
  const session = testSession(project, o);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
