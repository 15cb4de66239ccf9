// The legacy box-office export of an arts centre, as its old system wrote it: codes for
// kinds, statuses and channels, dates with their times, pounds with and without £,
// patrons abroad with their own postal codes, names typed in capitals or small letters
// by some staff and with care by others, and references named after nothing they point at
// (CustomerNo, AttendeeNo and SupporterRef are all patrons). Deterministic for a seed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)], chance: (p) => next() < p };
}

const csvField = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const pad = (n, w = 2) => String(n).padStart(w, '0');

function write(dir, name, header, rows) {
  writeFileSync(join(dir, name), `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`);
}

const orgNames = ['Riverside Trust', 'Hart & Co', 'St Mary\'s School', 'Northern Arts Fund', 'Castle Engineering', 'Greenfield Academy', 'The Lantern Foundation', 'Brightwater Ltd'];
const orgTowns = [['Stratford-upon-Avon', 'GB'], ['Newcastle upon Tyne', 'GB'], ['Leeds', 'GB'], ['Dublin', 'IE'], ['Lyon', 'FR'], ['Bath', 'GB']];
const forenames = ['Oliver', 'Amelia', 'Siobhán', 'Jean-Luc', 'Priya', 'Mohammed', 'Eleanor', 'Tomasz', 'Grace', 'Dafydd', 'Chloé', 'Liam'];
const surnames = ['Smith', 'McDonald', 'van der Berg', "O'Neill", 'de Souza', 'Patel', 'Kowalski', 'Fitzgerald', 'Dubois', 'Jones', 'MacLeod', 'le Roux'];
const places = [
  { town: 'Newcastle upon Tyne', country: 'United Kingdom', postcodes: ['NE1 4ST', 'NE2 1BB', 'NE6 5LZ'] },
  { town: 'Stratford-upon-Avon', country: 'United Kingdom', postcodes: ['CV37 6BB', 'CV37 7HJ'] },
  { town: 'Leeds', country: 'United Kingdom', postcodes: ['LS1 1AA', 'LS6 2UE', 'LS11 5TY'] },
  { town: 'London', country: 'United Kingdom', postcodes: ['SW1A 1AA', 'EC1A 1BB', 'N1 9GU'] },
  { town: 'Dublin', country: 'Ireland', postcodes: ['D02 AF30', 'D08 VF8H'] },
  { town: 'Paris', country: 'France', postcodes: ['75011', '75004'] },
  { town: 'Berlin', country: 'Germany', postcodes: ['10115', '10999'] },
];
const eventTitles = ['The Tempest', 'Jazz at Noon', 'Swan Lake', 'Comedy Club', 'Youth Theatre Showcase', 'Messiah', 'Film: Brief Encounter'];

function amount(r, pounds) {
  const v = (r.int(pounds * 100) + 100) / 100;
  const text = v.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return r.chance(0.5) ? `£${text}` : text.replaceAll(',', '');
}

