export { openMysqlTable } from './mysql-source.js';
export type { MysqlTableOptions, TableSource } from './mysql-source.js';
export { describeMysqlUrl } from './mysql-url.js';
