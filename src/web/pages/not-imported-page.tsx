import type { RejectedRow } from '../../core/ledger.js';

/** The rows a run did not import, filtered and paged. */
export interface NotImportedView {
  readonly runId: number;
  readonly total: number;
  readonly entities: readonly string[];
  readonly reasons: readonly string[];
  readonly entity: string;
  readonly reason: string;
  readonly page: number;
  readonly pages: number;
  readonly matching: number;
  readonly rows: readonly RejectedRow[];
}

const link = (v: NotImportedView, page: number) => `/not-imported?${new URLSearchParams({ entity: v.entity, reason: v.reason, page: String(page) }).toString()}`;

/** Not imported: the rejected and excluded rows with their reasons, filterable by record type and reason, paged, downloadable. */
export function NotImportedPage(p: { view: NotImportedView; canQuery: boolean }) {
  const v = p.view;
  return (
    <>
      <p class="guide">
        Every row of your data that run {v.runId} did not bring into the new system is listed here with the reason, and where it sits in the data you delivered.
        Download the whole list as a workbook, or raise a query on a row.
      </p>
      <p>
        {v.total.toLocaleString('en-GB')} rows were not imported. <a class="button" href={`/not-imported/download?run=${v.runId}`}>Download the list (XLSX)</a>
      </p>
      <form method="get" action="/not-imported" class="filters">
        <div class="field">
          <label for="entity">Record type</label>
          <select id="entity" name="entity">
            <option value="">all</option>
            {v.entities.map((e) => <option value={e} selected={e === v.entity}>{e}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="reason">Reason</label>
          <select id="reason" name="reason">
            <option value="">all</option>
            {v.reasons.map((r) => <option value={r} selected={r === v.reason}>{r}</option>)}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      <p role="status">{v.matching.toLocaleString('en-GB')} rows match; page {v.page} of {Math.max(v.pages, 1)}.</p>
      <div class="table-wrap">
        <table>
          <caption class="muted">Rows not imported</caption>
          <thead><tr><th scope="col">Record type</th><th scope="col">Where</th><th scope="col">Reference</th><th scope="col">Outcome</th><th scope="col">Why</th><th scope="col">Value</th>{p.canQuery ? <th scope="col">Query</th> : null}</tr></thead>
          <tbody>
            {v.rows.map((r) => (
              <tr>
                <td>{r.entity}</td>
                <td>{`${r.file}:${r.line}`}</td>
                <td>{r.reference}</td>
                <td>{r.outcome}</td>
                <td>{r.message}</td>
                <td>{r.field ? `${r.field}: ${r.value ?? '(blank)'}` : ''}</td>
                {p.canQuery ? <td><a href={`/queries/new?kind=rejected&ref=${encodeURIComponent(`${r.entity} ${r.file}:${r.line}`)}`}>Raise a query<span class="visually-plain"> on {r.file}:{r.line}</span></a></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages of the list">
        {v.page > 1 ? <a href={link(v, v.page - 1)}>Previous page</a> : null}{' '}
        {v.page < v.pages ? <a href={link(v, v.page + 1)}>Next page</a> : null}
      </nav>
    </>
  );
}
