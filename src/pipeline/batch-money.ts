import type { MappingContext } from '../core/mapping/index.js';
import type { RowMoney, SourceMoney, SourceMoneyTally } from '../core/reconcile/index.js';

/**
 * An entity's money added up as the mapper meets its rows (see SourceMoneyTally), with
 * the amounts of each batch sent to the loader held until it says which rows the target
 * refused: a refused row's money was not loaded after all.
 */
export class BatchMoney {
  private sending: { keys: string[]; money: RowMoney[] } = { keys: [], money: [] };
  private readonly sent: { keys: string[]; money: RowMoney[] }[] = [];
  /** for an entity that looks itself up: each loaded row's amounts, until its second pass says which rows are orphans */
  private readonly kept: Map<string, RowMoney> | undefined;

  /** `refusedBefore`: keys the target refused in an interrupted attempt of the run, whose rows are now replayed. */
  constructor(
    private readonly tally: SourceMoneyTally,
    private readonly context: MappingContext,
    private readonly refusedBefore: ReadonlySet<string>,
    keepRows = false,
  ) {
    this.kept = keepRows ? new Map() : undefined;
  }

  /** A row with the wrong number of values. */
  ragged(): void {
    this.tally.ragged();
  }

  /** A row the rules did not map: rejected, excluded, or a blank or repeated key. */
  notMapped(values: readonly (string | null)[]): void {
    this.tally.notMapped(values, this.context);
  }

  /** A mapped row merged into an earlier one. */
  merged(values: readonly (string | null)[]): void {
    this.tally.mapped(values, false);
  }

  /** A mapped row for the target; a replayed one was loaded by the interrupted attempt unless the target refused it then. */
  mapped(key: string, values: readonly (string | null)[], replayed: boolean): void {
    if (replayed) {
      const loaded = !this.refusedBefore.has(key);
      const money = this.tally.mapped(values, loaded);
      if (loaded) this.kept?.set(key, money);
      return;
    }
    const money = this.tally.mapped(values, true);
    this.kept?.set(key, money);
    this.sending.keys.push(key);
    this.sending.money.push(money);
  }

  /** The rows mapped since the last cut go to the loader as one batch. */
  cut(): void {
    this.sent.push(this.sending);
    this.sending = { keys: [], money: [] };
  }

  /** The loader's word on the oldest batch sent: the keys of its rows the target refused. */
  loaded(refused: readonly string[]): void {
    const batch = this.sent.shift();
    if (batch === undefined) throw new Error('the loader answered for a batch that was not sent');
    if (refused.length === 0) return;
    const at = new Map(batch.keys.map((key, i) => [key, i]));
    for (const key of refused) {
      const i = at.get(key);
      if (i === undefined) throw new Error(`the loader refused ${key}, which its batch did not hold`);
      this.tally.refused(batch.money[i]!);
      this.kept?.delete(key);
    }
  }

  /** The second pass took these rows out of the target again (orphans): their money was not loaded after all. */
  resolved(orphans: readonly string[]): void {
    for (const key of orphans) {
      const money = this.kept?.get(key);
      if (money === undefined) throw new Error(`the second pass took out ${key}, whose amounts were not kept`);
      this.tally.refused(money);
    }
    this.kept?.clear();
  }

  /** The totals, once every batch is loaded. */
  sums(): SourceMoney[] {
    if (this.sent.length > 0) throw new Error(`${this.sent.length} batches were sent but not loaded`);
    return this.tally.sums();
  }
}
