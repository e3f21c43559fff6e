/**
 * GET /metrics in the Prometheus text format, and the hooks that count every HTTP request.
 * Registered without encapsulation (like fastify-plugin does) so that the hooks see the
 * routes of every other plugin.
 */
import type { FastifyInstance } from 'fastify'
import { CONTENT_TYPE } from '../../metrics/exposition.js'
import { installHttpMetrics } from '../../metrics/http-metrics.js'
import { serviceMetrics, type ServiceMetrics } from '../../metrics/service-metrics.js'

export async function metricsRoutes (app: FastifyInstance, options: { metrics?: ServiceMetrics }) {
  const metrics = options.metrics ?? serviceMetrics
  installHttpMetrics(app, metrics)

  app.get('/metrics', {
    schema: {
      summary: 'Metrics in the Prometheus text format (ingest, consumer, store, HTTP)',
      tags: ['operations'],
      response: {
        200: {
          description: 'Prometheus text exposition format 0.0.4',
          content: { 'text/plain': { schema: { type: 'string' } } }
        }
      }
    }
  }, async (_request, reply) => reply.type(CONTENT_TYPE).send(metrics.render()))
}

// Hooks added here apply to the whole app, not only to this plugin's routes.
Object.assign(metricsRoutes, { [Symbol.for('skip-override')]: true })
