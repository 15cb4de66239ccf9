import type { MoneyView } from '../../pipeline/index.js';
import { formatMoney } from '../../report/html.js';

const cls = (difference: string) => (/^-?0(\.0+)?$/.test(difference) ? 'num status-ok' : 'num status-bad');

/** Money: the balances to the penny, per account and per landlord, tenancy and supplier. */
export function MoneyPage(p: { money: MoneyView }) {
  const m = p.money;
  const head = (first: string) => (
    <thead><tr><th scope="col">{first}</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Your data</th><th scope="col" class="num">Not imported</th><th scope="col" class="num">New system</th><th scope="col" class="num">Difference</th></tr></thead>
  );
  return (
    <>
      <p class="guide">Opening balances must reconcile to the penny with your client and deposit accounts. Each amount is shown three ways: in the data you delivered, in rows not imported, and in the new system. The difference must be 0.00.</p>
      {m.fields.length === 0 ? <p>This migration carries no money.</p> : null}
      {m.fields.map((f) => (
        <section aria-labelledby={`money-${f.entity}-${f.field}`}>
          <h2 id={`money-${f.entity}-${f.field}`}>{`${f.entity}: ${f.field}`}</h2>
          <div class="table-wrap">
            <table>
              {head('Account')}
              <tbody>
                {f.groups.map((g) => <tr><th scope="row">{g.group}</th><td class="num">{g.rows.toLocaleString('en-GB')}</td><td class="num">{formatMoney(g.source)}</td><td class="num">{formatMoney(g.notLoaded)}</td><td class="num">{formatMoney(g.target)}</td><td class={cls(g.difference)}>{formatMoney(g.difference)}</td></tr>)}
                <tr><th scope="row">All</th><td></td><td class="num">{formatMoney(f.source)}</td><td class="num">{formatMoney(f.notLoaded)}</td><td class="num">{formatMoney(f.target)}</td><td class={cls(f.difference)}>{formatMoney(f.difference)}</td></tr>
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {m.byParent.map((b) => (
        <section aria-labelledby={`by-${b.entity}-${b.field}-${b.through}`}>
          <h2 id={`by-${b.entity}-${b.field}-${b.through}`}>{`${b.entity}: ${b.field} per ${b.parent} (${b.through})`}</h2>
          <div class="table-wrap">
            <table>
              {head(b.parent)}
              <tbody>
                {b.groups.map((g) => <tr><th scope="row">{g.keys.join(', ')}</th><td class="num">{g.rows.toLocaleString('en-GB')}</td><td class="num">{formatMoney(g.source)}</td><td class="num">{formatMoney(g.notLoaded)}</td><td class="num">{formatMoney(g.target)}</td><td class={cls(g.difference)}>{formatMoney(g.difference)}</td></tr>)}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
