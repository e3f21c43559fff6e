import type { RejectedMessage } from './observation.js'
import { idnToAscii } from './idn-label.js'
import { reject } from './reject-codes.js'

/** RFC 1035 2.3.4: a label is at most 63 octets. */
export const MAX_LABEL_OCTETS = 63

export type LabelResult = { ok: true, text: string, octets: number } | RejectedMessage

const BACKSLASH = 0x5c
const DOT = 0x2e
const STAR = 0x2a

interface Piece {
  text: string
  width: number
}

/**
 * Characters that stand for themselves in a canonical name, by code: a-z 0-9 - _ and /
 * (RFC 2317 classless reverse zones); A-Z lowered, as names compare ASCII case-insensitively
 * (RFC 4343). One shared piece per character, so the loop below allocates nothing for them.
 */
const PLAIN: (Piece | undefined)[] = []
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-_/') PLAIN[c.charCodeAt(0)] = piece(c)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') PLAIN[c.charCodeAt(0)] = piece(c.toLowerCase())

function piece (text: string): Piece {
  return Object.freeze({ text, width: 1 })
}

const ESCAPED_DOT: Piece = Object.freeze({ text: '\\.', width: 2 })

const DECIMAL_DOT: Piece = Object.freeze({ text: '\\.', width: 4 })

/**
 * Canonicalizes one label (between unescaped dots). `subject` starts each reason, e.g.
 * `hostname "a..b"`. A label with non-ASCII characters goes to IDNA instead.
 */
export function normalizeLabel (label: string, leftmost: boolean, subject: string): LabelResult {
  if (label.length === 0) return reject('empty_label', `${subject} has an empty label`)

  if (label === '*') return leftmost ? { ok: true, text: '*', octets: 1 } : badWildcard(subject)

  if (hasNonAscii(label)) return idnLabel(label, subject)

  return asciiLabel(label, subject)
}

function asciiLabel (label: string, subject: string): LabelResult {
  let text = ''
  let octets = 0
  for (let i = 0; i < label.length; octets++) {
    const code = label.charCodeAt(i)
    const next = code === BACKSLASH ? readEscape(label, i) : PLAIN[code]
    if (next === undefined) return badOctet(code, subject)

    text += next.text
    i += next.width
  }
  return checkedLength(text, octets, subject)
}

/**
 * RFC 1035 5.1 escapes, one octet each: `\.` stays; `\DDD` becomes the plain character when
 * there is one (so a name has one spelling), `\.` for a dot, else stays `\DDD`. Other `\X`
 * forms are refused: the feed only ever escapes dots.
 */
function readEscape (label: string, at: number): Piece | undefined {
  if (label.charCodeAt(at + 1) === DOT) return ESCAPED_DOT

  const digits = label.slice(at + 1, at + 4)
  if (!/^[0-9]{3}$/.test(digits) || Number(digits) > 255) return undefined

  const octet = Number(digits)
  if (octet === DOT) return DECIMAL_DOT

  const plain = PLAIN[octet]
  return { text: plain === undefined ? `\\${digits}` : plain.text, width: 4 }
}

function checkedLength (text: string, octets: number, subject: string): LabelResult {
  if (octets <= MAX_LABEL_OCTETS) return { ok: true, text, octets }

  const reason = `${subject} has a label of ${octets} octets; the limit is ${MAX_LABEL_OCTETS}`
  return reject('label_too_long', reason)
}

function idnLabel (label: string, subject: string): LabelResult {
  const ascii = idnToAscii(label)
  if (ascii === undefined) return badIdn(label, subject)

  return checkedLength(ascii, ascii.length, subject)
}

function hasNonAscii (label: string): boolean {
  for (let i = 0; i < label.length; i++) if (label.charCodeAt(i) > 0x7f) return true

  return false
}

function badWildcard (subject: string): RejectedMessage {
  return reject('bad_wildcard', `${subject} has a * that is not the whole leftmost label`)
}

function badOctet (code: number, subject: string): RejectedMessage {
  if (code === BACKSLASH) return badEscape(subject)

  if (code === STAR) return badWildcard(subject)

  return reject('bad_name_character', `${subject} contains ${describeCharacter(code)}`)
}

function badEscape (subject: string): RejectedMessage {
  const reason = `${subject} has a backslash that is neither \\. nor \\DDD (000 to 255)`
  return reject('bad_escape', reason)
}

function badIdn (label: string, subject: string): RejectedMessage {
  const shown = JSON.stringify(label)
  const reason = `${subject} has the label ${shown}, which does not convert to one xn-- label`
  return reject('bad_idn', reason)
}

function describeCharacter (code: number): string {
  if (code === 0x20) return 'a space'

  if (code < 0x20 || code === 0x7f) return `the control character U+${hex4(code)}`

  return `the character ${JSON.stringify(String.fromCharCode(code))}`
}

function hex4 (code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0')
}
