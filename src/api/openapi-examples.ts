/**
 * Puts each native operation's example (schemas/operation-examples.ts) into the OpenAPI
 * document: every parameter gets the value it has in the example request (one that would go
 * in place of one of those gets none), the body and the JSON answer their examples, a list's
 * NDJSON and CSV streams that answer as the writers that send them write it. Done on the
 * finished document, so that the route schemas, which validate requests, stay free of
 * documentation.
 */
import {
  OPERATION_EXAMPLES, type OperationExample, type ParameterValue
} from '../../schemas/operation-examples.js'
import { csvWriter } from './output/csv-writer.js'
import type { FlatRecord } from './output/human-time.js'
import type { ListWriter } from './output/list-writer.js'
import { ndjsonWriter } from './output/ndjson-writer.js'
import { CSV_TYPE, NDJSON_TYPE } from './output/output-format.js'

interface Parameter {
  name: string
  description?: string
  example?: unknown
  examples?: unknown
}

interface Media { example?: unknown }

interface Operation {
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, Media> }
  responses?: Record<string, { content?: Record<string, Media> }>
}

type Paths = Record<string, Record<string, Operation>>

/** The cut of a list whose example answer is its last page. */
const EXAMPLE_CURSOR = 'WyJrWmJ0c1pQeiIsImV4YW1wbGUiXQ'
const EXAMPLE_LIMIT = 1

/**
 * A parameter that cannot come with the one its example replaces gets no example: Swagger's
 * "Try it out" sends every parameter that has one, and with both the request is a 400. Its
 * description gives the value instead.
 */
function withoutExample (parameter: Parameter, exclusive: string[], value: ParameterValue): void {
  delete parameter.examples
  delete parameter.example
  const others = exclusive.filter((name) => name !== parameter.name).join(' and ')
  const note = `Exclusive with ${others}, so not filled in by the example request (which ` +
    `sends ${exclusive[0]}); for example ${parameter.name}=${String(value)}`
  parameter.description = parameter.description === undefined ? note
    : `${parameter.description}. ${note}`
}

function addExamples (operation: Operation, example: OperationExample): void {
  const { replaces = '', parameters: alternatives = {} } = example.alternatives ?? {}
  const exclusive = [replaces, ...Object.keys(alternatives)]
  for (const parameter of operation.parameters ?? []) {
    const alternative = alternatives[parameter.name]
    if (alternative !== undefined) withoutExample(parameter, exclusive, alternative)
    if (!(parameter.name in example.parameters)) continue
    // One example that works: the schema's generic ones (e.g. -86400) find nothing in the sample.
    delete parameter.examples
    parameter.example = example.parameters[parameter.name]
  }
  const body = operation.requestBody?.content?.['application/json']
  if (body !== undefined && example.body !== undefined) body.example = example.body
  const content = operation.responses?.['200']?.content
  if (content === undefined) return
  const json = content['application/json']
  if (json !== undefined) json.example = example.answer
  addStreamExamples(content, example.answer)
}

/** A record, then the marker of a cut list, as the writer sends them. */
function streamExample (writer: ListWriter, record: FlatRecord, cursor: string): string {
  const cut = writer.truncated(cursor, EXAMPLE_LIMIT)

  return `${writer.head}${writer.records([record])}${cut}`
}

/** A list's NDJSON and CSV examples show the record of its JSON example, cut after it. */
function addStreamExamples (content: Record<string, Media>, answer: unknown): void {
  const page = answer as { records?: FlatRecord[], next_cursor?: string | null }
  const record = page.records?.[0]
  const ndjson = content[NDJSON_TYPE]
  const csv = content[CSV_TYPE]
  if (record === undefined || ndjson === undefined || csv === undefined) return

  const columns = Object.keys(record)
  const cursor = page.next_cursor ?? EXAMPLE_CURSOR
  ndjson.example = streamExample(ndjsonWriter(columns), record, cursor)
  csv.example = streamExample(csvWriter(columns), record, cursor)
}

export function withOperationExamples<D> (document: D): D {
  const paths = (document as { paths?: Paths }).paths ?? {}
  for (const [key, example] of Object.entries(OPERATION_EXAMPLES)) {
    const [method = '', path = ''] = key.split(' ')
    const operation = paths[path]?.[method.toLowerCase()]
    if (operation !== undefined) addExamples(operation, example)
  }

  return document
}
