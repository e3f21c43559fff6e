/**
 * The CIRCL passive DNS query, GET /pdns/query/{name or address}, answering Common Output
 * Format lines, paged by the dribble-* headers, for PyPDNS, dnsdbq -u circl and other CIRCL
 * clients. Errors are the native problem documents.
 */
import type { FastifyInstance } from 'fastify'
import { circlHeadersSchema } from '../../../schemas/circl-headers.js'
import { CLIENT_ERROR_RESPONSE } from '../../../schemas/problem.js'
import type { Store } from '../../store/store.js'
import { parseCirclSubject } from '../circl/circl-subject.js'
import { cofBody } from '../circl/cof-record.js'
import { CursorRegistry } from '../circl/cursor-registry.js'
import { dribblePage } from '../circl/dribble-page.js'

interface CirclRouteOptions {
  store: Store
  maxLimit: number
}

interface DribbleHeaders {
  'dribble-paginate-count'?: number
  'dribble-paginate-cursor'?: number
  'dribble-filter-rrtype'?: string
}

const COF_CONTENT_TYPE = 'application/x-ndjson'

const querySchema = {
  summary: 'CIRCL passive DNS query: the records of a name, or pointing at an address',
  description: 'Common Output Format, one JSON object a line: rrname, rrtype, rdata, ' +
    'time_first, time_last, count. Every page but the last carries x-dribble-cursor; send it ' +
    'back as dribble-paginate-cursor (numbers are forgotten after 15 minutes). When API keys ' +
    'are configured, send one as the Basic password (or as user:password), as a token in ' +
    'Authorization, or in X-API-Key.',
  tags: ['circl'],
  params: {
    type: 'object',
    required: ['q'],
    properties: {
      q: {
        type: 'string',
        description: 'A domain name, an address, or `address,prefix`',
        examples: ['walmart.com']
      }
    }
  },
  headers: circlHeadersSchema,
  response: {
    200: {
      description: 'COF records',
      headers: { 'x-dribble-cursor': { type: 'integer', description: 'The next page' } },
      content: { [COF_CONTENT_TYPE]: { schema: { type: 'string' } } }
    },
    '4xx': CLIENT_ERROR_RESPONSE
  }
}

export async function circlRoutes (app: FastifyInstance, options: CirclRouteOptions) {
  const registry = new CursorRegistry()

  app.get('/pdns/query/:q', { schema: querySchema }, async (request, reply) => {
    const headers = request.headers as DribbleHeaders
    const subject = parseCirclSubject((request.params as { q: string }).q)
    const count = Math.min(headers['dribble-paginate-count'] ?? options.maxLimit, options.maxLimit)
    const page = dribblePage(options.store, registry, subject, {
      count, cursor: headers['dribble-paginate-cursor'], filter: headers['dribble-filter-rrtype']
    })
    if (page.nextCursor !== undefined) reply.header('x-dribble-cursor', String(page.nextCursor))

    return reply.type(COF_CONTENT_TYPE).send(cofBody(page.records))
  })
}
