/**
 * Opaque page cursors: the sort key of the last record of a page, so the next page starts
 * strictly after it (keyset paging never skips or repeats a record, whatever is written in
 * between). A cursor is bound to the query that made it (its scope: the lookup and its
 * filters, as a short digest) and its values are type-checked, so one sent with another query,
 * or forged, is refused instead of silently answering something else. Blobs are tagged so that
 * they survive the trip through JSON, and so are long texts, which a cursor holds in part.
 */
import { createHash } from 'node:crypto'
import { DnsledgerError } from '../errors.js'

export type CursorValue = number | string | Buffer | HeldText

/**
 * What each position of a cursor holds. `rdata` is any of the stored rdata types; `long-rdata`
 * too, and a text too long to carry whole comes back as its HeldText (see heldRdata), which
 * the lookup resolves to the stored value (long-rdata.ts) before it seeks.
 */
export type CursorSlot = 'number' | 'string' | 'rdata' | 'long-rdata'

/** A long text as a cursor carries it: its head and a digest of the whole. */
export interface HeldText {
  head: string
  digest: string
}

/**
 * A cursor carries the sort key of a page's last row, and a TXT record's (or an SOA's) key is
 * its whole rdata, which the feed allows to be tens of kilobytes: sent back in a URL, such a
 * cursor is over the request line Node reads (a 431), and the list cannot be followed. So a
 * text over WHOLE_MAX_BYTES travels as a head of at most HEAD_MAX_BYTES and a digest of the
 * whole, and the lookup finds the stored text again among its owner's rows of that type that
 * start with the head (observations are never deleted, so the text is there). That keeps
 * paging exact (the seek is on the very value the page ended at: no skip, no repeat, however
 * many records share a prefix longer than the head) and needs no column the table lacks: its
 * rows have no identity shorter than (owner, type, rdata). The cost is that resolving walks
 * the owner's rows that share the head, one digest each: few but for a name with many long
 * records alike in their first few hundred bytes. Texts up to WHOLE_MAX_BYTES keep the form
 * cursors always had, so cursors handed out before stay valid, as do older long ones (a whole
 * text is still read as one). With names of plain characters a cursor stays under 1 KB; names
 * written in `\DDD` escapes make it longer (CURSOR_MAX_CHARS).
 */
const WHOLE_MAX_BYTES = 320
const HEAD_MAX_BYTES = 256
const DIGEST_CHARS = 22
const SCOPE_CHARS = 12
const DIGEST = new RegExp(`^[A-Za-z0-9_-]{${DIGEST_CHARS}}$`)

/**
 * The longest cursor a list hands out, which the `cursor` parameter therefore takes
 * (schemas/lookup-query.ts). A cursor carries at most one name: a name key or a target key, a
 * name as rdata (an MX's, after its preference). The longest name in JSON is 255 octets in
 * four labels, 250 of them bytes written `\DDD` whose backslash JSON doubles: 5 bytes each.
 * Besides it: the scope digest, a held rdata (a text's JSON is at most WHOLE_MAX_BYTES, a
 * blob's far less), two safe integers and the moment of paging-clock.ts, with JSON's marks.
 * Base64 then writes 3 bytes as 4 characters. The bound stays, as a guard on what is parsed.
 */
const NAME_JSON_MAX_BYTES = 2 + 250 * 5 + 4
const INTEGER_JSON_MAX_BYTES = String(Number.MIN_SAFE_INTEGER).length
const STAMP_JSON_MAX_BYTES = '{"asked":}'.length + INTEGER_JSON_MAX_BYTES
const CURSOR_JSON_MAX_BYTES = '[]'.length + '"",'.length + SCOPE_CHARS +
  NAME_JSON_MAX_BYTES + 1 + WHOLE_MAX_BYTES + 1 + 2 * (INTEGER_JSON_MAX_BYTES + 1) +
  STAMP_JSON_MAX_BYTES
export const CURSOR_MAX_CHARS = Math.ceil(CURSOR_JSON_MAX_BYTES / 3) * 4

