/**
 * Every /v1 answer varies by Accept, errors included: a cache that kept a 406 or a 400 for one
 * Accept must not serve it for another.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'

/** Other hooks (CORS) vary the answer too: add to what they said, never replace it. */
export function addVary (reply: FastifyReply, header: string): void {
  const current = reply.getHeader('vary')
  if (current === undefined) {
    reply.header('vary', header)
    return
  }
  const listed = String(current).split(',').map((name) => name.trim().toLowerCase())
  if (!listed.includes(header.toLowerCase())) reply.header('vary', `${String(current)}, ${header}`)
}

export function installVaryAccept (app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/v1/') && !reply.raw.headersSent) addVary(reply, 'Accept')

    return payload
  })
}
