/** Liveness and readiness, for orchestrators and load balancers. */
import type { FastifyInstance } from 'fastify'

export interface ReadinessCheck {
  name: string
  ok: boolean
  detail: string
}

export type ReadinessProbe = () => ReadinessCheck[]

const checksSchema = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'ok', 'detail'],
        properties: {
          name: { type: 'string' },
          ok: { type: 'boolean' },
          detail: { type: 'string' }
        }
      }
    }
  }
} as const

export async function healthRoutes (app: FastifyInstance, options: { probe: ReadinessProbe }) {
  app.get('/health', {
    schema: {
      summary: 'Liveness: the process answers',
      tags: ['operations'],
      response: {
        200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } }
      }
    }
  }, async () => ({ status: 'ok' }))

  app.get('/ready', {
    schema: {
      summary: 'Readiness: one check per concern (store, consumer, store writes, Kafka ' +
        'offsets), each with a detail; 503 when any fails',
      tags: ['operations'],
      response: { 200: checksSchema, 503: checksSchema }
    }
  }, async (_request, reply) => {
    const checks = options.probe()
    const ready = checks.every((check) => check.ok)

    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks })
  })
}
