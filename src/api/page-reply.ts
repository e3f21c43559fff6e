/**
 * Answers a list in the format the client asked for (output/output-format.ts): every list
 * endpoint calls sendPage with a function that reads one page of its list, and gets JSON,
 * NDJSON and CSV alike.
 *
 * JSON is one page. A cut list is said twice: `truncated` and `next_cursor` in the body, and
 * `X-Dnsledger-Truncated` plus a `Link: rel="next"` header for tools that read headers only.
 * NDJSON and CSV are the whole list, streamed page by page (output/list-stream.ts), up to the
 * stream limit; a cut is said in the body's last line and in trailers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Page } from '../store/observation-queries.js'
import { attachmentName } from './output/attachment-name.js'
import { csvWriter } from './output/csv-writer.js'
import { humanTimePlan, type FlatRecord } from './output/human-time.js'
import { isoTime } from './output/iso-time.js'
import {
  STREAM_PAGE_RECORDS, streamList, type PageSource, type PageWindow
} from './output/list-stream.js'
import { ndjsonWriter } from './output/ndjson-writer.js'
import { chooseOutput, type OutputChoice, type OutputFormat } from './output/output-format.js'
import { parseLimit } from './request-params.js'
import { queryTextOf } from './validation-detail.js'
import { addVary } from './vary-accept.js'

export type { PageSource, PageWindow }
export { isoTime }

export interface ListLimits {
  /** JSON: records per page when a request gives no limit, and the most it may ask for. */
  defaultLimit: number
  maxLimit: number
  /** NDJSON and CSV: the most records a stream holds, and its default. */
  streamMaxLimit: number
}

interface ListMeta<T = unknown> {
  /** The request as understood, echoed in the JSON body. */
  query: Record<string, unknown>
  limits: ListLimits
  /** The fields of a record in order: the CSV columns (the record schema's properties). */
  columns: readonly string[]
  /** Fields a JSON page of one list adds beside the usual ones, in its own page schema. */
  extra?: (page: Page<T>) => Record<string, unknown>
}

/** The parameters every list takes (pagingProperties in schemas/lookup-query.ts). */
interface ListQuery {
  limit?: number
  cursor?: string
  format?: OutputFormat
  humantime?: boolean
}

/** The path is kept as sent: URL parsing would fold `/v1/domains/%2E` (the root) away. */
function nextLink (request: FastifyRequest, cursor: string): string {
  const [path, query = ''] = request.url.split('?', 2)
  const params = new URLSearchParams(query)
  params.set('cursor', cursor)

  return `<${path}?${params.toString()}>; rel="next"`
}

export async function sendPage<T, V extends FlatRecord> (
  request: FastifyRequest,
  reply: FastifyReply,
  source: PageSource<T>,
  view: (record: T) => V,
  meta: ListMeta<T>
) {
  const query = request.query as ListQuery
  const output = chooseOutput(query.format, request.headers.accept)
  addVary(reply, 'Accept')
  if (output.format === 'json') return sendJsonPage(request, reply, source, view, meta)

  return sendStream(request, reply, source, view, meta, output)
}

/** The limit as it is in the URL, for a refusal to quote. */
function sentLimit (request: FastifyRequest): string | undefined {
  const text = queryTextOf(request.url)('limit')

  return text === undefined ? undefined : `limit=${text}`
}

function sendJsonPage<T, V extends FlatRecord> (request: FastifyRequest, reply: FastifyReply,
  source: PageSource<T>, view: (record: T) => V, meta: ListMeta<T>) {
  const query = request.query as ListQuery
  const limit = parseLimit(query.limit, meta.limits.defaultLimit, meta.limits.maxLimit,
    () => sentLimit(request))
  const page = source({ limit, cursor: query.cursor })
  const truncated = page.nextCursor !== undefined
  reply.header('x-dnsledger-truncated', String(truncated))
  if (page.nextCursor !== undefined) reply.header('link', nextLink(request, page.nextCursor))

  return reply.type('application/json; charset=utf-8').send({
    query: meta.query,
    records: page.records.map(view),
    truncated,
    next_cursor: page.nextCursor ?? null,
    limit,
    ...meta.extra?.(page)
  })
}

async function sendStream<T, V extends FlatRecord> (request: FastifyRequest, reply: FastifyReply,
  source: PageSource<T>, view: (record: T) => V, meta: ListMeta<T>, output: OutputChoice) {
  const query = request.query as ListQuery
  const limit = parseLimit(query.limit, meta.limits.streamMaxLimit, meta.limits.streamMaxLimit,
    () => sentLimit(request))
  const first = source({ limit: Math.min(STREAM_PAGE_RECORDS, limit), cursor: query.cursor })
  const human = query.humantime === true ? humanTimePlan(meta.columns) : undefined
  const shape = human === undefined ? view : (record: T) => human.record(view(record))
  const columns = human?.columns ?? meta.columns
  const csv = output.format === 'csv'
  const writer = csv ? csvWriter(columns) : ndjsonWriter(columns)
  const headers: Record<string, string> = { 'content-type': `${output.mediaType}; charset=utf-8` }
  if (csv) headers['content-disposition'] = `attachment; filename="${attachmentName(request.url)}"`

  return streamList(request, reply, {
    source, first, limit, writer, headers, render: (records) => writer.records(records.map(shape))
  })
}
