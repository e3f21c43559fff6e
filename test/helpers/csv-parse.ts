/**
 * A strict RFC 4180 reader for tests, written apart from the product's CSV writer so that
 * each checks the other: every row must end with CRLF, a quoted field may hold commas,
 * CR, LF and doubled quotes, and a quote anywhere else is an error.
 */
export function parseCsv (text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i += 1
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (text[i] === '"') {
          i += 1
          break
        } else {
          field += text[i]
          i += 1
        }
      }
    } else {
      while (i < text.length && !',\r\n'.includes(text[i] as string)) {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`)
        field += text[i]
        i += 1
      }
    }
    row.push(field)
    if (text[i] === ',') {
      i += 1
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row)
      row = []
      i += 2
    } else {
      throw new Error(`expected a comma or CRLF at ${i}`)
    }
  }
  if (row.length > 0) throw new Error('last row without CRLF')

  return rows
}
