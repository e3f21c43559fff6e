/**
 * TXT search: which names published a text, such as a site-verification token, an SPF
 * include: domain or a fragment of a DKIM key.
 */
import type { FastifyInstance } from 'fastify'
import type { FromSchema } from 'json-schema-to-ts'
import { observationRecordSchema } from '../../../schemas/observation-record.js'
import { txtSearchPageSchema, txtSearchQuerySchema } from '../../../schemas/txt-search.js'
import type { Store } from '../../store/store.js'
import { sendPage } from '../page-reply.js'
import { parseFences, parseLimit } from '../request-params.js'
import { parseTxtMatch, parseTxtOwner, shownMatch } from '../txt-search-params.js'
import { recordView } from './lookup-routes.js'

type TxtSearchQuery = FromSchema<typeof txtSearchQuerySchema>

export interface TxtSearchRouteOptions {
  store: Store
  defaultLimit: number
  maxLimit: number
  /** The most TXT index entries one request examines. */
  scanLimit: number
}

export async function txtSearchRoutes (app: FastifyInstance, options: TxtSearchRouteOptions) {
  app.addSchema(observationRecordSchema)
  app.addSchema(txtSearchQuerySchema)
  app.addSchema(txtSearchPageSchema)

  app.get('/v1/txt', {
    schema: {
      summary: 'TXT records that contain, start with or are a text',
      description: 'For example ' +
        '`curl -s \'localhost:8080/v1/txt?contains=include:_spf.google.com\'`',
      tags: ['lookups'],
      querystring: { $ref: 'TxtSearchQuery#' },
      response: { 200: { $ref: 'TxtSearchPage#' }, '4xx': { $ref: 'Problem#' } }
    }
  }, async (request, reply) => {
    const query = request.query as TxtSearchQuery
    const match = parseTxtMatch(query)
    const owner = parseTxtOwner(query.name)
    const limit = parseLimit(query.limit, options.defaultLimit, options.maxLimit)
    const fences = parseFences(query, Math.floor(Date.now() / 1000))
    const page = options.store.txt.search({ match, owner, fences, limit, cursor: query.cursor,
      scanLimit: options.scanLimit })
    const name = owner === undefined ? null : `${owner.subtree ? '*.' : ''}${owner.name}`
    reply.header('x-dnsledger-scan-limited', String(page.scanLimited))

    return sendPage(request, reply, page, recordView, {
      query: { ...shownMatch(match), name, scan_limit: options.scanLimit },
      limit,
      extra: { scan_limited: page.scanLimited }
    })
  })
}
