/**
 * CSV as RFC 4180 has it: a header row, CRLF after every row, a field in double quotes (its
 * quotes doubled) when it holds a comma, a quote, CR or LF, which TXT rdata does. A text field
 * that a spreadsheet would run as a formula (it begins with =, +, -, @, tab or CR) is written
 * with a leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV
 * injection); strip one leading apostrophe from such a field to get the stored value back.
 * A cut or failed list ends with a row whose first field begins with `#`, the others empty.
 */
import type { ListWriter } from './list-writer.js'

const NEEDS_QUOTES = /[",\r\n]/
const FORMULA_START = /^[=+\-@\t\r]/

export function csvField (value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const raw = typeof value === 'string' ? value : JSON.stringify(value)
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw

  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow (values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}

export function csvWriter (columns: readonly string[]): ListWriter {
  const note = (text: string) => csvRow([text, ...columns.slice(1).map(() => '')])

  return {
    head: csvRow(columns),
    records: (records) => records.map((record) => csvRow(columns.map((c) => record[c]))).join(''),
    truncated: (nextCursor, limit) => note(`# truncated at limit=${limit}: more records ` +
      `follow; send cursor=${nextCursor} for the rest`),
    failed: (problem) => note(`# error ${problem.code}: ${problem.detail}; the list is ` +
      'incomplete')
  }
}
