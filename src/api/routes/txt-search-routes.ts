/**
 * TXT search: which names published a text, such as a site-verification token, an SPF
 * include: domain or a fragment of a DKIM key.
 */
import type { FastifyInstance } from 'fastify'
import type { FromSchema } from 'json-schema-to-ts'
import { observationRecordSchema } from '../../../schemas/observation-record.js'
import { txtSearchPageSchema, txtSearchQuerySchema } from '../../../schemas/txt-search.js'
import type { Store } from '../../store/store.js'
import type { TxtPage } from '../../store/txt-search-queries.js'
import { listResponses, recordColumns } from '../output/list-response.js'
import { sendPage, type ListLimits, type PageWindow } from '../page-reply.js'
import { pagingClock } from '../paging-clock.js'
import { hasRelativeFence, parseFences } from '../request-params.js'
import { shownFences } from '../shown-times.js'
import { parseTxtMatch, parseTxtOwner, shownMatch } from '../txt-search-params.js'
import { recordView } from './lookup-routes.js'

type TxtSearchQuery = FromSchema<typeof txtSearchQuerySchema>

const COLUMNS = recordColumns(observationRecordSchema)

interface TxtSearchRouteOptions extends ListLimits {
  store: Store
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
      response: listResponses('TxtSearchPage')
    }
  }, async (request, reply) => {
    const query = request.query as TxtSearchQuery
    const match = parseTxtMatch(query)
    const owner = parseTxtOwner(query.name)
    const clock = pagingClock(query.cursor, hasRelativeFence(query))
    const fences = parseFences(query, clock.now, 'native')
    const name = owner === undefined ? null : `${owner.subtree ? '*.' : ''}${owner.name}`
    // A stream reads on past scan-limited pages by their cursors; the header tells a JSON
    // page's reader, and is sent with the first page of a stream.
    const source = (window: PageWindow): TxtPage => {
      const page = options.store.txt.search({
        match, owner, fences, ...window, scanLimit: options.scanLimit
      })
      if (!reply.raw.headersSent) {
        reply.header('x-dnsledger-scan-limited', String(page.scanLimited))
      }

      return page
    }

    return sendPage(request, reply, clock.pages(source), recordView, {
      query: {
        ...shownMatch(match), name, ...shownFences(fences), scan_limit: options.scanLimit
      },
      limits: options,
      columns: COLUMNS,
      extra: (page) => ({ scan_limited: (page as TxtPage).scanLimited })
    })
  })
}
