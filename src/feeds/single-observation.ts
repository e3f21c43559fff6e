import type { ParsedMessage, RRType } from './observation.js'

/** What every topic but new_domains yields: one observation per message. */
export function observed (
  record: { rrname: string, timeSeen: number },
  rrtype: RRType,
  rdata: string
): ParsedMessage {
  const observation = { rrname: record.rrname, rrtype, rdata, timeSeen: record.timeSeen }
  return { ok: true, observations: [observation] }
}
