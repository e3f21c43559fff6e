/** The messages ingest set aside, with why, so that a person can see what the feed refused. */
import type { FastifyInstance } from 'fastify'
import { pageSchema } from '../../../schemas/lookup-page.js'
import { pagingProperties } from '../../../schemas/lookup-query.js'
import type { RejectedMessageRecord } from '../../store/rejected-queries.js'
import type { Store } from '../../store/store.js'
import { isoTime, sendPage } from '../page-reply.js'
import { parseLimit } from '../request-params.js'

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
    reason: { type: 'string' },
    payload_head: { type: 'string', description: 'The first bytes of the message' },
    payload_bytes: { type: 'integer' },
    rejected_at: { type: 'integer' },
    rejected_at_iso: { type: 'string', format: 'date-time' }
  }
} as const

interface RejectedQuery {
  topic?: string
  code?: string
  limit?: number
  cursor?: string
}

export async function rejectedRoutes (app: FastifyInstance,
  options: { store: Store, defaultLimit: number, maxLimit: number }) {
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
          topic: { type: 'string', description: 'Only this topic' },
          code: { type: 'string', description: 'Only this reason code' }
        }
      },
      response: { 200: { $ref: 'RejectedPage#' }, '4xx': { $ref: 'Problem#' } }
    }
  }, async (request, reply) => {
    const query = request.query as RejectedQuery
    const limit = parseLimit(query.limit, options.defaultLimit, options.maxLimit)
    const page = options.store.rejected.list({ ...query, limit })
    const view = (record: RejectedMessageRecord) => ({
      ...record,
      rejected_at_iso: isoTime(record.rejected_at)
    })

    return sendPage(request, reply, page, view, { query: { topic: query.topic ?? null,
      code: query.code ?? null }, limit })
  })
}
