import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { createColumnProfiler, type SnapshotProfile, type TableProfile } from '../core/profile/index.js';
import { renderProfile } from '../report/profile-html.js';
import type { ProjectLayout } from '../store/project-layout.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';
import { writeFileAside } from '../report/file-aside.js';

/** Profiles every table of a snapshot, reading each once, in bounded memory. */
export async function profileSnapshot(layout: ProjectLayout, manifest: SnapshotManifest, key: SnapshotKey, signal?: AbortSignal): Promise<SnapshotProfile> {
  const tables: TableProfile[] = [];
  for (const table of manifest.tables) {
    const source = snapshotTableSource(layout, manifest, table.name, key);
    const profilers = source.columns.map((c) => createColumnProfiler(c));
    let rows = 0;
    try {
      for await (const chunk of source.rowChunks(signal)) {
        rows += chunk.length;
        // a short row has nulls where its missing cells are
        for (const row of chunk) for (let i = 0; i < profilers.length; i++) profilers[i]!.add(row.values[i] ?? null);
        if (signal?.aborted) throw new CutoverError('cancelled', 'Profiling the snapshot was stopped.');
      }
    } finally {
      await source.close();
    }
    tables.push({ name: table.name, source: table.source, rows, columns: profilers.map((p) => p.result()) });
  }
  return { snapshot: { id: manifest.id, hash: manifest.hash, collectedAt: manifest.collectedAt }, tables };
}

/** Writes the profile page of a snapshot to `reports/snapshot-<id>-profile.html` and returns its path. */
export async function writeProfilePage(layout: ProjectLayout, profile: SnapshotProfile, customer: string): Promise<string> {
  await mkdir(layout.reportsDir, { recursive: true });
  const path = join(layout.reportsDir, `snapshot-${profile.snapshot.id}-profile.html`);
  await writeFileAside(path, renderProfile(profile, customer));
  return path;
}

/** A snapshot's profile and the page written for it. */
export interface WrittenProfile {
  readonly profile: SnapshotProfile;
  readonly page: string;
}

/** Profiles a snapshot (the latest by default) and writes its page. */
export async function profile(session: ProjectSession, snapshot?: string): Promise<WrittenProfile> {
  const manifest = await readVerifiedSnapshot(session, snapshot ?? 'latest');
  const result = await profileSnapshot(session.layout, manifest, await session.key(), session.signal);
  const page = await writeProfilePage(session.layout, result, (await session.config()).customer);
  // reading every personal value of a snapshot is an action worth the audit log
  await session.audit('snapshot.profiled', manifest.id, { page });
  return { profile: result, page };
}
