import { isUtf8 } from 'node:buffer'
import type { RejectedMessage } from './observation.js'
import { reject } from './reject-codes.js'

/**
 * Largest message parsed. The biggest real record, a TXT RRset, fits in a 64 KiB DNS message
 * (RFC 1035 4.2.2 length prefix); anything larger is junk, rejected on its length alone.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024

export type PayloadText = { ok: true, text: string } | RejectedMessage

const LF = 0x0a
const CR = 0x0d

/**
 * Turns a Kafka message into text, once. Repairs exactly one trailing LF or CRLF (a producer
 * writing lines); rejects any other CR or LF, since a record never spans lines.
 */
export function payloadText (payload: Buffer): PayloadText {
  if (payload.length > MAX_MESSAGE_BYTES) return tooLarge(payload.length)

  const end = endWithoutLineBreak(payload)
  if (end === 0) return reject('empty', 'the message is empty')

  if (!isUtf8(payload)) return reject('bad_encoding', 'the message is not valid UTF-8')

  const text = payload.toString('utf8', 0, end)
  if (hasLineBreak(text)) return reject('bad_line_break', 'the message has a CR or LF inside it')

  return { ok: true, text }
}

function tooLarge (length: number): RejectedMessage {
  const reason = `the message is ${length} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit`
  return reject('too_large', reason)
}

/** Where the text ends once one trailing LF or CRLF is dropped. */
function endWithoutLineBreak (payload: Buffer): number {
  const end = payload.length
  if (payload[end - 1] !== LF) return end

  return payload[end - 2] === CR ? end - 2 : end - 1
}

function hasLineBreak (text: string): boolean {
  return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
}
