import { existsSync } from 'node:fs';
import type { ProjectConfig } from '../core/project-config.js';
import { appendAudit, type AuditAction } from '../store/audit-log.js';
import { projectLayout, type ProjectLayout } from '../store/project-layout.js';
import { openProjectStore, type ProjectStore } from '../store/project-store.js';
import { snapshotKeyFrom, type SnapshotKey } from '../store/sealed/index.js';
import { storeCacheDir } from '../store/store-template.js';
import { readProjectConfig } from './project-files.js';

/** Who is working on which project, and with what: given once by a shell (the command line, the review app). */
export interface SessionOptions {
  /** the project folder */
  readonly project: string;
  /** what the session is for, written into the project lock: "cutover run --env test" */
  readonly command: string;
  /** where the snapshot key and database URLs are read from */
  readonly env: NodeJS.ProcessEnv;
  /** the person every state change is recorded against */
  readonly actor: string;
  readonly clock: () => Date;
  readonly signal?: AbortSignal;
  /** the project's configuration when the caller holds it already; read from `cutover.yaml` otherwise */
  readonly config?: ProjectConfig;
  /** `shown` when the person asked to see personal values unmasked (recorded in the audit log); masked by default */
  readonly personalData?: 'masked' | 'shown';
}

/**
 * One project opened for one piece of work: its layout, `cutover.yaml`, the snapshot
 * key, the store (locked), the actor, the clock and the audit log. Each is opened on
 * first use and once only, so a step that needs no store takes no lock. Every step of
 * the library takes a session; `close` lets go of what was opened.
 */
export interface ProjectSession {
  readonly layout: ProjectLayout;
  readonly actor: string;
  readonly clock: () => Date;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal | undefined;
  /** whether the team's outputs show personal values or mask them */
  readonly personalData: 'masked' | 'shown';
  /** `cutover.yaml`, read and validated on first use */
  config(): Promise<ProjectConfig>;
  /** `cutover.yaml` when the folder has one: steps that also work on loose files ask this */
  configIfAny(): Promise<ProjectConfig | undefined>;
  /** the snapshot key, from the variable `cutover.yaml` names */
  key(): Promise<SnapshotKey>;
  /** the store, opened and locked on first use, until `close` */
  store(): Promise<ProjectStore>;
  /** appends a state change to the project's audit log */
  audit(action: AuditAction, subject: string, details: Record<string, unknown>): Promise<void>;
  /** lends `env` a variable for the rest of the session (the demo's public key) */
  setEnv(name: string, value: string): void;
  close(): Promise<void>;
}

/** Opens a session on a project; nothing is read until a step asks for it. */
export function openProjectSession(o: SessionOptions): ProjectSession {
  const layout = projectLayout(o.project);
  const env = { ...o.env };
  let config: Promise<ProjectConfig> | undefined = o.config && Promise.resolve(o.config);
  let key: Promise<SnapshotKey> | undefined;
  let store: Promise<ProjectStore> | undefined;
  const session: ProjectSession = {
    layout,
    actor: o.actor,
    clock: o.clock,
    env,
    signal: o.signal,
    personalData: o.personalData ?? 'masked',
    config: () => (config ??= readProjectConfig(layout)),
    configIfAny: async () => (config !== undefined || existsSync(layout.config) ? session.config() : undefined),
    key: () => (key ??= session.config().then((c) => snapshotKeyFrom(env, c.snapshot_key_env))),
    store: () => (store ??= openProjectStore(layout, o.command, o.clock(), storeCacheDir(env))),
    async audit(action, subject, details) {
      await appendAudit((await session.store()).db, { at: o.clock(), actor: o.actor, action, subject, details }, await session.key());
    },
    setEnv(name, value) {
      env[name] = value;
      key = undefined;
    },
    async close() {
      const opened = store;
      store = undefined;
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
  return session;
}

/** Runs `work` in a session that is closed afterwards, whatever happens. */
export async function withProjectSession<T>(o: SessionOptions, work: (session: ProjectSession) => Promise<T>): Promise<T> {
  const session = openProjectSession(o);
  try {
    // recorded before the work, so values shown by a step that then fails are accounted for too
    if (session.personalData === 'shown' && existsSync(session.layout.config)) await session.audit('personal_data.shown', o.command, {});
    return await work(session);
  } finally {
    await session.close();
  }
}
