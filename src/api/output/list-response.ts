/**
 * The documented answers of a list endpoint: the JSON page, and the NDJSON and CSV streams,
 * each with an example written by the writers that write the answers (a record, then the
 * marker of a cut list), so the documentation cannot drift from what is sent.
 */
import { CLIENT_ERROR_RESPONSE, SERVER_ERROR_RESPONSE } from '../../../schemas/problem.js'
import { csvWriter } from './csv-writer.js'
import type { FlatRecord } from './human-time.js'
import type { ListWriter } from './list-writer.js'
import { ndjsonWriter } from './ndjson-writer.js'
import { CSV_TYPE, NDJSON_ALIASES, NDJSON_TYPE } from './output-format.js'

export interface RecordSchema {
  properties: object
  examples: readonly FlatRecord[]
}

const EXAMPLE_CURSOR = 'WyJrWmJ0c1pQeiIsImV4YW1wbGUiXQ'
const EXAMPLE_LIMIT = 1

const DESCRIPTION = 'JSON (the default): one page; a cut list has truncated: true, a ' +
  'next_cursor, and the headers X-Dnsledger-Truncated: true and Link: rel="next". NDJSON ' +
  '(also as application/ndjson or application/jsonl) and CSV: the whole list, streamed; a cut ' +
  'list ends with a line that is not a record (NDJSON {"truncated":true,...}, CSV a row ' +
  'beginning with #) and with the trailers X-Dnsledger-Truncated and X-Dnsledger-Next-Cursor. ' +
  'A failure after the first byte ends the stream with an error line and an aborted connection.'

/** The record's fields, in order: the CSV columns. */
export function recordColumns (record: RecordSchema): string[] {
  return Object.keys(record.properties)
}

function streamExample (writer: ListWriter, record: FlatRecord, cursor: string): string {
  const cut = writer.truncated(cursor, EXAMPLE_LIMIT)

  return `${writer.head}${writer.records([record])}${cut}`
}

/**
 * The NDJSON and CSV examples of one record, cut after it: the answers an operation's JSON
 * example would be in the streamed formats.
 */
export function streamExamples (columns: string[], record: FlatRecord,
  cursor = EXAMPLE_CURSOR): { ndjson: string, csv: string } {
  return {
    ndjson: streamExample(ndjsonWriter(columns), record, cursor),
    csv: streamExample(csvWriter(columns), record, cursor)
  }
}

export function listResponses (pageId: string, record: RecordSchema) {
  const examples = streamExamples(recordColumns(record), record.examples[0] ?? {})

  return {
    200: {
      description: DESCRIPTION,
      content: {
        'application/json': { schema: { $ref: `${pageId}#` } },
        [NDJSON_TYPE]: {
          schema: { type: 'string', description: 'One JSON record a line' },
          example: examples.ndjson
        },
        ...Object.fromEntries(NDJSON_ALIASES.map((alias) => [alias, {
          schema: { type: 'string', description: `As ${NDJSON_TYPE}, asked for as ${alias}` }
        }])),
        [CSV_TYPE]: {
          schema: { type: 'string', description: 'RFC 4180, a header row, CRLF line ends' },
          example: examples.csv
        }
      }
    },
    '4xx': CLIENT_ERROR_RESPONSE,
    '5xx': SERVER_ERROR_RESPONSE
  }
}
