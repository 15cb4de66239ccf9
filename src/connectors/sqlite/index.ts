export { openSqliteTable } from './sqlite-source.js';
export { listSqliteTables } from './sqlite-table-list.js';
