import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Database } from '../connectors/database.js';
import type { ProjectConfig } from '../core/project-config.js';
import type { SnapshotProfile } from '../core/profile/index.js';
import { renderDraftSpec, suggestMapping, type MappingSuggestion } from '../core/suggest/index.js';
import type { ProjectLayout } from '../store/project-layout.js';
import { profileSnapshot } from './profile.js';
import type { ProjectSession } from './project-session.js';
import { readTargetTables } from './suggest-target.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';
import { projectFilePath } from './project-file-path.js';

/** A draft spec written from a snapshot's profile. */
export interface DraftSpec {
  /** the file written, relative to the project */
  readonly file: string;
  readonly text: string;
  readonly suggestion: MappingSuggestion;
}

/** Writes `text` to the first free name of `draft-from-snapshot-<id>[-n].yaml`: an existing file, edited or not, is never overwritten. */
async function writeNewFile(dir: string, base: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`);
    try {
      await writeFile(path, text, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Suggests a mapping of a profiled snapshot onto the target's tables (read from the
 * project's schema script, run and rolled back in `db`) and writes it as a draft spec beside the project's spec.
 */
export async function writeDraftSpec(layout: ProjectLayout, config: ProjectConfig, profile: SnapshotProfile, db: Database): Promise<DraftSpec> {
  const schemaFile = config.target.schema;
  const targets = await readTargetTables(db, await projectFilePath(layout.root, schemaFile, 'target.schema'), schemaFile);
  const suggestion = suggestMapping(profile.tables, targets);
  const text = renderDraftSpec(suggestion, { snapshot: profile.snapshot.id, collectedAt: profile.snapshot.collectedAt, schemaFile });
  const spec = typeof config.spec === 'string' ? config.spec : config.spec[0]!;
  const path = await writeNewFile(dirname(await projectFilePath(layout.root, spec, 'spec')), `draft-from-snapshot-${profile.snapshot.id}`, text);
  return { file: relative(layout.root, path), text, suggestion };
}

/** Profiles a snapshot (the latest by default), suggests a mapping of it onto the target, and writes the draft spec. */
export async function suggest(session: ProjectSession, snapshot?: string): Promise<{ snapshot: string; draft: DraftSpec }> {
  const manifest = await readVerifiedSnapshot(session, snapshot ?? 'latest');
  const profile = await profileSnapshot(session.layout, manifest, await session.key(), session.signal);
  const draft = await writeDraftSpec(session.layout, await session.config(), profile, (await session.store()).db);
  await session.audit('mapping.suggested', manifest.id, { draft: draft.file });
  return { snapshot: manifest.id, draft };
}
