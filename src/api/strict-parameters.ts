/**
 * Query parameters and headers are read as sent, not as a lenient parser guesses. Fastify's
 * Ajv coerces strings to integers (coerceTypes), and so takes `0x10`, `1e3` or ` 5` as 16,
 * 1000 and 5; every integer a route declares, in its query string or its headers, must instead
 * be decimal digits (a leading minus allowed). A query parameter sent twice (`?limit=1&limit=2`)
 * is refused for what it is, rather than as a list that "must be integer", and a /v1 parameter
 * sent empty (`type=`) for being empty. The checks run before schema validation, on every
 * route, from an onRoute hook registered before any route.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import { DnsledgerError } from '../errors.js'
import { clipText } from './shown-value.js'

type SchemaLookup = (id: string) => unknown

interface PropertySchema {
  type?: unknown
  examples?: unknown
  enum?: unknown
}

const DECIMAL = /^-?\d+$/

function propertiesOf (schema: unknown, lookup: SchemaLookup): Record<string, PropertySchema> {
  if (typeof schema !== 'object' || schema === null) return {}

  const { $ref, properties } = schema as { $ref?: unknown, properties?: unknown }
  if (typeof $ref === 'string') return propertiesOf(lookup($ref.replace(/#.*$/, '')), lookup)

  return typeof properties === 'object' && properties !== null
    ? properties as Record<string, PropertySchema>
    : {}
}

function integerNames (schema: unknown, lookup: SchemaLookup): string[] {
  return Object.entries(propertiesOf(schema, lookup))
    .filter(([, property]) => property.type === 'integer')
    .map(([name]) => name)
}

function shown (value: string): string {
  return JSON.stringify(clipText(value, 40))
}

/**
 * Digits past 2^53 would reach the route as a rounded number (1e+23) and be quoted back that
 * way; no count this API takes is near that size.
 */
function checkMagnitude (where: string, value: string): void {
  if (Number.isSafeInteger(Number(value))) return
  throw new DnsledgerError('INVALID_REQUEST', `${where}${shown(value)} is too large to be a ` +
    'count: send a smaller number (the API description, /docs, gives each maximum)')
}

const NOT_DECIMAL = 'is not a whole number in decimal digits: send digits 0-9 only, such as 100'

/**
 * Each declared integer that was sent must be decimal digits, of a size a count can be. `where`
 * names it as the client wrote it (`limit=`, `x-limit: `); `problem` says what is wrong with
 * text that is not decimal digits.
 */
function checkIntegers (sent: Record<string, unknown>, integers: string[],
  where: (name: string) => string, problem: (value: string) => string = () => NOT_DECIMAL): void {
  for (const name of integers) {
    const value = sent[name]
    if (typeof value !== 'string') continue
    const sentAs = where(name)
    if (!DECIMAL.test(value)) {
      throw new DnsledgerError('INVALID_REQUEST', `${sentAs}${shown(value)} ${problem(value)}`)
    }
    checkMagnitude(sentAs, value)
  }
}

/** A value to show beside a refusal: the property's first example or allowed value. */
function exampleOf (property: PropertySchema | undefined): string | undefined {
  const [example] = [property?.examples, property?.enum]
    .flatMap((values) => Array.isArray(values) ? values : [])
    .filter((value) => ['string', 'number', 'boolean'].includes(typeof value))

  return example === undefined ? undefined : String(example)
}

/**
 * No parameter of /v1 gives an empty value a meaning, so `type=` is refused as `limit=` is,
 * naming the parameter, rather than read as "any type" by one route and as a bad number by
 * another.
 */
function emptyValue (name: string, properties: Record<string, PropertySchema>): DnsledgerError {
  const example = exampleOf(properties[name])
  const like = example === undefined ? '' : `, e.g. ${name}=${clipText(example, 40)}`

  return new DnsledgerError('INVALID_REQUEST', `query parameter ${name}= is empty: send a ` +
    `value${like}, or leave ${name} out`)
}

function checkQuery (query: Record<string, unknown>, integers: string[],
  refuseEmpty?: Record<string, PropertySchema>): void {
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      throw new DnsledgerError('INVALID_REQUEST', `query parameter ${name} was sent ` +
        `${value.length} times: send it once`)
    }
    if (value === '' && refuseEmpty?.[name] !== undefined) throw emptyValue(name, refuseEmpty)
  }
  checkIntegers(query, integers, (name) => `query parameter ${name}=`)
}

/** Node joins a repeated header's values with ", ". */
function checkHeaders (headers: FastifyRequest['headers'], integers: string[]): void {
  checkIntegers(headers, integers, (name) => `header ${name}: `, (value) => value.includes(',')
    ? 'was sent more than once: send it once'
    : NOT_DECIMAL)
}

/**
 * A route that declares its request (a body, headers or path parameters) but no query string
 * takes none: a parameter sent anyway is refused, as the schema refuses unknown ones elsewhere,
 * with where its value belongs instead.
 */
function noQueryCheck (route: RouteOptions, lookup: SchemaLookup) {
  const schema = route.schema ?? {}
  const bodyFields = Object.keys(propertiesOf(schema.body, lookup))
  const headers = Object.keys(propertiesOf(schema.headers, lookup))
  const path = route.url.replace(/\/:.*$/, '/')
  const method = [route.method].flat().join(', ')

  return async (request: FastifyRequest) => {
    const name = Object.keys(request.query as Record<string, unknown>)[0]
    if (name === undefined) return
    const where = bodyFields.includes(name)
      ? `send ${name} in the JSON body ("${name}": ...)`
      : headers.length > 0
        ? `remove it; this path reads its options from the headers ${headers.join(', ')}`
        : 'remove it'
    throw new DnsledgerError('INVALID_REQUEST', `unknown parameter ${shown(name)}: ${method} ` +
      `${path} takes no query parameters: ${where}`)
  }
}

export function strictParameters (this: FastifyInstance, route: RouteOptions): void {
  const lookup: SchemaLookup = (id) => this.getSchema(id)
  const schema = route.schema
  const declared = schema?.body ?? schema?.headers ?? schema?.params
  if (schema?.querystring === undefined && declared !== undefined) {
    route.preValidation = [noQueryCheck(route, lookup), route.preValidation ?? []].flat()
  }
  if (schema?.querystring === undefined && schema?.headers === undefined) return

  const queryIntegers = integerNames(schema.querystring, lookup)
  const headerIntegers = integerNames(schema.headers, lookup)
  // The compatible APIs keep their own readings, as their clients send them.
  const refuseEmpty = route.url.startsWith('/v1/')
    ? propertiesOf(schema.querystring, lookup)
    : undefined
  const check = async (request: FastifyRequest) => {
    checkQuery(request.query as Record<string, unknown>, queryIntegers, refuseEmpty)
    checkHeaders(request.headers, headerIntegers)
  }
  const existing = route.preValidation === undefined ? [] : [route.preValidation].flat()
  route.preValidation = [check, ...existing]
}
