import { describe, expect, test } from 'vitest';
import { compileEntity, type MappingContext } from '../core/mapping/index.js';
import { SourceMoneyTally } from '../core/reconcile/index.js';
import type { SourceRow } from '../core/source-row.js';
import { parseSpec } from '../core/spec/index.js';
import { sampleSpecText } from '../test-support/spec-fixtures.js';
import { BatchMoney } from './batch-money.js';
import { IdAllocator, mapEntity, type KeyMaps } from './entity-mapper.js';
import { KeyTable } from '../core/key-table.js';

const spec = parseSpec(sampleSpecText, 'specs/estate-agency.yaml');
const columns = ['AccountRef', 'Account', 'HolderType', 'HolderID', 'Balance'];
const balance = compileEntity(spec.entities.find((e) => e.name === 'opening_balance')!, columns, 'balances.csv');
const people = new KeyTable();
for (const [i, key] of ['P1', 'P2', 'P5', 'P7'].entries()) people.set(key, i + 1);
const keyMaps: KeyMaps = new Map([['person', people]]);
const context: MappingContext = { lookup: (entity, key) => keyMaps.get(entity)?.get(key)?.toString() };

// loaded, loaded, rejected, ragged, refused by the target, repeated key, loaded
const rows: SourceRow[] = [
  ['B1', 'Client', 'Landlord', 'P1', '100'],
  ['B2', 'Deposit', 'Landlord', 'P2', '20.50'],
  ['B3', 'Client', 'Tenancy', '', '5'],
  ['B4', 'Client'],
  ['B5', 'Client', 'Landlord', 'P5', '7.25'],
  ['B5', 'Client', 'Landlord', 'P5', '1'],
  ['B7', 'Deposit', 'Landlord', 'P7', '0.10'],
].map((values, i) => ({ values, line: i + 2 }));

/** Maps the rows in batches of two as the mapping thread does, the loader refusing B5; `alreadyLoaded` rows are replayed. */
async function sums(alreadyLoaded: number, refusedBefore: readonly string[]) {
  const money = new BatchMoney(new SourceMoneyTally(balance), context, new Set(refusedBefore));
  async function* chunks() {
    yield rows;
  }
  const batches = mapEntity({ compiled: balance, file: 'balances.csv', width: columns.length, rows: chunks(), keyMaps, ids: new IdAllocator(), alreadyLoaded, batchRows: 2, money });
  for await (const batch of batches) money.loaded(batch.rowKeys.filter((key) => key === 'B5'));
  return money.sums();
}

describe('BatchMoney', () => {
  test('counts what the target refused as not loaded, batch by batch', async () => {
    expect(await sums(0, [])).toEqual([
      { entity: 'opening_balance', field: 'amount', group: 'client', rows: 4, source: '113.25', notLoaded: '13.25', unreadable: 0 },
      { entity: 'opening_balance', field: 'amount', group: 'deposit', rows: 2, source: '20.6', notLoaded: '0', unreadable: 0 },
      { entity: 'opening_balance', field: 'amount', group: '(all)', rows: 0, source: '0', notLoaded: '0', unreadable: 1 },
    ]);
  });

  test('gives the same sums when rows an interrupted attempt loaded are replayed, with the keys it saw refused', async () => {
    const whole = await sums(0, []);
    for (const loaded of [1, 3, 5, 7]) expect(await sums(loaded, loaded >= 5 ? ['B5'] : [])).toEqual(whole);
  });

  test('refuses a word from the loader on a batch it was not sent', () => {
    const money = new BatchMoney(new SourceMoneyTally(balance), context, new Set());
    expect(() => money.loaded([])).toThrow('the loader answered for a batch that was not sent');
  });
});
