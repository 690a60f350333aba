/**
 * CSV for Excel: RFC 4180 quoting, CRLF line ends, and cells that Excel would run as formulas
 * made inert. The caller adds the UTF-8 BOM when it sends the file. Pure.
 */

/**
 * One CSV document from rows of cells.
 *
 * @example
 * toCsv([['单位', '办结率'], ['综合科', '100.0%']]); // '单位,办结率\r\n综合科,100.0%\r\n'
 */
export function toCsv(lines: readonly (readonly unknown[])[]): string {
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Cells starting with = + - @ (not a number) are prefixed with ' so Excel does not run them. */
function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
