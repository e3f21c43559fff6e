import { normalizeName } from './dns-name.js'
import type { RejectedMessage } from './observation.js'
import { readPipeFields, type PipeLayout } from './pipe-fields.js'
import { parseEpochText } from './timestamp.js'

/** A pipe message read up to its last field, which each topic checks its own way. */
export interface PipeRecord {
  ok: true
  fields: string[]
  timeSeen: number
  rrname: string
  /** The last field, raw: an address, a name, an MX value. */
  value: string
}

/**
 * Reads a message whose last three fields are `timestamp|owner name|value`; new_domains puts
 * one more (the record type) in front, so the three are counted from the end of the layout.
 */
export function readPipeRecord (
  payload: Buffer,
  nowSeconds: number,
  layout: PipeLayout
): PipeRecord | RejectedMessage {
  const split = readPipeFields(payload, layout)
  if (!split.ok) return split

  const at = layout.length - 3
  const time = parseEpochText(split.fields[at]!, nowSeconds)
  if (!time.ok) return time

  const owner = normalizeName(split.fields[at + 1]!, layout[at + 1])
  if (!owner.ok) return owner

  const value = split.fields[at + 2]!
  return { ok: true, fields: split.fields, timeSeen: time.seconds, rrname: owner.name, value }
}
