/**
 * Schema validation failures as sentences a client can act on: each names the parameter or
 * field, what was sent and what is accepted, and ends with what to send. What is accepted is
 * read from the failing schema itself (type, range, length, enum, examples), so a route's
 * rules and its messages cannot drift apart. A value that fits no branch of a oneOf or anyOf
 * is explained against the branch it came closest to (an object against the object form), not
 * against every branch in turn. Needs ajv's `verbose` option, which gives each issue its schema
 * and value.
 */
import { closestWord } from './closest-word.js'
import { clipText as clip, shownJson, shownText } from './shown-value.js'

interface SchemaNode {
  type?: string | string[]
  enum?: readonly unknown[]
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  properties?: Record<string, SchemaNode>
  items?: SchemaNode
  oneOf?: SchemaNode[]
  anyOf?: SchemaNode[]
  examples?: readonly unknown[]
  required?: readonly string[]
}

interface ValidationIssue {
  keyword: string
  instancePath: string
  schemaPath: string
  params: Record<string, unknown>
  message?: string
  parentSchema?: SchemaNode
  data?: unknown
}

/** Where the values were sent, and how to read a query parameter as the client wrote it. */
interface SentRequest {
  /** Fastify's validationContext: querystring, body, params or headers. */
  place: string
  queryText?: (name: string) => string | undefined
  /** False when the request came with no body at all (no Content-Type, no bytes). */
  bodySent?: boolean
}

type Issue = ValidationIssue

function pathOf (issue: Issue, extra?: string): string[] {
  const path = issue.instancePath.split('/').slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))

  return extra === undefined ? path : [...path, extra]
}

function isIndex (part: string): boolean {
  return /^\d+$/.test(part)
}

function fieldName (sent: SentRequest, path: string[]): string {
  if (sent.place !== 'body') return path.join('.') || sent.place
  if (path.length === 0) return 'the body'

  return path.reduce((name, part) => isIndex(part) ? `${name}[${part}]`
    : name === '' ? part : `${name}.${part}`, '')
}

/** How the client would write `value` at `path`: `limit=5` in a URL, `"limit": 5` in JSON. */
function assignment (sent: SentRequest, path: string[], value: unknown): string {
  const leaf = path.at(-1)
  if (sent.place === 'body') {
    const json = shownJson(value, 200)
    return leaf === undefined || isIndex(leaf) ? json : `"${leaf}": ${json}`
  }
  if (sent.place === 'headers') return `${leaf ?? 'the header'}: ${shownText(value)}`

  return leaf === undefined ? shownText(value) : `${leaf}=${shownText(value)}`
}

/** A text's length as the schema counts it: in characters (code points), not UTF-16 units. */
function lengthNote (issue: Issue): string {
  if (!['minLength', 'maxLength'].includes(issue.keyword) || typeof issue.data !== 'string') {
    return ''
  }

  return ` (${[...issue.data].length} characters)`
}

/** What arrived: the raw text of a query parameter (before coercion), else the value. */
function shownValue (sent: SentRequest, path: string[], issue: Issue): string {
  const leaf = path.at(-1)
  if (sent.place === 'querystring' && leaf !== undefined) {
    return `${leaf}=${shownText(sent.queryText?.(leaf) ?? issue.data)}${lengthNote(issue)}`
  }
  if (issue.data === undefined) return 'nothing'
  const shown = sent.place === 'body' ? shownJson(issue.data) : shownText(issue.data)

  return `${shown}${lengthNote(issue)}`
}

function lowest (schema: SchemaNode): number | undefined {
  return schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined
    : schema.exclusiveMinimum + 1)
}

function highest (schema: SchemaNode): number | undefined {
  return schema.maximum ?? (schema.exclusiveMaximum === undefined ? undefined
    : schema.exclusiveMaximum - 1)
}

function span (low: number | undefined, high: number | undefined, unit = ''): string {
  if (low !== undefined && high !== undefined) return ` from ${low} to ${high}${unit}`
  if (low !== undefined) return ` of at least ${low}${unit}`

  return high === undefined ? '' : ` of at most ${high}${unit}`
}

/** A bare upper bound on a text's length is worth saying only when it is what failed. */
function textSpan (schema: SchemaNode, keyword: string): string {
  const high = schema.minLength !== undefined || keyword === 'maxLength' ? schema.maxLength
    : undefined

  return span(schema.minLength, high, ' characters')
}

