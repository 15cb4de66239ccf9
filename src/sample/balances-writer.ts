import type { CsvFileWriter } from './csv-file-writer.js';
import { plant, settle, type ExportContext, type SampleFile } from './export-context.js';
import { moneyText, type MoneyStyle } from './money-text.js';
import { findPerson, personId } from './person-facts.js';
import { hasRole } from './role-facts.js';
import { rowRandom, sourceId, streams } from './sample-plan.js';
import { supplierId } from './suppliers-writer.js';
import { findTenancy, tenancyId } from './tenancy-facts.js';

/** balances.csv: UTF-8, LF; opening balances of the client and deposit accounts. */
export const balancesFile: SampleFile = {
  name: 'balances.csv',
  entity: 'opening_balance',
  layout: { delimiter: ',', eol: '\n', encoding: 'utf-8', bom: false },
  columns: ['AccountRef', 'Account', 'HolderType', 'HolderID', 'Balance'],
  write: writeBalances,
};

type HolderType = 'Landlord' | 'Tenancy' | 'Supplier';

// row 0 is an orphan, row 1 a negative in brackets, rows 2 and 3 a landlord and a supplier
const FORCED_HOLDERS: readonly HolderType[] = ['Tenancy', 'Tenancy', 'Landlord', 'Supplier'];

/** Writes every balance: held by a clean landlord, a clean tenancy or a supplier; about 0.6% name a tenancy that never exists. */
async function writeBalances(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  const { plan } = ctx;
  out.header(balancesFile.columns);
  for (let b = 0; b < plan.balances; b += 1) {
    const r = rowRandom(plan, streams.balance, b);
    const u = r.float();
    const orphan = b === 0 || (b >= FORCED_HOLDERS.length && r.chance(0.006));
    const holderType: HolderType = FORCED_HOLDERS[b] ?? (orphan ? 'Tenancy' : u < 0.35 ? 'Landlord' : u < 0.8 ? 'Tenancy' : 'Supplier');
    const start = r.int(1 << 30);
    const holder =
      holderType === 'Landlord' ? personId(findPerson(plan, start % plan.people, (p, k) => k === 'clean' && hasRole(plan, p, 'LL')))
      : holderType === 'Supplier' ? supplierId(start % plan.suppliers)
      // an orphan names a tenancy number past the last one, so it never exists
      : orphan ? sourceId('T', plan.tenancies + (start % (plan.tenancies + 1000)), 6)
      : tenancyId(findTenancy(plan, start % plan.tenancies));
    const account = holderType === 'Tenancy' && r.chance(0.7) ? 'Deposit' : 'Client';
    const negative = b === 1 || r.chance(0.1);
    const pence = r.between(100, 500_000) * (negative ? -1 : 1);
    const style: MoneyStyle = orphan ? 'plain' : b === 1 || (negative ? r.chance(0.5) : r.chance(0.04)) ? 'styled' : 'plain';
    const balance = moneyText(r, pence, style);
    const ref = sourceId('A', b, 6);
    const line = out.row([ref, account, holderType, holder, balance.text]);

    if (orphan) {
      plant(ctx, balancesFile, { kind: 'orphan', line, key: ref, outcome: 'rejected', reason: 'orphan', field: 'tenancy_id', note: `HolderID ${holder} names a tenancy that does not exist` });
    } else if (!balance.plain) {
      plant(ctx, balancesFile, { kind: 'money-format', line, key: ref, outcome: 'repaired', field: 'amount', expected: balance.expected, note: `Balance written ${balance.text}` });
    }
    if (out.full || ctx.defects.full) await settle(ctx, out);
  }
}
