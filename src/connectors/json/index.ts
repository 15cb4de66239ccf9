export { openJsonSource } from './json-source.js';
export type { JsonSourceOptions } from './json-source.js';
export type { JsonFormat } from './json-parser.js';