function listAccepted (schema: SchemaNode): string {
  const size = schema.minItems === undefined || schema.minItems === 0 ? ''
    : ` of at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`

  return schema.items === undefined ? `a list${size}` : `a list${size}, each item ` +
    accepted(schema.items)
}

/** What a schema accepts, in words: "an integer of at least 1", "one of json, ndjson, csv". */
function accepted (schema: SchemaNode, keyword = ''): string {
  if (schema.enum !== undefined) return `one of ${schema.enum.map(String).join(', ')}`
  const branches = schema.oneOf ?? schema.anyOf
  if (branches !== undefined) return branches.map((branch) => accepted(branch)).join(' or ')
  const types = [schema.type ?? []].flat()
  if (types.length > 1) {
    return types.map((type) => accepted({ ...schema, type }, keyword)).join(' or ')
  }

  switch (types[0]) {
    case 'integer': return `an integer${span(lowest(schema), highest(schema))}`
    case 'number': return `a number${span(lowest(schema), highest(schema))}`
    case 'boolean': return 'true or false'
    case 'string': return `a text${textSpan(schema, keyword)}`
    case 'array': return listAccepted(schema)
    case 'object': return schema.properties === undefined ? 'an object'
      : `an object with ${Object.keys(schema.properties).join(', ')}`
    case 'null': return 'null'
    default: return 'a value the API description (/docs) allows'
  }
}

/** An example cut to its bones: lists to one item, objects to their required fields. */
function brief (example: unknown, required?: readonly string[]): unknown {
  if (Array.isArray(example)) return example.slice(0, 1).map((item) => brief(item))
  if (typeof example !== 'object' || example === null) return example
  const entries = Object.entries(example)
    .filter(([key]) => required === undefined || required.includes(key))

  return Object.fromEntries(entries.map(([key, value]) => [key, brief(value)]))
}

function exampleOf (schema: SchemaNode | undefined): unknown {
  return brief(schema?.examples?.[0] ?? schema?.enum?.[0], schema?.required)
}

/** The value a client meant, when it sent the right digits as the wrong JSON type. */
function retyped (schema: SchemaNode, data: unknown): unknown {
  const types = [schema.type ?? []].flat()
  if (typeof data === 'string' && types.includes('integer') && /^-?\d+$/.test(data)) {
    return Number(data)
  }
  if (typeof data === 'string' && types.includes('boolean') && /^(true|false)$/.test(data)) {
    return data === 'true'
  }
  if (typeof data === 'number' && types.includes('string')) return String(data)

  return undefined
}

