/**
 * Bulk lookups for playbooks: POST /v1/lookup takes a list of indicators and answers each as
 * its single lookup would, in the order sent, with what it was understood as. A bad indicator
 * gets a problem in its own result; a malformed request is a 400 for the whole of it.
 */
import type { FastifyInstance } from 'fastify'
import {
  bulkLookupRequestSchema, bulkLookupResponseSchema, bulkLookupResultSchema
} from '../../../schemas/bulk-lookup.js'
import { observationRecordSchema } from '../../../schemas/observation-record.js'
import { CLIENT_ERROR_RESPONSE, SERVER_ERROR_RESPONSE } from '../../../schemas/problem.js'
import { DnsledgerError } from '../../errors.js'
import type { Store } from '../../store/store.js'
import { answerBatch } from '../bulk/bulk-answer.js'
import type { IndicatorInput } from '../bulk/bulk-indicator.js'
import { readBulkOptions, shownOptions, type BulkOptionFields } from '../bulk/bulk-options.js'
import { strictBodyValidator } from '../strict-body-validator.js'

interface BulkLookupRouteOptions {
  store: Store
  defaultLimit: number
  /** The most indicators in one request. */
  maxIndicators: number
  /** The largest per-indicator limit. */
  maxLimit: number
}

type BulkLookupBody = BulkOptionFields & { indicators: IndicatorInput[] }

const DESCRIPTION = 'Looks up many indicators at once, each as its GET endpoint would: ' +
  'a domain name or `*.` wildcard name as GET /v1/domains, an address or network as ' +
  'GET /v1/ips, and with `"as"` a nameserver, mail exchanger or CNAME target as ' +
  'GET /v1/nameservers, /v1/mx, /v1/cnames. One result per indicator, in the order sent; an ' +
  'indicator sent twice is looked up once and answered at each place. A result that is cut ' +
  'has `truncated: true`, a `next_cursor` and in `next` the GET request for the rest; ' +
  '`X-Dnsledger-Truncated` says whether any result is cut. An indicator that cannot be read ' +
  'has an `error` (the problem its GET endpoint answers) and the others are answered. At most ' +
  'API_BULK_MAX_INDICATORS (1000) indicators and a body of 1 MiB.'

function checkCount (count: number, maxIndicators: number): void {
  if (count <= maxIndicators) return
  throw new DnsledgerError('INVALID_REQUEST', `${count} indicators is over the maximum of ` +
    `${maxIndicators} per request: split them into requests of at most ${maxIndicators}`)
}

export async function bulkLookupRoutes (app: FastifyInstance, options: BulkLookupRouteOptions) {
  // Each route plugin has its own schemas: the record is the one the single lookups answer.
  app.addSchema(observationRecordSchema)
  app.addSchema(bulkLookupRequestSchema)
  app.addSchema(bulkLookupResultSchema)
  app.addSchema(bulkLookupResponseSchema)
  const validatorCompiler = strictBodyValidator([bulkLookupRequestSchema])

  app.post('/v1/lookup', {
    schema: {
      summary: 'Many indicators in one request',
      description: DESCRIPTION,
      tags: ['lookups'],
      body: { $ref: 'BulkLookupRequest#' },
      response: {
        200: { $ref: 'BulkLookupResponse#' },
        '4xx': CLIENT_ERROR_RESPONSE,
        '5xx': SERVER_ERROR_RESPONSE
      }
    },
    validatorCompiler
  }, async (request, reply) => {
    const body = request.body as BulkLookupBody
    checkCount(body.indicators.length, options.maxIndicators)
    const lookup = readBulkOptions(body, options, Math.floor(Date.now() / 1000))
    const clientWaits = () => request.raw.socket?.destroyed !== true
    const answer = await answerBatch(options.store, body.indicators, lookup, clientWaits)
    reply.header('x-dnsledger-truncated', String(answer.truncated))
    reply.type('application/json; charset=utf-8')

    // Each result is already JSON (serialized slice by slice, see bulk-answer.ts).
    return `{"query":${JSON.stringify(shownOptions(lookup))},"limit":${lookup.limit},` +
      `"truncated":${answer.truncated},"results":[${answer.results.join(',')}]}`
  })
}
