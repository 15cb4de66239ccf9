export { openXlsxSources } from './xlsx-source.js';
export type { XlsxSourceOptions } from './xlsx-source.js';
