import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError, type Location } from '../core/cutover-error.js';
import type { SourceRow } from '../core/source-row.js';
import type { SourceTable } from '../connectors/source.js';
import type { TableOrderOptions } from '../connectors/table-order.js';

/**
 * The contract's tables, as text in insertion order; each engine creates them with its
 * own column types in a database (schema, file) of their own, so nothing else is listed.
 */
export const contractTables = {
  /** region char(2), id integer, name text or null; primary key (region, id); rows out of key order */
  people: [
    ['NO', '2', '李'],
    ['EU', '10', 'Łukasz'],
    ['EU', '9', 'Zoë'],
    ['NO', '1', null],
  ],
  /** person integer, note text; no primary key */
  diary: [
    ['2', 'b'],
    ['1', 'z'],
    ['2', 'a'],
  ],
} as const satisfies Record<string, readonly (readonly (string | null)[])[]>;

/** One engine's contract tables, made by its setup. */
export interface TableSourceSubject {
  /** the source's name for a contract table: `people`, or `schema.people` */
  name(table: string): string;
  open(table: string, options?: TableOrderOptions): Promise<SourceTable>;
  /** the types the source reports for people's region, id and name */
  readonly types: readonly string[];
  readonly details: Readonly<Record<string, string>>;
  /** where table_missing says the tables are, and its context */
  readonly missing: { readonly place: string; readonly where?: Location };
  /** opens a table on a server that does not answer (port 1, a password in the URL), naming the server as `label`; or why there is none */
  /** removes what setup made */
  drop(): Promise<void>;
}

/** What a source says of itself, and its rows. */
export interface TableRead {
  readonly name: string;
  readonly columns: readonly string[];
  readonly types: readonly string[];
  readonly details: Readonly<Record<string, string>> | undefined;
  readonly rows: readonly SourceRow[];
}

/**
 * Opens a source, reads what it says of itself and every row, and closes it.
 * @example expect(await readTable(openSqliteTable(file, 'people'))).toEqual({ name: 'people', columns: […], … });
 */
export async function readTable(opening: Promise<SourceTable>): Promise<TableRead> {
  const source = await opening;
  try {
    const { name, columns, types, details } = source;
    return { name, columns, types, details, rows: await readRows(source) };
  } finally {
    await source.close();
  }
}

/** Reads every row of a source. */
export async function readRows(source: SourceTable, signal?: AbortSignal): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of source.rows(signal)) rows.push(row);
  return rows;
}

/**
 * The CutoverError `work` fails with, as code, message and context; fails the test when it does not.
 * @example expect(await failureOf(openSqliteTable('x.db', 'people'))).toEqual({ code: 'file_missing', message: '…', where: { file: 'x.db' } });
 */
export async function failureOf(work: Promise<unknown>): Promise<{ code: string; message: string; where?: Location }> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CutoverError)) throw new Error(`expected a CutoverError, got ${String(error)}`);
  return { code: error.code, message: error.message, where: error.where };
}

/** Whatever a read ends with: 'done', or the message it failed with. */
async function ending(read: Promise<unknown>): Promise<string> {
  return read.then(
    () => 'done',
    (error: Error) => error.message,
  );
}

const people: SourceRow[] = [
  { values: ['EU', '9', 'Zoë'], line: 1 },
  { values: ['EU', '10', 'Łukasz'], line: 2 },
  { values: ['NO', '1', null], line: 3 },
  { values: ['NO', '2', '李'], line: 4 },
];

/**
 * Declares the behaviour every database table source must have, run against a real
 * database: `setup` creates the contract tables and says how to open them.
 * @example describeTableSourceContract('SQLite', async () => ({ name: (t) => t, open: (t, o) => openSqliteTable(file, t, o), … }));
 */
/** How to reach a server that does not answer, for sources that have a server. */
export interface UnreachableServer {
  readonly open: () => Promise<SourceTable>;
  readonly label: string;
}

