import type { Survival } from './dedup-spec.js';

type Values = readonly (string | null)[];

const filled = (v: string | null | undefined): v is string => v !== null && v !== undefined && v !== '';

/**
 * The values a merged person keeps: `rows` are the cluster's mapped rows, the survivor
 * first, each in the order of `fields`. Each field follows its rule in `survive`; a field
 * without one keeps the survivor's own value, so amounts are never taken from another row
 * unless a rule says so. Ties go to the earlier row, so the same cluster always gives the
 * same values.
 */
export function survivingValues(survive: readonly Survival[], fields: readonly string[], rows: readonly Values[]): (string | null)[] {
  const at = (name: string) => fields.indexOf(name);
  const count = (row: Values) => row.reduce((n, v) => (filled(v) ? n + 1 : n), 0);
  const out = fields.map((_, i) => rows[0]![i] ?? null);
  for (const s of survive) {
    const i = at(s.field);
    if (i < 0) continue;
    if (s.rule === 'all_of') {
      // the field gathers another's values, so it may well be blank in every row itself
      const all = [...new Set(rows.map((r) => r[at(s.by)]).filter(filled))];
      if (all.length > 0) out[i] = all.join('; ');
      continue;
    }
    const withValue = rows.filter((r) => filled(r[i]));
    if (withValue.length === 0) continue;
    const best = (score: (row: Values) => number) => withValue.reduce((a, b) => (score(b) > score(a) ? b : a))[i]!;
    switch (s.rule) {
      case 'longest':
        out[i] = best((r) => r[i]!.length);
        break;
      case 'most_complete':
        out[i] = best(count);
        break;
      case 'most_recent': {
        const by = at(s.by);
        // dates are written yyyy-MM-dd, so the latest is the greatest text; undated rows come last
        out[i] = withValue.reduce((a, b) => ((b[by] ?? '') > (a[by] ?? '') ? b : a))[i]!;
        break;
      }
      case 'from': {
        const by = at(s.by);
        const preferred = withValue.find((r) => r[by] === s.value);
        if (preferred) out[i] = preferred[i]!;
        break;
      }
    }
  }
  return out;
}
