/** The little of a stream the CLI needs, so tests can capture output. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Progress of a run on stderr: a line that updates in place on a terminal, one line per entity otherwise. */
export function progressPrinter(stream: OutputStream, quiet: boolean): (e: { entity: string; rows: number; done: boolean }) => void {
  const started = new Map<string, number>();
  return (e) => {
    if (quiet) return;
    const t0 = started.get(e.entity) ?? performance.now();
    started.set(e.entity, t0);
    const seconds = (performance.now() - t0) / 1000;
    const rate = seconds > 0 ? Math.round(e.rows / seconds) : 0;
    const text = `  ${e.entity.padEnd(16)} ${e.rows.toLocaleString('en-GB').padStart(11)} rows  ${rate.toLocaleString('en-GB').padStart(9)} rows/s`;
    if (stream.isTTY) {
      stream.write(`\r${text}\x1b[K${e.done ? '\n' : ''}`);
    } else if (e.done) {
      stream.write(`${text}\n`);
    }
  };
}
