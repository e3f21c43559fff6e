import type { RejectedMessage } from './observation.js'
import { payloadText } from './payload-text.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

/** The names of a pipe topic's fields in order, e.g. `['timestamp', 'host', 'cname']`. */
export type PipeLayout = readonly string[]

export type PipeFields = { ok: true, fields: string[] } | RejectedMessage

/** Reads a pipe-separated message: decoded text, split into exactly the layout's fields. */
export function readPipeFields (payload: Buffer, layout: PipeLayout): PipeFields {
  const decoded = payloadText(payload)
  if (!decoded.ok) return decoded

  return splitPipeFields(decoded.text, layout)
}

/**
 * Splits on `|`. No field can contain a pipe, so any count but the layout's is a reject. A
 * field padded with white space is rejected, not trimmed: the feed never pads, so padding
 * means a broken producer whose other fields can't be trusted either.
 */
export function splitPipeFields (text: string, layout: PipeLayout): PipeFields {
  const fields = text.split('|', layout.length + 1)
  if (fields.length !== layout.length) return badFieldCount(text, layout)

  for (let i = 0; i < fields.length; i++) {
    if (isPadded(fields[i]!)) return padded(layout[i]!, fields[i]!)
  }
  return { ok: true, fields }
}

function badFieldCount (text: string, layout: PipeLayout): RejectedMessage {
  const found = countPipes(text) + 1
  const expected = `${layout.length} fields "${layout.join('|')}"`
  return reject('bad_field_count', `expected ${expected} but found ${found} in ${quote(text)}`)
}

function countPipes (text: string): number {
  let count = 0
  for (let at = text.indexOf('|'); at >= 0; at = text.indexOf('|', at + 1)) count++
  return count
}

function isPadded (field: string): boolean {
  if (field.length === 0) return false

  return isBlank(field.charCodeAt(0)) || isBlank(field.charCodeAt(field.length - 1))
}

function isBlank (code: number): boolean {
  return code === 0x20 || code === 0x09
}

function padded (name: string, field: string): RejectedMessage {
  return reject('padded_field', `the ${name} field ${quote(field)} has white space around it`)
}