/** Writes the six CSV files of the export into `dir`. */
export function writePatronExport(dir, { seed = 7, patrons = 300 } = {}) {
  const r = random(seed);
  mkdirSync(dir, { recursive: true });
  const orgs = orgNames.map((name, i) => {
    const [city, country] = orgTowns[i % orgTowns.length];
    return [`ORG${pad(i + 1, 3)}`, name, r.pick(['CH', 'CO', 'SC', 'ch']), city, country];
  });
  write(dir, 'Organisations.csv', ['OrgNo', 'OrgName', 'OrgType', 'City', 'Country'], orgs);

  const patronNos = [];
  const patronRows = [];
  for (let i = 0; i < patrons; i++) {
    const no = String(10001 + i);
    patronNos.push(no);
    const place = r.chance(0.7) ? r.pick(places.slice(0, 4)) : r.pick(places.slice(4));
    const abroad = place.country !== 'United Kingdom';
    let first = r.pick(forenames);
    if (r.chance(0.1)) first = first.toUpperCase();
    else if (r.chance(0.08)) first = first.toLowerCase();
    const last = r.pick(surnames);
    const email = `${first.toLowerCase().replace(/[^a-z]/g, '')}.${last.toLowerCase().replace(/[^a-z]/g, '')}${i}@${r.pick(['example.com', 'mail.example.org', 'example.ie'])}`;
    const phone = abroad ? '' : r.chance(0.5) ? `0191 496 ${pad(r.int(10000), 4)}` : `+44 7700 900${pad(r.int(1000), 3)}`;
    const joined = `20${pad(10 + r.int(14))}-${pad(1 + r.int(12))}-${pad(1 + r.int(28))} ${pad(r.int(24))}:${pad(r.int(60))}:${pad(r.int(60))}`;
    patronRows.push([
      no, r.pick(['Mr', 'Mrs', 'Ms', 'Dr', 'Mx']), first, last, r.chance(0.15) ? email.toUpperCase() : email, phone,
      r.chance(0.05) ? place.town.toUpperCase() : place.town, r.pick(place.postcodes), place.country,
      r.chance(0.3) ? r.pick(orgs)[0] : '', joined, r.pick(['A', 'A', 'A', 'L', 'D', 'a']),
    ]);
  }
  write(dir, 'Patrons.csv', ['PatronNo', 'Salutation', 'FirstName', 'LastName', 'EMail', 'Telephone', 'Town', 'PostalCode', 'Country', 'OrgNo', 'Joined', 'Status'], patronRows);

  const events = eventTitles.flatMap((title, i) => [0, 1, 2].map((n) => [
    `EV-${100 + i * 3 + n}`, title, r.pick(['Main House', 'Studio', 'Courtyard']),
    `${pad(1 + r.int(28))}/${pad(1 + r.int(12))}/202${r.int(5)} ${pad(12 + r.int(9))}:${r.pick(['00', '30'])}`, String(80 + r.int(400)),
  ]));
  write(dir, 'Events.csv', ['EventCode', 'Title', 'Venue', 'StartsAt', 'Capacity'], events);

  const orders = [];
  for (let i = 0; i < patrons * 1.5; i++) {
    const placed = `202${r.int(5)}-${pad(1 + r.int(12))}-${pad(1 + r.int(28))} ${pad(r.int(24))}:${pad(r.int(60))}:${pad(r.int(60))}.${pad(r.int(1000), 3)}`;
    orders.push([`O-${pad(i + 1, 6)}`, r.pick(patronNos), placed, amount(r, 2000), r.pick(['WEB', 'WEB', 'BOX', 'TEL', 'web'])]);
  }
  write(dir, 'Orders.csv', ['OrderRef', 'CustomerNo', 'Placed', 'OrderTotal', 'Channel'], orders);

  const tickets = [];
  for (let i = 0; i < patrons * 3; i++) {
    tickets.push([String(i + 1), r.pick(orders)[0], r.pick(events)[0], `${r.pick(['A', 'B', 'C', 'D'])}${1 + r.int(30)}`, amount(r, 60), r.chance(0.2) ? '' : r.pick(patronNos)]);
  }
  write(dir, 'Tickets.csv', ['TicketId', 'OrderRef', 'EventCode', 'Seat', 'Price', 'AttendeeNo'], tickets);

  const donations = [];
  for (let i = 0; i < patrons * 0.6; i++) {
    donations.push([String(i + 1), r.pick(patronNos), amount(r, 5000), `${pad(1 + r.int(28))}/${pad(1 + r.int(12))}/202${r.int(5)}`, r.pick(['Annual Fund', 'Youth Theatre', 'Building Appeal']), r.pick(['Y', 'N'])]);
  }
  write(dir, 'Donations.csv', ['DonationId', 'SupporterRef', 'Amount', 'DateGiven', 'Fund', 'GiftAid'], donations);
}
