import type { CsvFileWriter } from './csv-file-writer.js';
import { dateText, dayBetween, impossibleDateText, pickDateFormat, type DateFormat, type DateText } from './date-text.js';
import { plant, settle, type ExportContext, type SampleFile } from './export-context.js';
import { moneyText, type MoneyStyle, type MoneyText } from './money-text.js';
import { findPerson, personId } from './person-facts.js';
import { findProperty, isLetting, propertyId } from './property-facts.js';
import { hasRole } from './role-facts.js';
import { rowRandom, sourceId, streams } from './sample-plan.js';
import { tenancyId, tenancyKind } from './tenancy-facts.js';

/** tenancies.csv: UTF-8, LF, semicolon delimited. */
export const tenanciesFile: SampleFile = {
  name: 'tenancies.csv',
  entity: 'tenancy',
  layout: { delimiter: ';', eol: '\n', encoding: 'utf-8', bom: false },
  columns: ['TenancyID', 'PropertyID', 'TenantID', 'StartDate', 'EndDate', 'Rent', 'Deposit', 'Status'],
  write: writeTenancies,
};

/** Writes every tenancy: a letting property, a clean tenant, and an end never before the start. */
async function writeTenancies(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  const { plan } = ctx;
  out.header(tenanciesFile.columns);
  plant(ctx, tenanciesFile, { kind: 'semicolon-delimiter', line: 1, key: '', outcome: 'repaired', note: 'tenancies.csv separates its fields with semicolons' });
  for (let t = 0; t < plan.tenancies; t += 1) {
    const kind = tenancyKind(plan, t);
    const r = rowRandom(plan, streams.tenancy, t);
    const loads = kind === 'clean';
    // an orphan names a property number past the last one, so it never exists
    const propertyStart = r.int(plan.properties);
    const property = kind === 'orphan' ? sourceId('PR', plan.properties + r.int(plan.properties + 1000), 6) : propertyId(findProperty(plan, propertyStart, isLetting));
    const tenant = personId(findPerson(plan, r.int(plan.people), (p, k) => k === 'clean' && hasRole(plan, p, 'TEN')));
    const u = r.float();
    const status = u < 0.5 ? 'Current' : u < 0.9 ? 'Ended' : 'Pending';
    const startDay = status === 'Pending' ? dayBetween(r, 2025, 2025) : dayBetween(r, 2010, 2024);
    const length = status === 'Ended' ? r.between(180, 1460) : status === 'Current' ? (r.chance(0.5) ? r.between(365, 1095) : -1) : r.chance(0.5) ? 365 : -1;
    const startFormat: DateFormat = t === 0 ? 'd MMM yyyy' : pickDateFormat(r, loads);
    const start = dateText(startDay, startFormat);
    const end: DateText | undefined = length < 0 || kind === 'impossible' ? undefined : dateText(startDay + length, pickDateFormat(r, loads));
    const startText = kind === 'impossible' ? impossibleDateText(r, 2010, 2024) : start.text;
    const rentPence = r.between(900, 7000) * 50;
    const rentStyle: MoneyStyle = !loads ? 'plain' : t === 3 ? 'pound' : r.chance(0.05) ? 'styled' : 'plain';
    const rent = moneyText(r, rentPence, rentStyle);
    // five weeks' rent, rounded to the penny
    const deposit: MoneyText | undefined = r.chance(0.85) ? moneyText(r, Math.floor((rentPence * 60 + 26) / 52), loads && r.chance(0.05) ? 'styled' : 'plain') : undefined;
    const id = tenancyId(t);
    const line = out.row([id, property, tenant, startText, end?.text ?? '', rent.text, deposit?.text ?? '', status]);

    if (kind === 'orphan') {
      plant(ctx, tenanciesFile, { kind: 'orphan', line, key: id, outcome: 'rejected', reason: 'orphan', field: 'property_id', note: `PropertyID ${property} does not exist` });
    } else if (kind === 'impossible') {
      plant(ctx, tenanciesFile, { kind: 'impossible-date', line, key: id, outcome: 'rejected', reason: 'invalid_value', field: 'start_date', note: `StartDate ${startText} is not a real date` });
    } else {
      for (const [field, column, date] of [['start_date', 'StartDate', start], ['end_date', 'EndDate', end]] as const) {
        if (date === undefined || date.format === 'dd/MM/yyyy') continue;
        plant(ctx, tenanciesFile, { kind: 'date-format-variant', line, key: id, outcome: 'repaired', field, expected: date.iso, note: `${column} written ${date.text} (${date.format})` });
      }
      for (const [field, column, money] of [['rent_pcm', 'Rent', rent], ['deposit', 'Deposit', deposit]] as const) {
        if (money === undefined || money.plain) continue;
        plant(ctx, tenanciesFile, { kind: 'money-format', line, key: id, outcome: 'repaired', field, expected: money.expected, note: `${column} written ${money.text}` });
      }
    }
    if (out.full || ctx.defects.full) await settle(ctx, out);
  }
}
