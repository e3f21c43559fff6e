/** Characters a quoted TXT string cannot hold as they are. */
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f]/

const NEEDS_ESCAPE_ALL = /["\\\x00-\x1f\x7f]/g

/**
 * TXT rdata in presentation form (RFC 1035 5.1): each string in `"`, `"` and `\` escaped by
 * a backslash, joined by one space, in the order sent. Everything else, non-ASCII UTF-8
 * included, is kept exactly; control characters, which would break a line-based reader of
 * the rdata, are written as `\DDD`, which the escaped backslash keeps unambiguous.
 */
export function formatTxtRdata (strings: readonly string[]): string {
  let rdata = ''
  for (let i = 0; i < strings.length; i++) {
    rdata += `${i > 0 ? ' ' : ''}"${escapeTxtText(strings[i]!)}"`
  }
  return rdata
}

/** Text as it appears between the quotes of one string: what a TXT search looks for. */
export function escapeTxtText (text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(NEEDS_ESCAPE_ALL, escapeCharacter) : text
}

function escapeCharacter (character: string): string {
  if (character === '"' || character === '\\') return `\\${character}`

  return `\\${character.charCodeAt(0).toString().padStart(3, '0')}`
}
