import { readdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { openCsvSource } from '../connectors/csv/index.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectConfig } from '../core/project-config.js';
import { appendAudit } from '../store/audit-log.js';
import type { ProjectStore } from '../store/project-store.js';
import { copyHashing, publishSnapshot, startSnapshot, type SnapshotFile, type SnapshotManifest } from '../store/snapshot-store.js';

/** What a collect did: the snapshot, and whether the same content was already collected. */
export interface CollectResult {
  readonly snapshot: SnapshotManifest;
  readonly reused: boolean;
}

/** `*.csv` -> a RegExp matching whole file names. */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * Collects the delivered files into an immutable snapshot: each file is copied and
 * hashed, then read once to record its encoding, delimiter and columns. The snapshot
 * appears only when complete; on any failure nothing is left behind.
 */
export async function collectFiles(store: ProjectStore, config: ProjectConfig, actor: string, now: () => Date): Promise<CollectResult> {
  const { layout } = store;
  const folder = join(layout.root, config.source.files);
  const shown = relative(layout.root, folder) || '.';
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (cause) {
    throw new CutoverError('source_missing', `The delivery folder ${shown} could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). Check "source.files" in cutover.yaml.`, { cause, where: { file: folder } });
  }
  const patterns = config.source.include.map(globToRegExp);
  const chosen = names.filter((n) => patterns.some((p) => p.test(n)));
  if (chosen.length === 0) {
    throw new CutoverError('source_empty', `The delivery folder ${shown} has no file matching ${config.source.include.join(', ')}. Check "source.include" in cutover.yaml.`);
  }
  const partial = await startSnapshot(layout);
  try {
    const files: SnapshotFile[] = [];
    for (const name of chosen) {
      const from = join(folder, name);
      const to = join(partial, 'files', name);
      let copied: { sha256: string; bytes: number };
      try {
        if (!(await stat(from)).isFile()) throw Object.assign(new Error('it is not a file'), { code: 'EISDIR' });
        copied = await copyHashing(from, to);
      } catch (cause) {
        const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
        throw new CutoverError('file_unreadable', `${shown}/${name} could not be read (${reason}). Replace it with a readable file, or leave it out of "source.include", and collect again. Nothing was collected.`, { cause, where: { file: from } });
      }
      const source = await openCsvSource(to, { name });
      files.push({ name, ...copied, encoding: source.encoding, delimiter: source.delimiter, columns: source.columns });
    }
    const { manifest, reused } = await publishSnapshot(layout, partial, {
      source: `files:${shown}`,
      collectedAt: now().toISOString(),
      collectedBy: actor,
      files,
    });
    if (!reused) {
      await appendAudit(store.db, {
        at: now(), actor, action: 'snapshot.collected', subject: `snapshot ${manifest.id}`,
        details: { hash: manifest.hash, source: manifest.source, files: Object.fromEntries(files.map((f) => [f.name, f.sha256])) },
      });
    }
    return { snapshot: manifest, reused };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
