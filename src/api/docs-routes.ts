/**
 * Swagger UI at /docs, built the first time someone asks for it: registering it took about a
 * sixth of start-up, for pages few clients ever open. It runs in an app of its own over this
 * app's OpenAPI document; its answers pass through unchanged, and a path it does not know is
 * answered here, as any unknown path is.
 */
import Fastify, {
  type FastifyInstance, type FastifyReply, type FastifyRequest, type LightMyRequestResponse
} from 'fastify'
import swagger, { type StaticDocumentSpec } from '@fastify/swagger'
import { sendNotFound } from './problem-handler.js'

const DOCS_PREFIX = '/docs'
/** Set by the server that writes the answer, not taken from the docs app's. */
const OWN_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date',
  'content-length'])

type OpenApiDocument = StaticDocumentSpec['document']

async function docsApp (document: OpenApiDocument): Promise<FastifyInstance> {
  // Imported here too: loading the module is part of what start-up no longer pays for.
  const { default: swaggerUi } = await import('@fastify/swagger-ui')
  const docs = Fastify({ logger: false })
  await docs.register(swagger, { mode: 'static', specification: { document } })
  await docs.register(swaggerUi, { routePrefix: DOCS_PREFIX })
  await docs.ready()

  return docs
}

function passOn (answer: LightMyRequestResponse, reply: FastifyReply) {
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!OWN_HEADERS.has(name) && value !== undefined) reply.header(name, value)
  }

  // Nothing rather than an empty body, which would be labelled application/octet-stream.
  const body = answer.rawPayload.length === 0 ? undefined : answer.rawPayload

  return reply.code(answer.statusCode).send(body)
}

export async function docsRoutes (app: FastifyInstance): Promise<void> {
  let docs: Promise<FastifyInstance> | undefined

  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    // A failed build is tried again by the next request rather than kept.
    docs ??= docsApp(app.swagger() as OpenApiDocument).catch((err: unknown) => {
      docs = undefined
      throw err
    })
    // Always a GET: for a HEAD, Fastify sends the headers of the GET, its length included.
    const answer = await (await docs).inject({ method: 'GET', url: request.url,
      headers: request.headers })
    if (answer.statusCode === 404) return sendNotFound(reply, request)

    return passOn(answer, reply)
  }

  app.addHook('onClose', async () => {
    const built = docs
    docs = undefined
    await built?.then((docsApp) => docsApp.close(), () => {})
  })
  app.get(DOCS_PREFIX, { schema: { hide: true } }, forward)
  app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, forward)
}
