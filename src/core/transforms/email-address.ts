import { domainToASCII } from 'node:url';

/** An email address with its domain in small letters, or why the text is not one. */
export type EmailReading = { readonly ok: true; readonly address: string } | { readonly ok: false; readonly reason: string };

// anything but the characters RFC 5322 allows unquoted before the @, and the letters, marks
// and digits of any script RFC 6531 adds (stanisław, zoë); quoted names are refused
const NOT_LOCAL = /[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-\p{L}\p{M}\p{N}]/u;
// a domain label: letters (any script), digits and inner hyphens
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * Checks that text has the form of an email address (one @, a sensible name before it,
 * a domain with a dot after it), letters of any language included (RFC 6531, IDN), and
 * lower-cases the domain; the name before the @ keeps
 * its case, since mail servers may tell it apart.
 * @example readEmail(' Jane.Doe@Example.COM ') // { ok: true, address: 'Jane.Doe@example.com' }
 */
export function readEmail(value: string): EmailReading {
  const text = value.trim();
  const fail = (reason: string): EmailReading => ({ ok: false, reason });
  if (/\s/.test(text)) return fail('it contains a space');
  const at = text.split('@');
  if (at.length === 1) return fail('it has no @');
  if (at.length > 2) return fail('it has more than one @');
  const [local = '', domain = ''] = at;
  if (local === '') return fail('nothing comes before the @');
  if (domain === '') return fail('nothing comes after the @');
  if (local.length > 64) return fail('the part before the @ is longer than 64 characters');
  const odd = NOT_LOCAL.exec(local);
  if (odd !== null) return fail(`"${odd[0]}" has no place before the @`);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return fail('the part before the @ starts or ends with a dot, or has two dots in a row');
  }
  const checked = readDomain(domain);
  if (!checked.ok) return checked;
  const address = `${local}@${checked.address}`;
  if (address.length > 254) return fail('it is longer than 254 characters');
  return { ok: true, address };
}

// a delivery holds few domains and many addresses: each domain is checked once
const domains = new Map<string, EmailReading>();
const domainsHeld = 10_000;

/** The domain in small letters (in `address`), or why it is not one; remembered per domain. */
function readDomain(domain: string): EmailReading {
  let reading = domains.get(domain);
  if (reading === undefined) {
    if (domains.size >= domainsHeld) domains.clear();
    // a copy: a key cut from a long text would keep all of that text alive
    domains.set(domain.length < 13 ? domain : (' ' + domain).slice(1), (reading = checkDomain(domain)));
  }
  return reading;
}

function checkDomain(domain: string): EmailReading {
  const labels = domain.toLowerCase().split('.');
  if (labels.length < 2) return { ok: false, reason: `the part after the @ needs a dot, as in ${domain.toLowerCase()}.com` };
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) return { ok: false, reason: bad === '' ? 'the part after the @ has an empty part between dots' : `"${bad}" is not a valid part of a domain name` };
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return { ok: false, reason: 'the part after the @ ends in a number, not a domain such as .com or .uk' };
  // an internationalised domain must also have a form the mail system can send to (punycode)
  const ascii = domainToASCII(labels.join('.'));
  if (ascii === '' || ascii.length > 253) {
    const broken = labels.find((label) => domainToASCII(label) === '');
    return { ok: false, reason: broken === undefined ? 'the part after the @ is too long for a domain name' : `"${broken}" is not a valid part of a domain name` };
  }
  return { ok: true, address: labels.join('.') };
}
