import type { RejectedMessage } from './observation.js'
import { MAX_LABEL_OCTETS, normalizeLabel } from './dns-label.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

export { reverseName, unreverseName } from './reverse-name.js'

/**
 * RFC 1035 2.3.4 caps a name at 255 wire octets; written out without the root dot, that is
 * 253 octets of labels and separating dots. The canonical form's final root dot is not
 * counted: with it, the longest name is 254 octets of text.
 */
export const MAX_NAME_OCTETS = 253

/** The root zone's name: the feed carries it (the root SOA, the root NS set). */
export const ROOT_NAME = '.'

/**
 * No name longer than this in characters can fit 253 octets, even written as `\DDD`s; the
 * one more is for the root dot.
 */
const MAX_RAW_CHARS = 4 * MAX_NAME_OCTETS + 1

export type NameResult = { ok: true, name: string } | RejectedMessage

/**
 * Canonical form of a DNS name from the feed: ASCII lower case, fully qualified (one trailing
 * root dot, added when the feed left it out, as DNSDB and the Common Output Format write names),
 * non-ASCII labels as punycode A-labels, `\DDD` escapes as plain characters where there is
 * one. Nothing is trimmed: padding or any character outside a-z 0-9 - _ / and escapes is a
 * reject, as are empty or over-long labels and names, and a `*` that is not a whole leftmost
 * label. `what` names the field in reasons (`hostname "a..b" has an empty label`).
 */
export function normalizeName (raw: string, what = 'name'): NameResult {
  const end = plainNameEnd(raw)
  if (end === raw.length) return { ok: true, name: `${raw}.` }

  if (end >= 0) return { ok: true, name: raw }

  return normalizeSlowly(raw, what)
}

const DOT = 0x2e

/** a-z 0-9 - _: names made of these alone (nearly all) need no rewriting. */
const PLAIN_LOWER = new Uint8Array(128)
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-_') PLAIN_LOWER[c.charCodeAt(0)] = 1

/**
 * Fast path: the name's length without its root dot if it is already canonical and in
 * limits, else -1 and the slow path decides (and explains).
 */
function plainNameEnd (raw: string): number {
  const end = raw.charCodeAt(raw.length - 1) === DOT ? raw.length - 1 : raw.length
  if (end === 0 || end > MAX_NAME_OCTETS) return -1

  let labelStart = 0
  for (let i = 0; i < end; i++) {
    const code = raw.charCodeAt(i)
    if (code !== DOT) {
      if (PLAIN_LOWER[code] !== 1) return -1
    } else if (!isLabelLength(i - labelStart)) return -1
    else labelStart = i + 1
  }
  return isLabelLength(end - labelStart) ? end : -1
}

function isLabelLength (octets: number): boolean {
  return octets > 0 && octets <= MAX_LABEL_OCTETS
}

function normalizeSlowly (raw: string, what: string): NameResult {
  if (raw.length === 0) return reject('empty_name', `the ${what} is empty`)

  if (raw === ROOT_NAME) return { ok: true, name: ROOT_NAME }

  const subject = `${what} ${quote(raw)}`
  if (raw.length > MAX_RAW_CHARS) return tooLong(subject, raw.length, 'characters')

  return joinLabels(splitLabels(raw), subject)
}

/** Splits on unescaped dots; a final unescaped dot (the root) ends the name, once. */
function splitLabels (raw: string): string[] {
  const labels: string[] = []
  let start = 0
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i)
    if (code === 0x5c) i++
    else if (code === DOT) {
      labels.push(raw.slice(start, i))
      start = i + 1
    }
  }
  if (start < raw.length) labels.push(raw.slice(start))
  return labels
}

function joinLabels (labels: string[], subject: string): NameResult {
  const canonical: string[] = []
  let octets = labels.length - 1
  for (let i = 0; i < labels.length; i++) {
    const label = normalizeLabel(labels[i]!, i === 0, subject)
    if (!label.ok) return label

    canonical.push(label.text)
    octets += label.octets
  }
  if (octets > MAX_NAME_OCTETS) return tooLong(subject, octets, 'octets')

  return { ok: true, name: `${canonical.join('.')}.` }
}

function tooLong (subject: string, size: number, unit: string): RejectedMessage {
  const reason = `${subject} is ${size} ${unit} long; the limit is ${MAX_NAME_OCTETS} octets`
  return reject('name_too_long', reason)
}
