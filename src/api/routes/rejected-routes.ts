/** The messages ingest set aside, with why, so that a person can see what the feed refused. */
import type { FastifyInstance } from 'fastify'
import { pageSchema } from '../../../schemas/lookup-page.js'
import { pagingProperties } from '../../../schemas/lookup-query.js'
import { REJECT_CODES } from '../../feeds/reject-codes.js'
import { FEED_KINDS } from '../../feeds/observation.js'
import type { RejectedMessageRecord } from '../../store/rejected-queries.js'
import type { Store } from '../../store/store.js'
import { listResponses, recordColumns } from '../output/list-response.js'
import { isoTime, sendPage, type ListLimits, type PageWindow } from '../page-reply.js'

const rejectedRecordSchema = {
  $id: 'RejectedMessage',
  type: 'object',
  required: ['id', 'topic', 'partition', 'offset', 'code', 'reason', 'payload_head',
    'payload_bytes', 'rejected_at', 'rejected_at_iso'],
  properties: {
    id: { type: 'integer' },
    topic: { type: 'string' },
    partition: { type: 'integer', description: '-1 for file ingest' },
    offset: { type: 'string', description: 'Kafka offset, or line number for file ingest' },
    code: { type: 'string', description: 'Stable reason code, e.g. bad_timestamp' },
    reason: {
      type: 'string',
      description: 'Why, in words; for a line of a file (dnsledger ingest, the sample load) it ' +
        'ends with the line number and the file, e.g. (line 110 of data/sample/x.txt)'
    },
    payload_head: { type: 'string', description: 'The first bytes of the message' },
    payload_bytes: { type: 'integer' },
    rejected_at: { type: 'integer' },
    rejected_at_iso: { type: 'string', format: 'date-time' }
  },
  examples: [{
    id: 1,
    topic: 'spamhaus_pdns_ipv4',
    partition: 0,
    offset: '4242',
    code: 'bad_ipv4',
    reason: 'IPv4 octet "256" is over 255',
    payload_head: '1467700000|www.example.com|192.0.2.256',
    payload_bytes: 40,
    rejected_at: 1467700100,
    rejected_at_iso: '2016-07-05T06:28:20Z'
  }]
} as const

const COLUMNS = recordColumns(rejectedRecordSchema)

interface RejectedQuery {
  topic?: string
  code?: string
}

export interface RejectedRouteOptions extends ListLimits {
  store: Store
  /** KAFKA_TOPIC_PREFIX: the topics are named with it, as ingest stored them. */
  topicPrefix?: string
}

/**
 * A topic or code that cannot occur would match nothing and look like good news: both are
 * enumerated, so the schema refuses any other and the refusal lists them.
 */
function filterProperties (topicPrefix: string) {
  return {
    topic: {
      type: 'string',
      enum: FEED_KINDS.map((kind) => `${topicPrefix}${kind}`),
      description: 'Only this topic'
    },
    code: {
      type: 'string',
      enum: Object.keys(REJECT_CODES),
      description: 'Only this reason code (src/feeds/reject-codes.ts)'
    }
  } as const
}

export async function rejectedRoutes (app: FastifyInstance, options: RejectedRouteOptions) {
  app.addSchema(rejectedRecordSchema)
  app.addSchema(pageSchema('RejectedPage', { $ref: 'RejectedMessage#' }))

  app.get('/v1/rejected', {
    schema: {
      summary: 'Feed messages set aside by ingest, with the reason',
      tags: ['operations'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...pagingProperties,
          ...filterProperties(options.topicPrefix ?? '')
        }
      },
      response: listResponses('RejectedPage')
    }
  }, async (request, reply) => {
    const query = request.query as RejectedQuery
    const filter = { topic: query.topic, code: query.code }
    const source = (window: PageWindow) => options.store.rejected.list({ ...filter, ...window })
    const view = (record: RejectedMessageRecord) => ({
      ...record,
      rejected_at_iso: isoTime(record.rejected_at)
    })

    return sendPage(request, reply, source, view, { query: { topic: query.topic ?? null,
      code: query.code ?? null }, limits: options, columns: COLUMNS })
  })
}