/** 132 bits of SHA-256: a stored text's fingerprint among those sharing its head. */
export function textDigest (text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, DIGEST_CHARS)
}

/** Bytes a text takes in the cursor's JSON. */
function jsonBytes (text: string): number {
  return Buffer.byteLength(JSON.stringify(text))
}

/** The longest start of a text, in whole characters, whose JSON fits HEAD_MAX_BYTES. */
function headOf (text: string): string {
  let head = ''
  let bytes = 2
  for (const char of text) {
    bytes += jsonBytes(char) - 2
    if (bytes > HEAD_MAX_BYTES) break
    head += char
  }

  return head
}

/** A stored rdata as a cursor holds it: whole, or a long text as its head and digest. */
export function heldRdata (rdata: number | string | Buffer): CursorValue {
  if (typeof rdata !== 'string' || jsonBytes(rdata) <= WHOLE_MAX_BYTES) return rdata

  return { head: headOf(rdata), digest: textDigest(rdata) }
}

export function isHeldText (value: CursorValue | undefined): value is HeldText {
  return typeof value === 'object' && !Buffer.isBuffer(value)
}

type Tagged = number | string | { b: string } | { p: string, h: string }

function tag (value: CursorValue): Tagged {
  if (Buffer.isBuffer(value)) return { b: value.toString('hex') }
  if (typeof value === 'object') return { p: value.head, h: value.digest }

  return value
}

function untag (value: unknown, slot: CursorSlot): CursorValue {
  const rdata = slot === 'rdata' || slot === 'long-rdata'
  if (typeof value === 'number' && Number.isSafeInteger(value) && slot !== 'string') return value
  if (typeof value === 'string' && slot !== 'number') return value
  const { b: hex, p: head, h: digest } = (value ?? {}) as Record<string, unknown>
  if (rdata && typeof hex === 'string' && /^([0-9a-f]{2}){1,16}$/.test(hex)) {
    return Buffer.from(hex, 'hex')
  }
  if (slot === 'long-rdata' && typeof head === 'string' && typeof digest === 'string' &&
    jsonBytes(head) <= HEAD_MAX_BYTES && DIGEST.test(digest)) {
    return { head, digest }
  }
  throw new Error('bad cursor value')
}

function digest (scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, SCOPE_CHARS)
}

export function encodeCursor (scope: string, values: CursorValue[]): string {
  return encodedJson([digest(scope), ...values.map(tag)])
}

export function unknownCursor (): DnsledgerError {
  return new DnsledgerError('INVALID_CURSOR', 'cursor is not one this query returned: send the ' +
    'next_cursor value of the previous page unchanged, with the same path and filters')
}

export function decodeCursor (scope: string, cursor: string, slots: CursorSlot[]): CursorValue[] {
  try {
    const decoded = decodedJson(cursor)
    if (!Array.isArray(decoded) || decoded.length !== slots.length + 1 ||
      decoded[0] !== digest(scope)) {
      throw new Error('cursor of another query')
    }

    return slots.map((slot, i) => untag(decoded[i + 1], slot))
  } catch {
    throw unknownCursor()
  }
}

/** The cursor's JSON, or undefined when it is not a cursor at all. */
function decodedJson (cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

function encodedJson (values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/**
 * A list whose times are relative to now is read against the moment of its first page (see
 * api/paging-clock.ts): its cursors carry that moment after the sort key, as {"asked": N}.
 * Forging it gains nothing: the times it gives are checked against the cursor's scope.
 */
export function stampCursor (cursor: string, asked: number): string {
  const values = decodedJson(cursor) as unknown[]

  return encodedJson([...values, { asked }])
}

/** The moment a cursor carries, and the cursor without it; any other cursor as it is. */
export function readCursorStamp (cursor: string): { asked?: number, cursor: string } {
  const values = decodedJson(cursor)
  if (!Array.isArray(values)) return { cursor }
  const asked = (values.at(-1) as { asked?: unknown } | null)?.asked
  if (typeof asked !== 'number' || !Number.isSafeInteger(asked)) return { cursor }

  return { asked, cursor: encodedJson(values.slice(0, -1)) }
}
