// CSV writing (RFC 4180) for exports that officers open in a spreadsheet. Spreadsheets run a cell that
// starts like a formula, so text from residents is defused before it is written (CSV injection).

/** What a cell may hold: null and undefined are empty cells; a Date is written as ISO 8601 UTC. */
export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

/** Options of `toCsv`. */
export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so that Excel reads the file as UTF-8 (default false). */
  bom?: boolean;
}

/** The byte order mark that tells Excel a CSV file is UTF-8. */
export const UTF8_BOM = '\uFEFF';
/** The media type to serve a CSV export with (RFC 7111 `header` parameter says the first row names the columns). */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

const CRLF = '\r\n';
/** Leading characters that make a spreadsheet treat a cell as a formula (OWASP's list), and LF for good measure. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Text made safe to open in a spreadsheet: a value that starts with `=`, `+`, `-`, `@`, tab, CR or LF
 * gets a leading apostrophe, which spreadsheets show as text instead of running it.
 */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One field, quoted where RFC 4180 needs it (a comma, a double quote, CR or LF inside; quotes doubled).
 * Numbers are written as numbers (a negative number is a number, not a formula); text is defused.
 */
export function csvCell(value: CsvCell): string {
  let text: string;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // NaN and Infinity are no spreadsheet number; an empty cell says "no value" honestly.
    if (!Number.isFinite(value)) return '';
    text = String(value);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'boolean') {
    text = value ? 'true' : 'false';
  } else if (value instanceof Date) {
    text = Number.isNaN(value.getTime()) ? '' : value.toISOString();
  } else {
    text = defuseFormula(value);
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: the fields joined with commas, ending with CRLF (RFC 4180 section 2). */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}

/**
 * A whole CSV document: every row (the header first, if there is one) as a CRLF-terminated record,
 * optionally preceded by a UTF-8 BOM.
 */
export function toCsv(rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  let out = options.bom ? UTF8_BOM : '';
  for (const row of rows) out += csvRow(row);
  return out;
}
