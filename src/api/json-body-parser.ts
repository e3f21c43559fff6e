/**
 * The JSON body parser, in place of Fastify's, so that each way a body can be refused says
 * what is wrong: a compressed body (Content-Encoding), an empty one, one nested deeper than
 * any request needs (refused before parsing, so no later step ever walks 5,000 levels), a
 * `__proto__` or `constructor` key (refused as Fastify does, by name), or text that is not JSON.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { DnsledgerError } from '../errors.js'
import { clipText } from './shown-value.js'

/** The most a request body may be: a bulk lookup of 1,000 indicators is some 50 KiB. */
export const BODY_MAX_BYTES = 1_048_576

/** The limit as a refusal states it. */
export const BODY_MAX_TEXT = `${BODY_MAX_BYTES.toLocaleString('en')} bytes ` +
  `(${BODY_MAX_BYTES / 1_048_576} MiB)`

/** The deepest a request body nests: a bulk lookup needs 3 (body, indicators, indicator). */
export const BODY_MAX_DEPTH = 32

const OPENERS = new Set(['[', '{'])
const CLOSERS = new Set([']', '}'])

/** The depth of the first bracket past `max`, outside strings; undefined when none is. */
function tooDeepAt (text: string, max: number): number | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') inString = false
    } else if (char === '"') {
      inString = true
    } else if (OPENERS.has(char)) {
      depth++
      if (depth > max) return i
    } else if (CLOSERS.has(char)) {
      depth--
    }
  }

  return undefined
}

const REFUSED_KEYS = new Set(['__proto__', 'constructor'])

function refuseKey (key: string): never {
  throw new DnsledgerError('INVALID_REQUEST', `the body has a "${key}" key, which is refused ` +
    '(it could alter objects of the server): remove it; the API description (/docs) lists ' +
    'the fields')
}

function checkEncoding (request: FastifyRequest): void {
  const encoding = request.headers['content-encoding']?.trim().toLowerCase()
  if (encoding === undefined || encoding === '' || encoding === 'identity') return

  throw new DnsledgerError('UNSUPPORTED_MEDIA_TYPE', `the body was sent with Content-Encoding: ` +
    `${clipText(encoding, 40)}: send it uncompressed, without Content-Encoding`)
}

function parseJsonBody (request: FastifyRequest, text: string): unknown {
  checkEncoding(request)
  if (text.length === 0) {
    throw new DnsledgerError('INVALID_REQUEST', 'the body is empty: send one JSON object, as ' +
      'the API description (/docs) shows')
  }
  const deepAt = tooDeepAt(text, BODY_MAX_DEPTH)
  if (deepAt !== undefined) {
    throw new DnsledgerError('INVALID_REQUEST', `the body nests lists or objects more than ` +
      `${BODY_MAX_DEPTH} levels deep (at character ${deepAt}): send the flat JSON object the ` +
      'API description (/docs) shows')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new DnsledgerError('INVALID_REQUEST', 'the body is not valid JSON: send one JSON ' +
      'object, as the API description (/docs) shows (check quotes, commas and brackets)')
  }
  findRefusedKey(parsed)

  return parsed
}

/** Walks the parsed body (at most BODY_MAX_DEPTH deep) for a key no field may have. */
function findRefusedKey (value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) return value.forEach(findRefusedKey)
  for (const [key, item] of Object.entries(value)) {
    if (REFUSED_KEYS.has(key)) refuseKey(key)
    findRefusedKey(item)
  }
}

export function installJsonBodyParser (app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as string))
    } catch (err) {
      done(err as Error, undefined)
    }
  })
}
