/**
 * Newly observed domains in a time window: "what was newly registered today", optionally only
 * those delegated to a nameserver (or to a provider's nameservers) and only those under a
 * top-level domain or zone.
 */
import type { FastifyInstance } from 'fastify'
import type { FromSchema } from 'json-schema-to-ts'
import { pageSchema } from '../../../schemas/lookup-page.js'
import { shownWindowProperties } from '../../../schemas/lookup-query.js'
import { newDomainQuerySchema, newDomainRecordSchema } from '../../../schemas/new-domain-record.js'
import { DnsledgerError } from '../../errors.js'
import type { NewDomainRecord } from '../../store/new-domain-queries.js'
import type { Store } from '../../store/store.js'
import { listResponses, recordColumns } from '../output/list-response.js'
import { isoTime, sendPage, type ListLimits, type PageWindow } from '../page-reply.js'
import { pagingClock } from '../paging-clock.js'
import {
  isRelativeTime, parseName, parseNamePattern, parseTime, readEach, shownPattern,
  type NamePattern
} from '../request-params.js'
import { shownTimes } from '../shown-times.js'

type NewDomainQuery = FromSchema<typeof newDomainQuerySchema>

const DEFAULT_WINDOW_SECONDS = 86_400

interface NewDomainRouteOptions extends ListLimits {
  store: Store
}

const COLUMNS = recordColumns(newDomainRecordSchema)

function view (record: NewDomainRecord) {
  return { ...record, first_seen_iso: isoTime(record.first_seen) }
}

/** A `*` label is a pattern only as `*.` in front of a nameserver (parseNamePattern). */
function isWildcardName (name: string): boolean {
  return name.startsWith('*.')
}

function parseSuffix (raw: string): string {
  const suffix = parseName(raw, 'suffix')
  if (isWildcardName(suffix)) {
    throw new DnsledgerError('INVALID_NAME', `suffix="${raw}" has a wildcard: send the zone ` +
      'itself (suffix=xyz or suffix=example.co.uk), which means it and every name under it')
  }

  return suffix
}

/** The filters as understood, for the page's `query`. */
function shownFilters (nameserver: NamePattern | undefined, suffix: string | undefined) {
  const shown: Record<string, string> = {}
  if (nameserver !== undefined) {
    shown.nameserver = shownPattern(nameserver)
  }
  if (suffix !== undefined) shown.suffix = suffix

  return shown
}

export async function newDomainRoutes (app: FastifyInstance, options: NewDomainRouteOptions) {
  app.addSchema(newDomainRecordSchema)
  app.addSchema(newDomainQuerySchema)
  app.addSchema(pageSchema('NewDomainPage', { $ref: 'NewDomainRecord#' }, shownWindowProperties))

  app.get('/v1/new-domains', {
    schema: {
      summary: 'Domains first observed in a time window, by nameserver, under a suffix',
      description: 'In the order first seen; with `nameserver`, grouped by nameserver, each ' +
        'in the order first seen. ' +
        'Example: `curl -s \'localhost:8080/v1/new-domains?since=2016-07-01&until=2016-08-01' +
        '&nameserver=*.domaincontrol.com&suffix=gov\'`',
      tags: ['lookups'],
      querystring: { $ref: 'NewDomainQuery#' },
      response: listResponses('NewDomainPage')
    }
  }, async (request, reply) => {
    const query = request.query as NewDomainQuery
    // No until is now; no since is a day before until.
    const relative = query.until === undefined || isRelativeTime(query.until) ||
      isRelativeTime(query.since)
    const clock = pagingClock(query.cursor, relative)
    const now = clock.now
    const [sinceSent, untilSent] = readEach([query.since, query.until].map((raw, i) => () =>
      raw === undefined ? undefined : parseTime(i === 0 ? 'since' : 'until', raw, now, 'native')))
    const until = untilSent ?? now
    const since = sinceSent ?? until - DEFAULT_WINDOW_SECONDS
    if (since >= until) {
      throw new DnsledgerError('INVALID_TIME', `since (${since}) is not before until ` +
        `(${until}): send a window whose start comes first`)
    }
    const { nameserver: rawNameserver, suffix: rawSuffix } = query
    const nameserver = rawNameserver === undefined
      ? undefined
      : parseNamePattern(rawNameserver, 'nameserver')
    const suffix = rawSuffix === undefined ? undefined : parseSuffix(rawSuffix)
    const shown = { ...shownTimes({ since, until }), ...shownFilters(nameserver, suffix) }
    const source = (window: PageWindow) =>
      options.store.newDomains.find({ since, until, nameserver, suffix, ...window })

    return sendPage(request, reply, clock.pages(source), view,
      { query: shown, limits: options, columns: COLUMNS })
  })
}
