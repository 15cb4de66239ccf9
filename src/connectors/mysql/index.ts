export { openMysqlTable } from './mysql-source.js';
export { listMysqlTables } from './mysql-table-list.js';
export { describeMysqlUrl } from './mysql-url.js';
