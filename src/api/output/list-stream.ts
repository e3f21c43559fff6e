/**
 * Streams a whole list: pages are pulled from the store one at a time by cursor, each written
 * once the client has taken the previous one (backpressure: wait for 'drain'), with a turn of
 * the event loop between pages so that other requests are served, and no page is read once the
 * client is gone. Memory is one page plus the socket's buffer, whatever the length of the list.
 *
 * The status and headers leave before the list is read to its end, so the outcome is said at
 * the end: in the body (the writer's last piece) and in HTTP trailers announced by `Trailer`
 * (HTTP/1.1; an HTTP/1.0 answer cannot carry trailers and has the body only). A failure after
 * the first byte writes an error piece and then aborts the connection, so that no client can
 * take a broken list for a whole one.
 */
import type { ServerResponse } from 'node:http'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { isDnsledgerError } from '../../errors.js'
import type { Page } from '../../store/observation-queries.js'
import { problemDocument } from '../problem-handler.js'
import type { ListWriter } from './list-writer.js'

// TODO(streams): a reader that stops reading keeps its connection (no idle timeout), and
// shutdown waits for streams in flight up to SHUTDOWN_TIMEOUT_MS instead of cutting them.

/** Records per store query while streaming. */
export const STREAM_PAGE_RECORDS = 1_000

export const TRUNCATED_TRAILER = 'X-Dnsledger-Truncated'
export const NEXT_CURSOR_TRAILER = 'X-Dnsledger-Next-Cursor'

export interface PageWindow {
  limit: number
  cursor?: string
}

/** Reads one page of a list; the same function serves every page of it. */
export type PageSource<T> = (window: PageWindow) => Page<T>

export interface StreamedList<T> {
  source: PageSource<T>
  /** Read before the first byte, so that its errors still leave as problem documents. */
  first: Page<T>
  /** The most records the stream holds. */
  limit: number
  writer: ListWriter
  render: (records: T[]) => string
  headers: Record<string, string>
}

type Outcome = 'complete' | 'truncated' | 'client closed' | 'failed'

/** Whether the client went away; 'close' before the end means the connection is gone. */
function watchClose (res: ServerResponse) {
  const state = { closed: res.destroyed }
  res.once('close', () => { state.closed = true })

  return state
}

function drainOrClose (res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

async function write (res: ServerResponse, text: string, client: { closed: boolean }) {
  if (text === '' || client.closed) return
  if (!res.write(text)) await drainOrClose(res)
}

/** The last piece of a failed stream, flushed before the connection is cut. */
function writeLast (res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => res.write(text, () => resolve()))
}

interface Stream<T> {
  res: ServerResponse
  list: StreamedList<T>
  client: { closed: boolean }
  /** Only chunked answers (HTTP/1.1) can carry trailers. */
  trailers: boolean
  tally: { records: number, pages: number }
}

/** Node refuses trailers on an answer that is not chunked: HTTP/1.0, and HEAD. */
function canCarryTrailers (request: FastifyRequest): boolean {
  return request.raw.httpVersion !== '1.0' && request.method !== 'HEAD'
}

function writeHead<T> (reply: FastifyReply, list: StreamedList<T>, trailers: boolean) {
  const announced = trailers ? { trailer: `${TRUNCATED_TRAILER}, ${NEXT_CURSOR_TRAILER}` } : {}
  const headers = { ...reply.getHeaders(), ...list.headers, ...announced }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) reply.raw.setHeader(name, value)
  }
  reply.raw.writeHead(200)
}

export async function streamList<T> (request: FastifyRequest, reply: FastifyReply,
  list: StreamedList<T>): Promise<void> {
  reply.hijack()
  const res = reply.raw
  const trailers = canCarryTrailers(request)
  const stream = { res, list, client: watchClose(res), trailers, tally: { records: 0, pages: 0 } }
  let outcome: Outcome
  try {
    writeHead(reply, list, trailers)
    if (request.method === 'HEAD') {
      res.end()
      return
    }
    outcome = await pump(stream)
  } catch (err) {
    outcome = 'failed'
    await fail(request, stream, err)
  }
  request.log.info({ ...stream.tally, outcome }, 'list streamed')
}

async function pump<T> ({ res, list, client, tally, trailers }: Stream<T>): Promise<Outcome> {
  await write(res, list.writer.head, client)
  let page = list.first
  for (;;) {
    tally.pages += 1
    tally.records += page.records.length
    await write(res, list.render(page.records), client)
    const cursor = page.nextCursor
    if (client.closed) return 'client closed'
    if (cursor === undefined) return finish(res, list, undefined, trailers)
    if (tally.records >= list.limit) return finish(res, list, cursor, trailers)
    await nextTurn()
    if (client.closed) return 'client closed'
    page = list.source({ limit: Math.min(STREAM_PAGE_RECORDS, list.limit - tally.records), cursor })
  }
}

function finish<T> (res: ServerResponse, list: StreamedList<T>, nextCursor: string | undefined,
  trailers: boolean): Outcome {
  if (nextCursor !== undefined) res.write(list.writer.truncated(nextCursor, list.limit))
  if (trailers) {
    const cursor = nextCursor === undefined ? {} : { [NEXT_CURSOR_TRAILER]: nextCursor }
    res.addTrailers({ [TRUNCATED_TRAILER]: String(nextCursor !== undefined), ...cursor })
  }
  res.end()

  return nextCursor === undefined ? 'complete' : 'truncated'
}

async function fail<T> (request: FastifyRequest, { res, list, client }: Stream<T>, err: unknown) {
  request.log.error({ err }, 'list stream failed after its first byte; connection aborted')
  const problem = isDnsledgerError(err) && err.statusCode < 500
    ? problemDocument(err.code, err.message, request.url)
    : problemDocument('INTERNAL', 'the server failed while writing this list; it is logged',
      request.url)
  if (!client.closed && res.headersSent) await writeLast(res, list.writer.failed(problem))
  res.destroy()
}
