/**
 * Builds the Fastify app without listening, so tests can drive it through inject() and the
 * process entry can decide where it listens.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import type { Logger } from 'pino'
import { problemSchema } from '../../schemas/problem.js'
import { answerClientError } from './client-error.js'
import { docsRoutes } from './docs-routes.js'
import { installProblemHandler, sendProblem } from './problem-handler.js'
import { BODY_MAX_BYTES, installJsonBodyParser } from './json-body-parser.js'
import { clipText } from './shown-value.js'
import { installTrailingSlashCheck } from './trailing-slash.js'
import { installVaryAccept } from './vary-accept.js'
import { RequestLog } from './request-log.js'
import { strictParameters } from './strict-parameters.js'
import { healthRoutes, type ReadinessProbe } from './routes/health-routes.js'
import { lookupRoutes } from './routes/lookup-routes.js'
import { bulkLookupRoutes } from './routes/bulk-lookup-routes.js'
import { metricsRoutes } from './routes/metrics-routes.js'
import { newDomainRoutes } from './routes/new-domain-routes.js'
import { rejectedRoutes } from './routes/rejected-routes.js'
import { dnsdbRoutes } from './routes/dnsdb-routes.js'
import { circlRoutes } from './routes/circl-routes.js'
import { txtSearchRoutes } from './routes/txt-search-routes.js'
import { soaHistoryRoutes } from './routes/soa-history-routes.js'
import { installAccess, type AccessSettings } from './access/access-plugin.js'
import { SECURITY_SCHEMES } from './access/openapi-security.js'
import type { Store } from '../store/store.js'
import { OPENAPI_INFO } from './openapi-info.js'
import { withOperationExamples } from './openapi-examples.js'

export interface AppOptions extends AccessSettings {
  store: Store
  logger?: Logger | false
  probe?: ReadinessProbe
  defaultLimit?: number
  maxLimit?: number
  /** The most records an NDJSON or CSV stream holds, and its default. */
  streamMaxLimit?: number
  /** POST /v1/lookup: the most indicators in one request, the largest per-indicator limit. */
  bulkMaxIndicators?: number
  bulkMaxLimit?: number
  /** The most TXT index entries one TXT search request examines. */
  txtScanLimit?: number
  /** KAFKA_TOPIC_PREFIX, which the stored topics of set-aside messages carry. */
  topicPrefix?: string
  /**
   * Check every schema against the JSON Schema meta-schema when the app starts. Off in the
   * service: compiling the meta-schema took a third of start-up; the tests turn it on.
   */
  checkSchemas?: boolean
}

/**
 * As long as a whole request line can be (Node's 16 KiB of headers): a path segment is never
 * cut off by the router, so an over-long name gets the name's own refusal (over 253 octets).
 */
const MAX_PARAM_CHARS = 16_384

export async function buildApp (options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger === false ? undefined : options.logger) as FastifyBaseLogger,
    logController: new RequestLog(),
    bodyLimit: BODY_MAX_BYTES,
    // A name may be 253 octets, and more as escapes or percent-encoding (Fastify's default is 100).
    routerOptions: { maxParamLength: MAX_PARAM_CHARS },
    // Undecodable paths and the like leave as problem details too, like every other error,
    // quoting the URL shortened.
    frameworkErrors: (err, request, reply) => {
      void sendProblem(reply, request, 'INVALID_REQUEST', `${clipText(err.message, 120)}: ` +
        'check the URL\'s percent-encoding')
    },
    clientErrorHandler: answerClientError,
    ajv: {
      // Unknown parameters must be refused with a 400, so nothing is silently stripped.
      customOptions: {
        removeAdditional: false,
        coerceTypes: true,
        allErrors: false,
        // Each issue carries its schema and value, which the problem's detail is written from.
        verbose: true,
        validateSchema: options.checkSchemas === true
      }
    }
  })
  const limits = {
    defaultLimit: options.defaultLimit ?? 100,
    maxLimit: options.maxLimit ?? 10_000,
    streamMaxLimit: options.streamMaxLimit ?? 1_000_000
  }
  const probe = options.probe ?? (() => [{ name: 'store', ok: options.store.db.open, detail: '' }])

  installProblemHandler(app)
  // Bodies are JSON: any other type is a 415 that says so, not a string that fails validation.
  app.removeContentTypeParser('text/plain')
  installJsonBodyParser(app)
  installVaryAccept(app)
  app.addSchema(problemSchema)
  app.addHook('onRoute', strictParameters)
  const limiter = installAccess(app, options)
  installTrailingSlashCheck(app)
  await app.register(swagger, {
    openapi: { ...OPENAPI_INFO, components: { securitySchemes: SECURITY_SCHEMES } },
    // Components keep their schema $id as name, so the document reads ObservationRecord, not def-3.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transformObject: (document) =>
      withOperationExamples('openapiObject' in document ? document.openapiObject : {})
  })
  await app.register(docsRoutes)
  await app.register(metricsRoutes, {})
  await app.register(healthRoutes, { probe })
  await app.register(lookupRoutes, { store: options.store, ...limits })
  await app.register(bulkLookupRoutes, {
    store: options.store,
    defaultLimit: limits.defaultLimit,
    maxIndicators: options.bulkMaxIndicators ?? 1_000,
    maxLimit: options.bulkMaxLimit ?? Math.min(100, limits.maxLimit)
  })
  await app.register(newDomainRoutes, { store: options.store, ...limits })
  await app.register(rejectedRoutes,
    { store: options.store, ...limits, topicPrefix: options.topicPrefix })
  await app.register(txtSearchRoutes,
    { store: options.store, ...limits, scanLimit: options.txtScanLimit ?? 50_000 })
  await app.register(soaHistoryRoutes, { store: options.store, ...limits })
  const compat = { store: options.store, maxLimit: limits.maxLimit }
  await app.register(dnsdbRoutes, { prefix: '/dnsdb/v2', limiter, ...compat })
  await app.register(circlRoutes, compat)
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  return app
}
