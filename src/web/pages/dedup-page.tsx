import type { DedupResult } from '../../pipeline/index.js';
import { CsrfField } from '../layout.js';

type Pair = DedupResult['pairs'][number];

const decisionWords: Readonly<Record<Pair['decision'], string>> = {
  merge: 'proposed merge',
  review: 'to review',
  apart: 'kept apart',
  accepted: 'merged: accepted by a person',
  rejected: 'kept apart: rejected by a person',
  forced: 'merged: forced together by a person',
};
const levelWords = { agree: 'agree', close: 'close', differ: 'differ', blank: 'blank' } as const;

/** A form that posts one decision on the rows named. */
function Decide(p: { csrf: string; entity: string; action: 'accept' | 'reject' | 'split'; keys: readonly string[]; label: string; secondary?: boolean }) {
  return (
    <form class="inline" method="post" action={`/dedup/${p.action}`}>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="entity" value={p.entity} />
      {p.action === 'split' ? <input type="hidden" name="key" value={p.keys[0]!} /> : p.keys.map((k, i) => <input type="hidden" name={i === 0 ? 'a' : 'b'} value={k} />)}
      <button type="submit" class={p.secondary ? 'secondary' : undefined}>{p.label}</button>
    </form>
  );
}

/** One pair: both rows' values per comparison, how each compared, the score, and the buttons to decide it. */
function PairTable(p: { view: DedupResult; pairs: readonly Pair[]; csrf: string; id: string }) {
  const shown = p.view.shown!;
  return (
    <div class="table-wrap">
      <table id={p.id}>
        <thead><tr><th scope="col">Records</th>{shown.comparisons.map((c) => <th scope="col">{c}</th>)}<th scope="col" class="num">Score</th><th scope="col">Now</th><th scope="col">Decide</th></tr></thead>
        <tbody>
          {p.pairs.map((pair) => {
            const a = shown.values.get(pair.a) ?? {};
            const b = shown.values.get(pair.b) ?? {};
            const label = `${pair.a} and ${pair.b}`;
            return (
              <tr data-pair={`${pair.a} ${pair.b}`}>
                <td>{pair.a}<br />{pair.b}</td>
                {shown.comparisons.map((c) => <td>{a[c] ?? ''}<br />{b[c] ?? ''}<br /><small class={`level-${pair.fields[c]}`}>{levelWords[pair.fields[c] ?? 'blank']}</small></td>)}
                <td class="num">{pair.score.toFixed(3)}</td>
                <td>{decisionWords[pair.decision]}</td>
                <td>
                  {pair.decision === 'accepted' || pair.decision === 'forced' ? null : <Decide csrf={p.csrf} entity={p.view.entity} action="accept" keys={[pair.a, pair.b]} label={`Merge ${label}`} />}{' '}
                  {pair.decision === 'rejected' ? null : <Decide csrf={p.csrf} entity={p.view.entity} action="reject" keys={[pair.a, pair.b]} label={`Keep ${label} apart`} secondary />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Duplicates: the pairs waiting for a person, the clusters proposed for merging with the
 * pairs that joined them, and the forms to merge or keep apart a pair, split a record out
 * of its cluster or force two records together.
 */
export function DedupPage(p: { view: DedupResult; csrf: string; done?: string; problem?: string }) {
  const v = p.view;
  const review = v.pairs.filter((x) => x.decision === 'review');
  const decided = v.pairs.filter((x) => x.decision === 'accepted' || x.decision === 'rejected' || x.decision === 'forced');
  const inCluster = new Map(v.clusters.flatMap((c) => c.members.map((m) => [m, c.id] as const)));
  return (
    <>
      <p class="guide">These {v.entity} records look like the same person typed in more than once, in snapshot {v.snapshot}. Records that score {v.mergeAt} or more are merged into one; between {v.reviewAt} and {v.mergeAt} they wait for your decision. Merge a pair, keep it apart, take a record out of its group, or force two records together: the decision holds for every later delivery and migration.</p>
      {p.done ? <p class="notice" role="status">{p.done}</p> : null}
      {p.problem ? <p class="problem" role="alert">{p.problem}</p> : null}
      <p>{v.rows} records compared in {v.compared} pairs: {v.clusters.length} groups to merge, {review.length} pairs to review.</p>
      <h2 id="review">Pairs to review</h2>
      {review.length === 0 ? <p>No pair is waiting for a decision.</p> : <PairTable view={v} pairs={review} csrf={p.csrf} id="review-pairs" />}
      <h2 id="clusters">Groups to merge</h2>
      {v.clusters.length === 0 ? <p>No records are to be merged.</p> : v.clusters.map((c) => (
        <section class="thread" aria-labelledby={`cluster-${c.id}`}>
          <h3 id={`cluster-${c.id}`}>{`Group ${c.id}: ${c.members.length} records, kept as ${c.survivor}`}</h3>
          <ul>
            {c.members.map((m) => (
              <li>
                {m}{m === c.survivor ? ' (keeps its record)' : ''}{' '}
                <Decide csrf={p.csrf} entity={v.entity} action="split" keys={[m]} label={`Take ${m} out of group ${c.id}`} secondary />
              </li>
            ))}
          </ul>
          <PairTable view={v} pairs={v.pairs.filter((x) => x.decision !== 'review' && x.decision !== 'rejected' && inCluster.get(x.a) === c.id && inCluster.get(x.b) === c.id)} csrf={p.csrf} id={`cluster-${c.id}-pairs`} />
        </section>
      ))}
      <h2 id="force">Force two records together</h2>
      <form method="post" action="/dedup/force">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="entity" value={v.entity} />
        <div class="field"><label for="force-a">First record's reference</label><input type="text" id="force-a" name="a" required /></div>
        <div class="field"><label for="force-b">Second record's reference</label><input type="text" id="force-b" name="b" required /></div>
        <button type="submit">Force them together</button>
      </form>
      <h2 id="decided">Decided by people</h2>
      {decided.length === 0 ? <p>No decisions yet.</p> : <PairTable view={v} pairs={decided} csrf={p.csrf} id="decided-pairs" />}
    </>
  );
}
