import { countWords } from '../core/count-words.js';
import { existsSync } from 'node:fs';
import { cp, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDatabaseAddress } from '../connectors/open-database.js';
import { writeSampleExport } from '../sample/index.js';
import type { RunProgress } from '../core/run-result.js';
import type { ProjectLayout } from '../store/project-layout.js';
import { collect } from './collect.js';
import { migrate, type Migration } from './migrate.js';
import type { ProjectSession } from './project-session.js';

/** The sample project's files (config, spec, target schema) shipped with Cutover. */
export const sampleProjectTemplate = fileURLToPath(new URL('../../sample-project/', import.meta.url));

/** The key the demo seals its synthetic sample with when none is set: never for real data. */
export const demoSnapshotKey = 'c0ffee00'.repeat(8);

/** How to run the demo. */
export interface DemoOptions {
  readonly rows: number;
  readonly seed: number;
  /** set when the user chose rows or seed, so a reused project can say it kept its own */
  readonly sampleChosen: boolean;
  readonly targetUrl?: string;
  readonly onStep?: (message: string) => void;
  readonly onTable?: (table: string, rows: number) => void;
  readonly onProgress?: (event: RunProgress) => void;
}

/** What the demo did, step by step. */
export interface DemoResult extends Migration {
  readonly project: string;
  readonly created: boolean;
  readonly sample: { readonly rows: number; readonly seed: number };
  readonly snapshotReused: boolean;
  readonly notes: readonly string[];
}

/**
 * The whole happy path on the sample project: makes the project when the folder has
 * none (sample export, spec, target, cutover.yaml), collects a snapshot, runs a test
 * migration into the `test` environment, and writes the summary page.
 */
export async function runDemo(session: ProjectSession, o: DemoOptions): Promise<DemoResult> {
  if (o.targetUrl) checkDatabaseAddress(o.targetUrl);
  const { layout } = session;
  await mkdir(layout.root, { recursive: true });
  // the project is locked before it is made, so no other command sees it half-made
  await session.store();
  const notes: string[] = [];
  const created = !existsSync(layout.config);
  let sample = { rows: o.rows, seed: o.seed };
  if (created) {
    o.onStep?.(`Making the sample project in ${layout.root} (${o.rows.toLocaleString('en-GB')} rows, seed ${o.seed})`);
    await createSampleProject(layout, sample, session.signal);
  } else {
    sample = await existingSample(layout) ?? sample;
    if (o.sampleChosen && (sample.rows !== o.rows || sample.seed !== o.seed)) {
      notes.push(`This project already holds a sample of ${countWords(sample.rows, 'row')} (seed ${sample.seed}); it was kept. Use a new --project folder for another size.`);
    }
  }
  const config = await session.config();
  if (!session.env[config.snapshot_key_env]) {
    // synthetic sample data only: a known key, so the demo runs with nothing to set up
    session.setEnv(config.snapshot_key_env, demoSnapshotKey);
    notes.push(
      `${config.snapshot_key_env} is not set, so the sample's snapshots are sealed with the public demo key. ` +
        `For other commands on this project: export ${config.snapshot_key_env}=${demoSnapshotKey}. Real data needs a key of its own.`,
    );
  }
  // recorded once the key is known: the audit chain's key derives from it
  if (created) await session.audit('project.created', layout.root, { sample });
  o.onStep?.('Collecting the delivered files into an encrypted snapshot');
  const collected = await collect(session, o.onTable ? { onTable: o.onTable } : {});
  o.onStep?.(`Running a test migration of snapshot ${collected.snapshot.id} into environment test`);
  const migration = await migrate(session, {
    environment: 'test', fresh: true, resume: true, snapshotId: collected.snapshot.id,
    ...(o.targetUrl ? { targetUrl: o.targetUrl } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return { ...migration, project: layout.root, created, sample, snapshotReused: collected.reused, notes };
}

/** Copies the template and writes the sample export; cutover.yaml comes last, so its presence means complete. */
async function createSampleProject(layout: ProjectLayout, sample: { rows: number; seed: number }, signal?: AbortSignal): Promise<void> {
  for (const part of ['specs', 'target', 'contract.yaml']) {
    await cp(join(sampleProjectTemplate, part), join(layout.root, part), { recursive: true, force: true });
  }
  await writeSampleExport({ outDir: join(layout.root, 'export'), rows: sample.rows, seed: sample.seed, ...(signal ? { signal } : {}) });
  const partial = `${layout.config}.partial`;
  await writeFile(partial, await readFile(join(sampleProjectTemplate, 'cutover.yaml')));
  await rename(partial, layout.config);
}

/** The size and seed of the sample a project holds, read off its defects.json; undefined for a project of real data. */
export async function existingSample(layout: ProjectLayout): Promise<{ rows: number; seed: number } | undefined> {
  try {
    // the manifest starts with its seed and size; it can be large, so read only its head
    const handle = await open(join(layout.root, 'export', 'defects.json'));
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0).finally(() => handle.close());
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const rows = /"rows"\s*:\s*(\d+)/.exec(head)?.[1];
    const seed = /"seed"\s*:\s*(\d+)/.exec(head)?.[1];
    return rows && seed ? { rows: Number(rows), seed: Number(seed) } : undefined;
  } catch {
    return undefined;
  }
}
