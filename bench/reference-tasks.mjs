#!/usr/bin/env node
// The references the benchmarks measure Cutover against, each run as a process of its own
// so GNU time gives its wall time, CPU and peak memory. Prints one line of JSON.
// usage: node bench/reference-tasks.mjs parse-udsv FILE...
//        node bench/reference-tasks.mjs parse-papa FILE...
//        node bench/reference-tasks.mjs copy-into-pglite DATA_DIR SCHEMA_FILE DUMPS_DIR
import { readFileSync } from 'node:fs';
import { copyIntoPglite } from './bench-kit.mjs';

const [task, ...args] = process.argv.slice(2);

/** The file's text: UTF-8 when it is valid UTF-8 (its byte order mark dropped), else Windows-1252. */
function fileText(path) {
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

if (task === 'parse-udsv') {
  const { inferSchema, initParser } = await import('udsv');
  let rows = 0;
  for (const file of args) {
    const text = fileText(file);
    const parser = initParser(inferSchema(text));
    rows += parser.stringArrs(text).length;
  }
  console.log(JSON.stringify({ rows }));
} else if (task === 'parse-papa') {
  const Papa = (await import('papaparse')).default;
  let rows = 0;
  for (const file of args) {
    const result = Papa.parse(fileText(file), { header: false, skipEmptyLines: true });
    rows += result.data.length - 1;
  }
  console.log(JSON.stringify({ rows }));
} else if (task === 'copy-into-pglite') {
  const [dataDir, schemaFile, dumps] = args;
  console.log(JSON.stringify({ copySeconds: await copyIntoPglite(dataDir, schemaFile, dumps) }));
} else {
  throw new Error(`unknown task ${task}: parse-udsv, parse-papa or copy-into-pglite`);
}
