/**
 * Builds the Fastify app without listening, so tests can drive it through inject() and the
 * process entry can decide where it listens.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Logger } from 'pino'
import { problemSchema } from '../../schemas/problem.js'
import { installProblemHandler } from './problem-handler.js'
import { healthRoutes, type ReadinessProbe } from './routes/health-routes.js'
import { lookupRoutes } from './routes/lookup-routes.js'
import { newDomainRoutes } from './routes/new-domain-routes.js'
import { rejectedRoutes } from './routes/rejected-routes.js'
import type { Store } from '../store/store.js'
import { OPENAPI_INFO } from './openapi-info.js'

export interface AppOptions {
  store: Store
  logger?: Logger | false
  probe?: ReadinessProbe
  defaultLimit?: number
  maxLimit?: number
}

const BODY_LIMIT_BYTES = 1_048_576

export async function buildApp (options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger === false ? undefined : options.logger) as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: {
      // Unknown parameters must be refused with a 400, so nothing is silently stripped.
      customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false }
    }
  })
  const limits = { defaultLimit: options.defaultLimit ?? 100, maxLimit: options.maxLimit ?? 10_000 }
  const probe = options.probe ?? (() => [{ name: 'store', ok: options.store.db.open, detail: '' }])

  installProblemHandler(app)
  app.addSchema(problemSchema)
  await app.register(swagger, {
    openapi: OPENAPI_INFO,
    // Components keep their schema $id as name, so the document reads ObservationRecord, not def-3.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(healthRoutes, { probe })
  await app.register(lookupRoutes, { store: options.store, ...limits })
  await app.register(newDomainRoutes, { store: options.store, ...limits })
  await app.register(rejectedRoutes, { store: options.store, ...limits })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  return app
}
