/**
 * The native record lookups: forward by name, and reverse by address, nameserver, mail
 * exchanger and CNAME target.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FromSchema } from 'json-schema-to-ts'
import {
  lookupQuerySchema, reverseLookupQuerySchema, shownFenceProperties
} from '../../../schemas/lookup-query.js'
import { pageSchema } from '../../../schemas/lookup-page.js'
import { observationRecordSchema } from '../../../schemas/observation-record.js'
import type { RRType } from '../../feeds/observation.js'
import type { ObservationRecord, TimeFences } from '../../store/observation-queries.js'
import type { Store } from '../../store/store.js'
import { listResponses, recordColumns } from '../output/list-response.js'
import { isoTime, sendPage, type ListLimits, type PageSource } from '../page-reply.js'
import { pagingClock, type PagingClock } from '../paging-clock.js'
import { parseIpRange, type IpRange } from '../ip-range.js'
import { ipRangePage, namePage, targetPage } from '../record-lookups.js'
import {
  hasRelativeFence, parseFences, parseNamePattern, parseRrtypes, shownPattern
} from '../request-params.js'
import { shownFences } from '../shown-times.js'

type LookupQuery = FromSchema<typeof lookupQuerySchema>

interface LookupRouteOptions extends ListLimits {
  store: Store
}

/** What filters a lookup; the page window (limit, cursor) comes from the reply. */
interface LookupFilters {
  rrtypes?: RRType[]
  fences?: TimeFences
  /** What relative fences are read against; its pages carry it in their cursors. */
  clock: PagingClock
}

const recordPage = pageSchema('ObservationPage', { $ref: 'ObservationRecord#' },
  shownFenceProperties)

const COLUMNS = recordColumns(observationRecordSchema)

/** Field by field rather than by spreading the record: this runs for every record answered. */
export function recordView (record: ObservationRecord) {
  return {
    rrname: record.rrname,
    rrtype: record.rrtype,
    rdata: record.rdata,
    first_seen: record.first_seen,
    last_seen: record.last_seen,
    count: record.count,
    first_seen_iso: isoTime(record.first_seen),
    last_seen_iso: isoTime(record.last_seen)
  }
}

function routeSchema (summary: string, param: string, description: string,
  querySchema = 'ReverseLookupQuery#') {
  return {
    summary,
    tags: ['lookups'],
    params: {
      type: 'object',
      required: [param],
      properties: { [param]: { type: 'string', description } }
    },
    querystring: { $ref: querySchema },
    response: listResponses('ObservationPage')
  }
}

