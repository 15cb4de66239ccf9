// domains people type every day, where a slip of one or two letters is far likelier than a real domain
const COMMON_DOMAINS = [
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'outlook.com', 'live.com', 'live.co.uk',
  'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aol.co.uk',
  'btinternet.com', 'sky.com', 'virginmedia.com', 'talktalk.net', 'ntlworld.com', 'tiscali.co.uk', 'mail.com',
  'protonmail.com', 'proton.me', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'wp.pl', 'orange.fr', 'free.fr', 'comcast.net',
];
const KNOWN = new Set(COMMON_DOMAINS);

/** Edits between two words: letters added, dropped, changed, or two neighbours swapped. */
function distance(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The common mail domain a domain was probably meant to be, or undefined when it is one,
 * or is not close to one: one slip in a short domain, two in a long one.
 * @example likelyDomainTypo('gmial.com') // 'gmail.com'
 */
export function likelyDomainTypo(domain: string): string | undefined {
  const typed = domain.toLowerCase();
  if (KNOWN.has(typed)) return undefined;
  // addresses share few domains: each is measured against the list once
  if (guesses.has(typed)) return guesses.get(typed);
  if (guesses.size >= guessesHeld) guesses.clear();
  const meant = closestCommon(typed);
  guesses.set(typed.length < 13 ? typed : (' ' + typed).slice(1), meant);
  return meant;
}

const guesses = new Map<string, string | undefined>();
const guessesHeld = 10_000;

function closestCommon(typed: string): string | undefined {
  const most = typed.length >= 12 ? 2 : 1;
  let meant: string | undefined;
  let best = most + 1;
  for (const known of COMMON_DOMAINS) {
    const d = distance(typed, known, most);
    if (d < best) {
      best = d;
      meant = known;
    }
  }
  return meant;
}