export function describeTableSourceContract(name: string, setup: () => Promise<TableSourceSubject>, unreachable?: UnreachableServer): void {
  describe(`the table source contract: ${name}`, () => {
    let subject: TableSourceSubject;

    beforeAll(async () => {
      subject = await setup();
    });

    afterAll(async () => {
      await subject?.drop();
    });

    async function using<T>(table: string, work: (source: SourceTable) => Promise<T>): Promise<T> {
      const source = await subject.open(subject.name(table));
      try {
        return await work(source);
      } finally {
        await source.close();
      }
    }

    it('reads every row in primary key order, each line its ordinal, and describes the table', async () => {
      expect(await readTable(subject.open(subject.name('people')))).toEqual({
        name: subject.name('people'),
        columns: ['region', 'id', 'name'],
        types: subject.types,
        details: subject.details,
        rows: people,
      });
    });

    it('reads a table without a primary key in the order of every column', async () => {
      expect((await readTable(subject.open(subject.name('diary')))).rows).toEqual([
        { values: ['1', 'z'], line: 1 },
        { values: ['2', 'a'], line: 2 },
        { values: ['2', 'b'], line: 3 },
      ]);
    });

    it('reads in the order orderBy names', async () => {
      const { rows } = await readTable(subject.open(subject.name('people'), { orderBy: ['id'] }));
      expect(rows.map((row) => [row.line, row.values[1]])).toEqual([
        [1, '1'],
        [2, '2'],
        [3, '9'],
        [4, '10'],
      ]);
    });

    it('reads afresh on every call, also after a read that stopped early', async () => {
      const reads = await using('people', async (source) => {
        const first: SourceRow[] = [];
        for await (const row of source.rows()) {
          first.push(row);
          if (first.length === 2) break;
        }
        return [first, await readRows(source), await readRows(source)];
      });
      expect(reads).toEqual([people.slice(0, 2), people, people]);
    });

    it('stops with the reason when its signal is aborted, before or during a read', async () => {
      const seen: number[] = [];
      const endings = await using('people', async (source) => {
        const before = await ending(readRows(source, AbortSignal.abort(new Error('the run was cancelled'))));
        const controller = new AbortController();
        const during = await ending(
          (async () => {
            for await (const row of source.rows(controller.signal)) {
              seen.push(row.line);
              controller.abort(new Error('the run was cancelled'));
            }
          })(),
        );
        return { before, during };
      });
      expect({ endings, seen }).toEqual({ endings: { before: 'the run was cancelled', during: 'the run was cancelled' }, seen: [1] });
    });

    it('ends a read in progress when it is closed, and refuses to read once closed', async () => {
      const source = await subject.open(subject.name('people'));
      const seen: number[] = [];
      const during = await ending(
        (async () => {
          for await (const row of source.rows()) {
            seen.push(row.line);
            await source.close();
          }
        })(),
      );
      const seenAfter: number[] = [];
      const after = await ending(
        (async () => {
          for await (const row of source.rows()) seenAfter.push(row.line);
        })(),
      );
      const closed = `The source for table "${subject.name('people')}" was closed.`;
      expect({ seen, during, seenAfter, after }).toEqual({ seen: [1], during: closed, seenAfter: [], after: closed });
    });

    it('names a missing table and lists the tables there are', async () => {
      expect(await failureOf(subject.open(subject.name('peple')))).toEqual({
        code: 'table_missing',
        message: `Table "peple" was not found in ${subject.missing.place}. Its tables are: diary, people. Check the table name in cutover.yaml.`,
        where: subject.missing.where,
      });
    });

    // a source without a server (SQLite) has no such case to run
    if (unreachable) {
      it('says which server did not answer, without the password from the URL', async () => {
        expect(await failureOf(unreachable.open())).toEqual({
          code: 'source_unreachable',
          message: `${unreachable.label} did not answer (connect ECONNREFUSED). Check that the server is running and the URL in cutover.yaml.`,
        });
      });
    }

    it('names an order-by column the table does not have', async () => {
      expect(await failureOf(subject.open(subject.name('people'), { orderBy: ['id', 'nmae'] }))).toEqual({
        code: 'column_missing',
        message: `Table "${subject.name('people')}" has no column "nmae" to order by. Its columns are: region, id, name. Check orderBy in cutover.yaml.`,
      });
    });
  });
}
