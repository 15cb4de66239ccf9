import type { RejectAttention } from './run-result.js';

/** How many of an entity's rows a run may reject and still succeed: a share of its rows in percent, or a number of rows. */
export type RejectLimit = { readonly share: number } | { readonly rows: number };

/** Without `max_rejected` in the spec, a run may reject 5% of an entity's rows. */
export const defaultRejectLimit: RejectLimit = { share: 5 };

/**
 * Reads `max_rejected` as a spec writes it: `5%`, `0.5%`, or a whole number of rows; undefined when it is neither.
 * @example readRejectLimit('5%') // { share: 5 }
 */
export function readRejectLimit(value: unknown): RejectLimit | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? { rows: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const share = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (share) {
    const percent = Number(share[1]);
    return percent <= 100 ? { share: percent } : undefined;
  }
  return /^\s*\d+\s*$/.test(value) ? { rows: Number(value) } : undefined;
}

/** True when an entity rejected more rows than its limit allows. */
export function rejectsPastLimit(books: { readonly source: number; readonly rejected: number }, limit: RejectLimit): boolean {
  return 'share' in limit ? books.rejected * 100 > books.source * limit.share : books.rejected > limit.rows;
}

/** The limit in words: `5% of its rows`, `1 row`, `no row`. */
export function rejectLimitInWords(limit: RejectLimit): string {
  if ('share' in limit) return `${limit.share}% of its rows`;
  if (limit.rows === 0) return 'no row';
  return `${limit.rows.toLocaleString('en-GB')} ${limit.rows === 1 ? 'row' : 'rows'}`;
}

/**
 * What a run past its limits says, one line per entity with its commonest reasons.
 * @example attentionInWords(lines) // ['person: 52 of 59 rows were not imported, more than the 5% of its rows the spec allows (max_rejected). Commonest reasons: …']
 */
export function attentionInWords(lines: readonly RejectAttention[]): string[] {
  return lines.map((a) => {
    const rows = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'}`;
    const was = a.rejected === 1 ? 'was' : 'were';
    const reasons = a.reasons.map((r) => `${r.why} (${rows(r.rows)}${r.example === null ? '' : `, such as ${r.example}`})`);
    const why = reasons.length === 0 ? '' : ` ${reasons.length === 1 ? 'The reason' : 'Commonest reasons'}: ${reasons.join('; ')}.`;
    return `${a.entity}: ${a.rejected.toLocaleString('en-GB')} of ${rows(a.source)} ${was} not imported, more than the ${a.limit} the spec allows (max_rejected).${why}`;
  });
}
