import { draftTable, renderContractDraft, type TableDrafter } from '../core/contract/contract-drafter.js';
import { CutoverError } from '../core/cutover-error.js';
import { parseContract } from '../core/contract/index.js';
import type { OpenedDelivery } from './check.js';
import { chooseDelivery } from './delivery.js';
import type { ProjectSession } from './project-session.js';

/**
 * Proposes a delivery contract from what a delivery holds, reading each table once;
 * memory holds the first column's values (to tell whether it is a key) and little else.
 * @example await draftContract(snapshotDelivery(layout, manifest, key), 'snapshot 20260105-0900')
 */
export async function draftContract(delivery: OpenedDelivery, from: string, signal?: AbortSignal): Promise<string> {
  const drafts: TableDrafter[] = [];
  for (const table of delivery.tables) {
    const draft = draftTable(table.name, table.columns);
    let rows = 0;
    try {
      for await (const row of table.rows(signal)) {
        // a ragged row says nothing reliable about its columns
        if (row.values.length === table.columns.length) draft.add(row.values);
        if ((++rows & 0x3fff) === 0 && signal?.aborted) throw new CutoverError('cancelled', 'Drafting the contract was stopped.');
      }
    } finally {
      await table.close();
    }
    drafts.push(draft);
  }
  return renderContractDraft(drafts, from);
}

/** Drafts a contract from what the user named (a delivered file or folder, or a snapshot; the latest by default). */
export async function draftProjectContract(session: ProjectSession, named?: string): Promise<string> {
  const chosen = await chooseDelivery(session, named);
  const text = await draftContract(chosen.delivery, chosen.subject, session.signal);
  // a draft that does not read back would be no use to anyone
  parseContract(text, 'the draft');
  return text;
}
