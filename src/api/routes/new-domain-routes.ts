/** Newly observed domains in a time window: "what was newly registered today". */
import type { FastifyInstance } from 'fastify'
import type { FromSchema } from 'json-schema-to-ts'
import { pageSchema } from '../../../schemas/lookup-page.js'
import { newDomainQuerySchema, newDomainRecordSchema } from '../../../schemas/new-domain-record.js'
import { DnsledgerError } from '../../errors.js'
import type { NewDomainRecord } from '../../store/new-domain-queries.js'
import type { Store } from '../../store/store.js'
import { listResponses, recordColumns } from '../output/list-response.js'
import { isoTime, sendPage, type ListLimits, type PageWindow } from '../page-reply.js'
import { parseTime } from '../request-params.js'

type NewDomainQuery = FromSchema<typeof newDomainQuerySchema>

const DEFAULT_WINDOW_SECONDS = 86_400

export interface NewDomainRouteOptions extends ListLimits {
  store: Store
}

const COLUMNS = recordColumns(newDomainRecordSchema)

function view (record: NewDomainRecord) {
  return { ...record, first_seen_iso: isoTime(record.first_seen) }
}

export async function newDomainRoutes (app: FastifyInstance, options: NewDomainRouteOptions) {
  app.addSchema(newDomainRecordSchema)
  app.addSchema(newDomainQuerySchema)
  app.addSchema(pageSchema('NewDomainPage', { $ref: 'NewDomainRecord#' }))

  app.get('/v1/new-domains', {
    schema: {
      summary: 'Domains first observed in a time window',
      tags: ['lookups'],
      querystring: { $ref: 'NewDomainQuery#' },
      response: listResponses('NewDomainPage', newDomainRecordSchema)
    }
  }, async (request, reply) => {
    const query = request.query as NewDomainQuery
    const now = Math.floor(Date.now() / 1000)
    const until = query.until === undefined ? now : parseTime('until', query.until, now)
    const since = query.since === undefined
      ? until - DEFAULT_WINDOW_SECONDS
      : parseTime('since', query.since, now)
    if (since >= until) {
      throw new DnsledgerError('INVALID_TIME', `since (${since}) is not before until (${until}): ` +
        'send a window whose start comes first')
    }
    const source = (window: PageWindow) =>
      options.store.newDomains.inWindow({ since, until, ...window })

    return sendPage(request, reply, source, view,
      { query: { since, until }, limits: options, columns: COLUMNS })
  })
}
