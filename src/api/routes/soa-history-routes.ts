/**
 * A zone's SOA history: every SOA observed at the zone's apex, oldest first, its fields split
 * out so that serial (and mname, rname, timer) changes read down the page.
 */
import type { FastifyInstance } from 'fastify'
import type { FromSchema } from 'json-schema-to-ts'
import { pageSchema } from '../../../schemas/lookup-page.js'
import { shownFenceProperties } from '../../../schemas/lookup-query.js'
import { soaHistoryQuerySchema, soaRecordSchema } from '../../../schemas/soa-record.js'
import { DnsledgerError } from '../../errors.js'
import type { SoaRecord } from '../../store/soa-history-queries.js'
import type { Store } from '../../store/store.js'
import { listResponses, recordColumns } from '../output/list-response.js'
import { isoTime, sendPage, type ListLimits, type PageWindow } from '../page-reply.js'
import { pagingClock } from '../paging-clock.js'
import { hasRelativeFence, parseFences, parseName } from '../request-params.js'
import { shownFences } from '../shown-times.js'

type SoaHistoryQuery = FromSchema<typeof soaHistoryQuerySchema>

interface SoaHistoryRouteOptions extends ListLimits {
  store: Store
}

const COLUMNS = recordColumns(soaRecordSchema)

function view (record: SoaRecord) {
  return {
    ...record,
    first_seen_iso: isoTime(record.first_seen),
    last_seen_iso: isoTime(record.last_seen)
  }
}

function parseZone (raw: string): string {
  if (raw.startsWith('*')) {
    throw new DnsledgerError('INVALID_NAME', `"${raw}" is a pattern: send one zone name, such as ` +
      'example.com (for the records of many names, use /v1/domains/*.example.com?type=SOA)')
  }

  return parseName(raw)
}

export async function soaHistoryRoutes (app: FastifyInstance, options: SoaHistoryRouteOptions) {
  app.addSchema(soaRecordSchema)
  app.addSchema(soaHistoryQuerySchema)
  app.addSchema(pageSchema('SoaHistoryPage', { $ref: 'SoaRecord#' }, shownFenceProperties))

  app.get('/v1/zones/:zone/soa', {
    schema: {
      summary: 'Every SOA observed for a zone, in first-seen order',
      description: 'For example `curl -s \'localhost:8080/v1/zones/%2E/soa?limit=5\'` (the root ' +
        'zone is `.`, written %2E in a URL)',
      tags: ['lookups'],
      params: {
        type: 'object',
        required: ['zone'],
        properties: {
          zone: { type: 'string', description: 'A zone name (any case, trailing dot optional)' }
        }
      },
      querystring: { $ref: 'SoaHistoryQuery#' },
      response: listResponses('SoaHistoryPage')
    }
  }, async (request, reply) => {
    const zone = parseZone((request.params as { zone: string }).zone)
    const query = request.query as SoaHistoryQuery
    const order = query.order ?? 'asc'
    const clock = pagingClock(query.cursor, hasRelativeFence(query))
    const fences = parseFences(query, clock.now, 'native')
    const source = (window: PageWindow) =>
      options.store.soa.history(zone, { order, fences, ...window })

    return sendPage(request, reply, clock.pages(source), view,
      { query: { zone, order, ...shownFences(fences) }, limits: options, columns: COLUMNS })
  })
}
