import { Decimal } from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { compileEntity, type MappingContext } from '../mapping/index.js';
import { parseSpec } from '../spec/index.js';
import { SourceMoneyTally, type SourceMoney } from './source-money.js';

const spec = parseSpec(sampleSpecText, 'specs/estate-agency.yaml');
const columns = ['AccountRef', 'Account', 'HolderType', 'HolderID', 'Balance'];
const balance = compileEntity(spec.entities.find((e) => e.name === 'opening_balance')!, columns, 'balances.csv');
const ctx: MappingContext = { lookup: (entity, key) => (entity === 'person' && key.startsWith('P') ? '1' : undefined) };

// loaded, loaded, rejected, amount unreadable, group unreadable, ragged, refused by the target, loaded
const rows: (string | null)[][] = [
  ['B1', 'Client', 'Landlord', 'P1', '£1,000'],
  ['B2', 'Deposit', 'Landlord', 'P2', '(12.50)'],
  ['B3', 'Client', 'Tenancy', '', '5'],
  ['B4', 'Client', 'Landlord', 'P1', '£5.005'],
  ['B5', 'Savings', 'Landlord', 'P1', '10'],
  ['B6', 'Client'],
  ['B7', 'Client', 'Landlord', 'P3', '7.25'],
  ['B8', 'Deposit', 'Landlord', 'P4', '0.10'],
];
const refused = new Set(['B7']);

/** Feeds the rows as the mapper meets them, with B7 refused by the target after it was sent. */
function tally(): SourceMoney[] {
  const t = new SourceMoneyTally(balance);
  const sent = new Map<string, ReturnType<SourceMoneyTally['mapped']>>();
  for (const values of rows) {
    if (values.length !== columns.length) {
      t.ragged();
      continue;
    }
    const outcome = balance.map(values, ctx);
    if (outcome.kind === 'mapped') sent.set(values[0]!, t.mapped(outcome.values, true));
    else t.notMapped(values, ctx);
  }
  for (const key of refused) t.refused(sent.get(key)!);
  return t.sums();
}

describe('SourceMoneyTally', () => {
  test('adds up each group once, with what was not loaded and what could not be read', () => {
    expect(tally()).toEqual([
      { entity: 'opening_balance', field: 'amount', group: 'client', rows: 3, source: '1012.25', notLoaded: '12.25', unreadable: 1 },
      { entity: 'opening_balance', field: 'amount', group: 'deposit', rows: 2, source: '-12.4', notLoaded: '0', unreadable: 0 },
      { entity: 'opening_balance', field: 'amount', group: '(unreadable)', rows: 1, source: '10', notLoaded: '10', unreadable: 0 },
      { entity: 'opening_balance', field: 'amount', group: '(all)', rows: 0, source: '0', notLoaded: '0', unreadable: 1 },
    ]);
  });

  test('gives the figures of evaluating every row again, with the lines not loaded known', () => {
    // how the run added up the money before, reading the table a second time
    const notLoaded = new Set(['B3', 'B4', 'B5', 'B6', 'B7']);
    const groups = new Map<string, { rows: number; source: Decimal; notLoaded: Decimal; unreadable: number }>();
    const groupOf = (name: string) => groups.get(name) ?? groups.set(name, { rows: 0, source: new Decimal(0), notLoaded: new Decimal(0), unreadable: 0 }).get(name)!;
    for (const values of rows) {
      if (values.length !== columns.length) {
        groupOf('(all)').unreadable++;
        continue;
      }
      const by = balance.evaluate('account', values, ctx);
      const g = groupOf(by.ok && by.value !== null ? by.value : '(unreadable)');
      const amount = balance.evaluate('amount', values, ctx);
      if (!amount.ok) {
        g.unreadable++;
        continue;
      }
      if (amount.value === null) continue;
      g.rows++;
      g.source = g.source.plus(amount.value);
      if (notLoaded.has(values[0]!)) g.notLoaded = g.notLoaded.plus(amount.value);
    }
    const again = [...groups].map(([group, g]) => ({
      entity: 'opening_balance', field: 'amount', group, rows: g.rows, source: g.source.toFixed(), notLoaded: g.notLoaded.toFixed(), unreadable: g.unreadable,
    }));
    expect(tally()).toEqual(again);
  });

  test('keeps a row merged into another out of what was loaded', () => {
    const t = new SourceMoneyTally(balance);
    const outcome = balance.map(['B1', 'Client', 'Landlord', 'P1', '2.50'], ctx);
    if (outcome.kind !== 'mapped') throw new Error('expected a mapped row');
    t.mapped(outcome.values, true);
    t.mapped(outcome.values, false);
    expect(t.sums()).toEqual([{ entity: 'opening_balance', field: 'amount', group: 'client', rows: 2, source: '5', notLoaded: '2.5', unreadable: 0 }]);
  });
});
