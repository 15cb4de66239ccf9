import type { RunProgress } from '../core/run-result.js';

/** The little of a stream the CLI needs, so tests can capture output. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Progress of a run on stderr: a line that updates in place on a terminal, one line per entity otherwise. */
export function progressPrinter(stream: OutputStream, quiet: boolean): (e: RunProgress) => void {
  const started = new Map<string, number>();
  return (e) => {
    if (quiet) return;
    const t0 = started.get(e.entity) ?? performance.now();
    started.set(e.entity, t0);
    const seconds = (performance.now() - t0) / 1000;
    const rate = seconds > 0 ? Math.round(e.rows / seconds) : 0;
    const share = e.total > 0 ? Math.min(1, e.rows / e.total) : 1;
    const bar = '█'.repeat(Math.round(share * 20)).padEnd(20, '░');
    const eta = !e.done && rate > 0 && e.total > e.rows ? `  ${Math.ceil((e.total - e.rows) / rate)} s left` : '';
    const text = `  ${e.entity.padEnd(16)} ${bar} ${e.rows.toLocaleString('en-GB').padStart(11)} of ${e.total.toLocaleString('en-GB')} rows  ${rate.toLocaleString('en-GB').padStart(9)} rows/s${eta}`;
    if (stream.isTTY) {
      stream.write(`\r${text}\x1b[K${e.done ? '\n' : ''}`);
    } else if (e.done) {
      stream.write(`${text}\n`);
    }
  };
}
