/**
 * Counts and times every HTTP request by method, route pattern and status. The route is the
 * pattern (`/v1/domains/:name`), never the URL, so that the number of series stays bounded;
 * requests that match no route are counted under `unmatched`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ServiceMetrics } from './service-metrics.js'

function routeOf (request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched'
}

export function recordRequest (metrics: ServiceMetrics, request: FastifyRequest,
  reply: FastifyReply): void {
  const labels = {
    method: request.method,
    route: routeOf(request),
    status: String(reply.statusCode)
  }
  metrics.httpRequests.inc(labels)
  metrics.httpSeconds.observe(labels, reply.elapsedTime / 1000)
}

export function installHttpMetrics (app: FastifyInstance, metrics: ServiceMetrics): void {
  app.addHook('onResponse', async (request, reply) => recordRequest(metrics, request, reply))
}
