import { copyLine } from '../connectors/copy-text.js';
import type { Database } from '../connectors/database.js';
import type { LedgerEntry } from '../core/ledger.js';

const ledgerColumns = ['run_id', 'entity', 'file', 'line', 'source_key', 'outcome', 'reason', 'field', 'value', 'message', 'survivor_key'];
const keyMapColumns = ['run_id', 'entity', 'source_key', 'target_id', 'file', 'line'];

/** Buffers a run's ledger entries and key map rows and writes them to the store by COPY. */
export class LedgerWriter {
  private ledger: string[] = [];
  private keyMap: string[] = [];

  constructor(
    private readonly store: Database,
    private readonly runId: number,
  ) {}

  /** Records a row that was not loaded. */
  entry(e: LedgerEntry): void {
    this.ledger.push(
      copyLine([this.runId, e.entity, e.file, e.line, e.sourceKey, e.outcome, e.reason, e.field, e.value, e.message, e.survivorKey]),
    );
  }

  /** Records which target row a source row became (or was merged into). */
  mapped(entity: string, sourceKey: string, targetId: number | null, file: string, line: number): void {
    this.keyMap.push(copyLine([this.runId, entity, sourceKey, targetId, file, line]));
  }

  /** How many lines wait to be written. */
  get pending(): number {
    return this.ledger.length + this.keyMap.length;
  }

  /** Writes what is buffered. */
  async flush(): Promise<void> {
    const ledger = this.ledger.join('');
    const keyMap = this.keyMap.join('');
    this.ledger = [];
    this.keyMap = [];
    await this.store.copyIn({ schema: 'cutover', table: 'ledger_entry' }, ledgerColumns, ledger);
    await this.store.copyIn({ schema: 'cutover', table: 'key_map' }, keyMapColumns, keyMap);
  }
}
