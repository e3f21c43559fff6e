/**
 * How a TXT search text is found in stored rdata. TXT rdata is kept in presentation form
 * (txt-rdata.ts): each string quoted, `"` and `\` escaped, control characters as `\DDD`. A
 * search text is escaped the same way, so that it is found as the feed sent it. An escaped
 * text can also occur from inside an escape, though (`10ab` in `\010ab`, which holds a line
 * feed then `ab`; `\"` at the end of `"a\\"`, which holds no quote), so an occurrence that
 * SQLite's instr() finds counts only if it starts on an escape boundary.
 */
import { escapeTxtText } from '../feeds/txt-rdata.js'

/** The text as stored rdata holds it between the quotes of one string. */
export function storedTxtText (text: string): string {
  return escapeTxtText(text)
}

/** A-Z to a-z and nothing else, as SQLite's lower() does without ICU. */
export function asciiLower (text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
}

/** Whether `stored` (escaped) occurs in `rdata` at the start of a character or an escape. */
export function occursWhole (rdata: string, stored: string): boolean {
  let boundary = 0
  for (let at = rdata.indexOf(stored); at >= 0; at = rdata.indexOf(stored, at + 1)) {
    while (boundary < at) boundary += tokenLength(rdata, boundary)
    if (boundary === at) return true
  }

  return false
}

/** `\DDD` is four characters, `\"` and `\\` two, anything else one. */
function tokenLength (rdata: string, at: number): number {
  if (rdata[at] !== '\\') return 1

  return /[0-9]/.test(rdata[at + 1] ?? '') ? 4 : 2
}
