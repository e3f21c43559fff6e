/**
 * The documented answers of a list endpoint: the JSON page, and the NDJSON and CSV streams.
 * Their examples are added to the finished document, from each operation's example answer
 * (src/api/openapi-examples.ts), so none is written here.
 */
import { CLIENT_ERROR_RESPONSE, SERVER_ERROR_RESPONSE } from '../../../schemas/problem.js'
import { CSV_TYPE, NDJSON_ALIASES, NDJSON_TYPE } from './output-format.js'

export interface RecordSchema {
  properties: object
}

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

export function listResponses (pageId: string) {
  return {
    200: {
      description: DESCRIPTION,
      content: {
        'application/json': { schema: { $ref: `${pageId}#` } },
        [NDJSON_TYPE]: {
          schema: { type: 'string', description: 'One JSON record a line' }
        },
        ...Object.fromEntries(NDJSON_ALIASES.map((alias) => [alias, {
          schema: { type: 'string', description: `As ${NDJSON_TYPE}, asked for as ${alias}` }
        }])),
        [CSV_TYPE]: {
          schema: { type: 'string', description: 'RFC 4180, a header row, CRLF line ends' }
        }
      }
    },
    '4xx': CLIENT_ERROR_RESPONSE,
    '5xx': SERVER_ERROR_RESPONSE
  }
}
