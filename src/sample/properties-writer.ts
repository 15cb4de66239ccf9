import type { CsvFileWriter } from './csv-file-writer.js';
import { plant, settle, type ExportContext, type SampleFile } from './export-context.js';
import { moneyText, type MoneyStyle, type MoneyText } from './money-text.js';
import { findPerson, personId } from './person-facts.js';
import { isLetting, propertyFacts, propertyId } from './property-facts.js';
import type { Random } from './random.js';
import { hasRole } from './role-facts.js';
import { rowRandom, streams } from './sample-plan.js';
import { postcodeAreas, propertyTypes, streets, towns } from './word-lists.js';

/** properties.csv: Windows-1252 (the £ is byte 0xA3), CRLF, prices in many styles. */
export const propertiesFile: SampleFile = {
  name: 'properties.csv',
  entity: 'property',
  layout: { delimiter: ',', eol: '\r\n', encoding: 'windows-1252', bom: false },
  columns: ['PropertyID', 'LandlordID', 'Address1', 'Town', 'Postcode', 'Type', 'Status', 'AskingPrice', 'RentPCM'],
  write: writeProperties,
};

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A postcode such as `BS7 8QD`, now and then typed in lower case (the spec upper-cases it). */
function postcode(r: Random): string {
  const code = `${r.pick(postcodeAreas)}${r.between(1, 20)} ${r.int(10)}${r.pick([...LETTERS])}${r.pick([...LETTERS])}`;
  return r.chance(0.05) ? code.toLowerCase() : code;
}

/** A street address, sometimes a range written with an en dash (`12–14 Mill Lane`). */
function address(r: Random): string {
  const n = r.between(1, 180);
  const street = r.pick(streets);
  return r.chance(0.05) ? `${n}\u2013${n + 2} ${street}` : `${n} ${street}`;
}

/** Writes every property row: letting properties name a clean landlord, sales mostly none. */
async function writeProperties(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  const { plan } = ctx;
  out.header(propertiesFile.columns);
  plant(ctx, propertiesFile, { kind: 'crlf-line-ends', line: 1, key: '', outcome: 'repaired', note: 'properties.csv ends its lines with CRLF' });
  let poundSeen = false;
  for (let k = 0; k < plan.properties; k += 1) {
    const facts = propertyFacts(plan, k);
    const r = rowRandom(plan, streams.property, k);
    const loads = !facts.blank;
    const letting = isLetting(facts.status) || (facts.status === 'Withdrawn' && r.chance(0.4));
    const withLandlord = letting || r.chance(0.2);
    const landlordStart = r.int(plan.people);
    const landlord = withLandlord ? personId(findPerson(plan, landlordStart, (p, kind) => kind === 'clean' && hasRole(plan, p, 'LL'))) : '';
    const id = facts.blank ? (r.chance(0.5) ? '' : '  ') : propertyId(k);
    const style: MoneyStyle = !loads ? 'plain' : k === 0 ? 'pound' : r.chance(0.06) ? 'styled' : 'plain';
    const town = r.pick(towns);
    const street = address(r);
    const code = postcode(r);
    const type = r.pick(propertyTypes);
    // asking prices in £5,000 steps from £80,000; rents in 50p steps from £450
    const price: MoneyText | undefined = letting ? undefined : moneyText(r, r.between(16, 300) * 500_000, style);
    const rent: MoneyText | undefined = letting ? moneyText(r, r.between(900, 7000) * 50, style) : undefined;
    const line = out.row([id, landlord, street, r.chance(0.05) ? town.toUpperCase() : town, code, type, facts.status, price?.text ?? '', rent?.text ?? '']);

    const key = id.trim();
    if (facts.blank) {
      plant(ctx, propertiesFile, { kind: 'blank-key', line, key, outcome: 'rejected', reason: 'blank_key', note: 'PropertyID is blank' });
    }
    for (const [field, column, money] of [['asking_price', 'AskingPrice', price], ['rent_pcm', 'RentPCM', rent]] as const) {
      if (money === undefined || money.plain) continue;
      if (!poundSeen && money.text.includes('£')) {
        poundSeen = true;
        plant(ctx, propertiesFile, { kind: 'windows-1252', line, key, outcome: 'repaired', note: `properties.csv is Windows-1252: the first £ (byte 0xA3) is in ${column} on this line` });
      }
      plant(ctx, propertiesFile, { kind: 'money-format', line, key, outcome: 'repaired', field, expected: money.expected, note: `${column} written ${money.text}` });
    }
    if (out.full || ctx.defects.full) await settle(ctx, out);
  }
}
