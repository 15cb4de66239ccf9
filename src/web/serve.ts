import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openProjectSession } from '../pipeline/index.js';
import { createReviewApp } from './app.js';

/** A review app listening on a port. */
export interface RunningApp {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Opens the project once for the server's life (its store is locked meanwhile, so other
 * commands on the project wait until the server stops) and serves the review app.
 */
export async function serveReviewApp(o: {
  readonly project: string; readonly host: string; readonly port: number; readonly env: NodeJS.ProcessEnv; readonly log: (line: string) => void;
}): Promise<RunningApp> {
  const session = openProjectSession({ project: o.project, command: 'cutover serve', env: o.env, actor: 'review app', clock: () => new Date() });
  try {
    // the store and cutover.yaml at once: a busy or missing project fails before the port opens
    await session.config();
    await session.store();
    const app = createReviewApp({ session, log: o.log });
    const server = serve({ fetch: app.fetch, hostname: o.host, port: o.port });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
    return {
      url: `http://${shownHost}:${port}`,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await session.close();
      },
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}