export async function lookupRoutes (app: FastifyInstance, options: LookupRouteOptions) {
  const { store } = options
  app.addSchema(observationRecordSchema)
  app.addSchema(lookupQuerySchema)
  app.addSchema(reverseLookupQuerySchema)
  app.addSchema(recordPage)

  function lookupFilters (query: LookupQuery, rrtypes?: RRType[]): LookupFilters {
    const clock = pagingClock(query.cursor, hasRelativeFence(query))

    return {
      rrtypes: rrtypes ?? parseRrtypes(query.type),
      fences: parseFences(query, clock.now, 'native'),
      clock
    }
  }

  function reply (request: FastifyRequest, res: FastifyReply, filters: LookupFilters,
    source: PageSource<ObservationRecord>, query: Record<string, unknown>) {
    const shown = { ...query, ...shownFences(filters.fences) }

    return sendPage(request, res, filters.clock.pages(source), recordView,
      { query: shown, limits: options, columns: COLUMNS })
  }

  /** Reverse lookup by an address or a network. */
  function byRange (request: FastifyRequest, res: FastifyReply, range: IpRange) {
    const filters = lookupFilters(request.query as LookupQuery, [range.rrtype])
    const source: PageSource<ObservationRecord> = (window) =>
      ipRangePage(store, range, { ...filters, ...window })

    return reply(request, res, filters, source, { ip: range.text, rrtype: range.rrtype })
  }

  /**
   * Reverse lookup by a target name, or by `*.name` for it and every name under it: NS, CNAME
   * and MX store the target as a name id.
   */
  function byTarget (rrtype: 'NS' | 'CNAME' | 'MX', param: string) {
    return async (request: FastifyRequest, res: FastifyReply) => {
      const raw = (request.params as Record<string, string>)[param] ?? ''
      const pattern = parseNamePattern(raw)
      const filters = lookupFilters(request.query as LookupQuery, [rrtype])
      const source: PageSource<ObservationRecord> = (window) =>
        targetPage(store, rrtype, pattern, { ...filters, ...window })

      return reply(request, res, filters, source, { [param]: shownPattern(pattern), rrtype })
    }
  }

  app.get('/v1/domains/:name', {
    schema: routeSchema('Everything observed for a name', 'name',
      'A domain name; `*.example.com` for the name and every name under it', 'LookupQuery#')
  }, async (request, res) => {
    const pattern = parseNamePattern((request.params as { name: string }).name)
    const filters = lookupFilters(request.query as LookupQuery)
    const source: PageSource<ObservationRecord> = (window) =>
      namePage(store, pattern, { ...filters, ...window })
    const shown = { name: shownPattern(pattern) }

    return reply(request, res, filters, source, { ...shown, rrtypes: filters.rrtypes ?? null })
  })

  app.get('/v1/ips/:ip', {
    schema: {
      ...routeSchema('Every name that resolved to an address, network or address range', 'ip',
        'An IPv4 or IPv6 address, a network as `address,prefix`, or a range `first-last` of ' +
        'one family'),
      description: 'In address order. Example: ' +
        "`curl -s 'localhost:8080/v1/ips/149.111.205.10-149.111.205.200?limit=5'`"
    }
  }, async (request, res) => {
    return byRange(request, res, parseIpRange((request.params as { ip: string }).ip))
  })

  app.get('/v1/ips/:ip/:prefix', {
    schema: {
      ...routeSchema('Every name that resolved to an address in a network', 'ip',
        'The network address, e.g. 192.0.2.0'),
      params: {
        type: 'object',
        required: ['ip', 'prefix'],
        properties: {
          ip: { type: 'string', description: 'The network address, e.g. 192.0.2.0' },
          prefix: { type: 'string', description: 'The prefix length, e.g. 24' }
        }
      }
    }
  }, async (request, res) => {
    const params = request.params as { ip: string, prefix: string }

    return byRange(request, res, parseIpRange(params.ip, params.prefix))
  })

  app.get('/v1/nameservers/:host', {
    schema: {
      ...routeSchema('Every domain delegated to a nameserver', 'host',
        'A nameserver name; `*.example.net` for it and every nameserver under it'),
      description: 'With `*.example.net`, grouped by nameserver. Example: ' +
        "`curl -s 'localhost:8080/v1/nameservers/*.domaincontrol.com?limit=5'`"
    }
  }, byTarget('NS', 'host'))

  app.get('/v1/mx/:host', {
    schema: {
      ...routeSchema('Every domain whose mail goes to a host', 'host',
        'A mail exchanger name, `*.example.com` for it and every name under it; matches MX ' +
        'records with or without a preference'),
      description: 'With `*.example.com`, grouped by mail exchanger. Example: ' +
        "`curl -s 'localhost:8080/v1/mx/*.psmtp.com?limit=5'`"
    }
  }, byTarget('MX', 'host'))

  app.get('/v1/cnames/:target', {
    schema: {
      ...routeSchema('Every name that was an alias for a target', 'target',
        'A CNAME target; `*.cdn.example` for it and every name under it'),
      description: 'With `*.cdn.example`, grouped by target. Example: ' +
        "`curl -s 'localhost:8080/v1/cnames/*.akamaiedge.net?limit=5'`"
    }
  }, byTarget('CNAME', 'target'))
}
