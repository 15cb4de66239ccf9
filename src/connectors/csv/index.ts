export { openCsvSource } from './csv-source.js';
export type { CsvSource, CsvSourceOptions } from './csv-source.js';
export type { CsvDelimiter, CsvEncoding, CsvEscapes } from './csv-sniffer.js';