function choicesHint (sent: SentRequest, path: string[], issue: Issue,
  values: readonly unknown[]): string {
  const leaf = path.at(-1)
  const text = sent.place === 'querystring' && leaf !== undefined
    ? sent.queryText?.(leaf) ?? shownText(issue.data)
    : shownText(issue.data)
  const near = closestWord(text, values.map(String))
  if (near !== undefined) return assignment(sent, path, values.find((v) => String(v) === near))
  const shown = values.map((value) => assignment(sent, path, value))

  if (shown.length > 3) return `one of them, e.g. ${shown[0]}`

  return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`
}

/** A list of as many items as it needs, each the items' example. */
function itemsHint (sent: SentRequest, path: string[], schema: SchemaNode): string {
  const item = exampleOf(schema.items?.oneOf?.[0] ?? schema.items)
  const count = schema.minItems ?? 1
  if (item === undefined) return `a list of at least ${count} item${count === 1 ? '' : 's'}`

  return assignment(sent, path, Array.from({ length: count }, () => item))
}

function sendHint (sent: SentRequest, path: string[], issue: Issue, schema: SchemaNode): string {
  const example = exampleOf(schema)
  const like = example === undefined ? '' : `, e.g. ${assignment(sent, path, example)}`
  const low = lowest(schema)
  const high = highest(schema)

  switch (issue.keyword) {
    case 'enum': return choicesHint(sent, path, issue, schema.enum ?? [])
    case 'minimum': case 'exclusiveMinimum': return `${assignment(sent, path, low)} or more`
    case 'maximum': case 'exclusiveMaximum': return `${assignment(sent, path, high)} or less`
    case 'minLength': return `a longer text${like}`
    case 'maxLength': return `a shorter text, of at most ${schema.maxLength} characters`
    case 'minItems': return itemsHint(sent, path, schema)
  }
  const meant = issue.keyword === 'type' ? retyped(schema, issue.data) : undefined
  if (meant !== undefined) return assignment(sent, path, meant)
  if ([schema.type].flat().includes('boolean')) {
    return choicesHint(sent, path, issue, [true, false])
  }

  if (example !== undefined) return assignment(sent, path, example)
  // A list with no example of its own is shown as its items' example makes it, whatever was
  // wrong with it (null, a text, no items).
  if (schema.items !== undefined) return itemsHint(sent, path, schema)

  return accepted(schema)
}

function unknownProperty (sent: SentRequest, issue: Issue): string {
  const extra = shownText(issue.params.additionalProperty)
  const known = Object.keys(issue.parentSchema?.properties ?? {})
  const near = closestWord(extra, known)
  const what = sent.place === 'querystring' ? 'parameter' : 'field'
  const where = issue.instancePath === '' ? '' : ` in ${fieldName(sent, pathOf(issue))}`
  const fix = near !== undefined
    ? `use ${near} if that is what you meant, or remove it`
    : `remove it; use only ${known.join(', ')}`

  return `unknown ${what} "${clip(extra)}"${where}: ${fix}`
}

function missingProperty (sent: SentRequest, issue: Issue): string {
  const missing = shownText(issue.params.missingProperty)
  const parent = issue.parentSchema
  const property = parent?.properties?.[missing]
  const example = exampleOf(property) ??
    exampleOf({ examples: [(parent?.examples?.[0] as Record<string, unknown>)?.[missing]] })
  const path = pathOf(issue, missing)
  const fix = example === undefined
    ? `send ${missing} as ${accepted(property ?? {})}`
    : `send it, e.g. ${assignment(sent, path, example)}`

  return `${fieldName(sent, pathOf(issue))} has no ${missing}, which is required: ${fix}`
}

function explainOne (sent: SentRequest, issue: Issue): string {
  if (issue.keyword === 'additionalProperties') return unknownProperty(sent, issue)
  if (issue.keyword === 'required') return missingProperty(sent, issue)
  const schema = issue.parentSchema ?? {}
  const path = pathOf(issue)
  if (sent.place === 'body' && path.length === 0 && issue.data == null) {
    const what = issue.data === null && sent.bodySent !== false ? 'the body is JSON null'
      : 'the body is empty'
    return `${what}: send ${accepted(schema)} as JSON, e.g. ` +
      `${shownJson(exampleOf(schema) ?? {}, 200)}, with Content-Type: application/json`
  }

  return `${fieldName(sent, path)} must be ${accepted(schema, issue.keyword)}; got ` +
    `${shownValue(sent, path, issue)}: send ${sendHint(sent, path, issue, schema)}`
}

function isCombinator (issue: Issue): boolean {
  return issue.keyword === 'oneOf' || issue.keyword === 'anyOf'
}

function membersOf (combinator: Issue, issues: Issue[]): Issue[] {
  const prefix = `${combinator.schemaPath}/`

  return issues.filter((issue) => issue !== combinator && issue.schemaPath.startsWith(prefix))
}

/** A branch whose type the value has: the one it most likely meant to follow. */
function explainCombinator (sent: SentRequest, combinator: Issue, members: Issue[]): string {
  const branches = new Map<string, Issue[]>()
  for (const member of members) {
    const branch = member.schemaPath.slice(combinator.schemaPath.length + 1).split('/')[0] ?? ''
    branches.set(branch, [...branches.get(branch) ?? [], member])
  }
  const wrongType = (issue: Issue) => issue.keyword === 'type' &&
    issue.instancePath === combinator.instancePath
  const near = [...branches.values()].find((branch) => !branch.some(wrongType))
  if (near !== undefined) return explainAll(sent, near).join('; ')

  return explainOne(sent, { ...combinator, keyword: 'type' })
}

function explainAll (sent: SentRequest, issues: Issue[]): string[] {
  const members = new Set(issues.filter(isCombinator).flatMap((c) => membersOf(c, issues)))

  return issues.filter((issue) => !members.has(issue)).map((issue) => isCombinator(issue)
    ? explainCombinator(sent, issue, membersOf(issue, issues))
    : explainOne(sent, issue))
}

/** One sentence per problem, joined; each ends with what to send instead. */
export function validationDetail (issues: readonly ValidationIssue[], sent: SentRequest): string {
  return explainAll(sent, [...issues]).join('; ')
}

/** A query parameter's text as it is in the URL, before the schema coerced it. */
export function queryTextOf (url: string): (name: string) => string | undefined {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''

  return (name) => new URLSearchParams(query).get(name) ?? undefined
}
