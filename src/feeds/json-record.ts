import { normalizeName } from './dns-name.js'
import {
  fieldOf,
  numberField,
  objectField,
  stringField,
  type Field,
  type JsonObject
} from './json-fields.js'
import { describeJsonType, isJsonObject } from './json-type.js'
import { RRTYPE_CODES, type RejectedMessage, type RRType } from './observation.js'
import { payloadText } from './payload-text.js'
import { reject } from './reject-codes.js'
import { checkEpochValue } from './timestamp.js'

/** A JSON message past its header: the whole object, the owner name and the time seen. */
export interface JsonRecord {
  ok: true
  body: JsonObject
  rrname: string
  timeSeen: number
}

/** DNS CLASS IN (RFC 1035 3.2.4), the only class the feed is about. */
const CLASS_IN = 1

/**
 * Reads a JSON topic's message (`{"Hdr":{...}, ...}`, the miekg/dns RR_Header layout) and
 * checks the header: Rrtype must be the topic's type, Class IN, Epoch a number of seconds
 * (see timestamp.ts), Name a name. Ttl is not kept; Rdlength is ignored, as it is computed
 * by the sender and not to be trusted. Fields the header does not need are not looked at.
 */
export function readJsonRecord (
  payload: Buffer,
  nowSeconds: number,
  rrtype: RRType
): JsonRecord | RejectedMessage {
  const decoded = payloadText(payload)
  if (!decoded.ok) return decoded

  const body = parseJsonObject(decoded.text)
  if (!body.ok) return body

  const header = objectField(body.value, 'Hdr', 'Hdr')
  if (!header.ok) return header

  return readHeader(body.value, header.value, nowSeconds, rrtype)
}

function parseJsonObject (text: string): Field<JsonObject> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return reject('bad_json', `the message is not JSON: ${(error as Error).message}`)
  }
  if (isJsonObject(value)) return { ok: true, value }

  return reject('bad_json', `the message is JSON ${describeJsonType(value)}, not an object`)
}

function readHeader (
  body: JsonObject,
  header: JsonObject,
  nowSeconds: number,
  rrtype: RRType
): JsonRecord | RejectedMessage {
  const kind = checkKind(header, rrtype)
  if (kind !== undefined) return kind

  const time = checkEpochValue(fieldOf(header, 'Epoch'), nowSeconds)
  if (!time.ok) return time

  const name = stringField(header, 'Name', 'Hdr.Name')
  if (!name.ok) return name

  const owner = normalizeName(name.value, 'Hdr.Name')
  if (!owner.ok) return owner

  return { ok: true, body, rrname: owner.name, timeSeen: time.seconds }
}

/** Rejects a header of another record type or class than the topic carries; else undefined. */
function checkKind (header: JsonObject, rrtype: RRType): RejectedMessage | undefined {
  const type = numberField(header, 'Rrtype', 'Hdr.Rrtype')
  if (!type.ok) return type

  if (type.value !== RRTYPE_CODES[rrtype]) return wrongRrtype(type.value, rrtype)

  const klass = numberField(header, 'Class', 'Hdr.Class')
  if (!klass.ok) return klass

  return klass.value === CLASS_IN ? undefined : wrongClass(klass.value)
}

function wrongRrtype (found: number, rrtype: RRType): RejectedMessage {
  const carried = `${rrtype} (${RRTYPE_CODES[rrtype]})`
  const reason = `Hdr.Rrtype is ${found}${typeName(found)}, but this topic carries ${carried}`
  return reject('wrong_rrtype', reason)
}

function typeName (code: number): string {
  const known = Object.entries(RRTYPE_CODES).find(([, value]) => value === code)
  return known === undefined ? '' : ` (${known[0]})`
}

function wrongClass (found: number): RejectedMessage {
  return reject('wrong_class', `Hdr.Class is ${found}; only 1 (IN, Internet) records are kept`)
}
