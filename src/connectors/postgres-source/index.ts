export { openPostgresTable } from './postgres-source.js';
export { listPostgresTables } from './postgres-table-list.js';
