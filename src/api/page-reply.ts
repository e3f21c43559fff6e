/**
 * Sends a page of records. A cut list is said twice: `truncated` and `next_cursor` in the body,
 * and `X-Dnsledger-Truncated` plus a `Link: rel="next"` header for tools that read headers only.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Page } from '../store/observation-queries.js'

export function isoTime (epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z')
}

/** The path is kept as sent: URL parsing would fold `/v1/domains/%2E` (the root) away. */
function nextLink (request: FastifyRequest, cursor: string): string {
  const [path, query = ''] = request.url.split('?', 2)
  const params = new URLSearchParams(query)
  params.set('cursor', cursor)

  return `<${path}?${params.toString()}>; rel="next"`
}

export function sendPage<T, V> (
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page<T>,
  view: (record: T) => V,
  /** extra: fields a page of one lookup adds beside these, in its own page schema. */
  meta: { query: Record<string, unknown>, limit: number, extra?: Record<string, unknown> }
) {
  const truncated = page.nextCursor !== undefined
  reply.header('x-dnsledger-truncated', String(truncated))
  if (page.nextCursor !== undefined) reply.header('link', nextLink(request, page.nextCursor))

  return reply.send({
    query: meta.query,
    records: page.records.map(view),
    truncated,
    next_cursor: page.nextCursor ?? null,
    limit: meta.limit,
    ...meta.extra
  })
}
