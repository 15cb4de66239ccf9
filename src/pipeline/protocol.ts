import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { parseSpecFiles } from '../core/spec/index.js';
import { renderProtocol } from '../report/protocol-html.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import { buildProtocol } from './protocol-builder.js';
import type { ProjectSession } from './project-session.js';
import { writeFileAside } from '../report/file-aside.js';
import type { Protocol } from '../core/protocol-model.js';
import { personalDataView, type PersonalDataView } from './personal-data.js';

/** The protocol with its examples' personal values masked: it is the team's page, not the customer's review. */
function maskExamples(protocol: Protocol, view: PersonalDataView): Protocol {
  const mask = (entity: string, field: string, value: string | null) => (value === null ? null : view.field(entity, field, value));
  return {
    ...protocol,
    entities: protocol.entities.map((e) => ({
      ...e,
      examples: e.examples.map((x) => ({
        ...x,
        fields: x.fields.map((f) => ({ ...f, source: mask(e.name, f.field, f.source), steps: f.steps.map((s) => ({ ...s, value: mask(e.name, f.field, s.value) })) })),
      })),
    })),
  };
}

/**
 * Writes the protocol of a run (the latest by default): the spec exactly as that run
 * applied it, over the snapshot it read, which is verified first. Returns the page's path.
 */
export async function writeRunProtocol(session: ProjectSession, run?: string): Promise<{ runId: number; path: string }> {
  const { db } = await session.store();
  const runId = await resolveRunId(db, run);
  const facts = await readRunFacts(db, runId);
  if (!facts.specFiles) {
    throw new CutoverError('protocol_unavailable', `Run ${runId} was made before runs kept their spec, so its protocol cannot be shown. Run the migration again.`);
  }
  const spec = parseSpecFiles(facts.specFiles);
  const key = await session.key();
  const snapshot = await readSnapshot(session.layout, facts.snapshotId);
  await verifySnapshot(session.layout, snapshot, key);
  const built = await buildProtocol({
    spec, snapshot, runId, customer: (await session.config()).customer,
    tableSource: (name) => snapshotTableSource(session.layout, snapshot, name, key),
  });
  const protocol = maskExamples(built, await personalDataView(session, spec));
  await mkdir(session.layout.reportsDir, { recursive: true });
  const path = join(session.layout.reportsDir, `run-${runId}-protocol.html`);
  await writeFileAside(path, renderProtocol(protocol));
  // the page shows examples of the delivered values
  await session.audit('protocol.written', `run ${runId}`, { page: path, snapshotHash: facts.snapshotHash, specHash: facts.specHash });
  return { runId, path };
}
