/**
 * DNSDB's Streaming API Framing (DNSDB API v2, "SAF protocol"): one JSON object a line, a
 * `begin` condition first, each result wrapped as `{"obj": ...}`, and a last condition,
 * `succeeded`, or `limited` with a message when a limit cut the results. A client that sees no
 * final condition knows the transfer broke.
 */
export type SafEnd = { cond: 'succeeded' } | { cond: 'limited', msg: string }

export const SAF_CONTENT_TYPE = 'application/x-ndjson'

export function safBody (objects: readonly object[], end: SafEnd): string {
  const lines = [JSON.stringify({ cond: 'begin' })]
  for (const obj of objects) lines.push(JSON.stringify({ obj }))
  lines.push(JSON.stringify(end))

  return `${lines.join('\n')}\n`
}
