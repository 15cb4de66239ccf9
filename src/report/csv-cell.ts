// a spreadsheet runs a cell that starts like this as a formula (OWASP CSV injection)
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?\d+(\.\d+)?$/;

/**
 * One CSV cell, quoted when needed and neutralised with a leading `'` when a spreadsheet would run it.
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"; csvCell('-12.50') // '-12.50'
 */
export function csvCell(value: string | number): string {
  const raw = String(value);
  const text = formulaStart.test(raw) && !plainNumber.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
