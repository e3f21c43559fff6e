/**
 * One log line per request, when it is answered, instead of Fastify's two (one when it
 * arrives, one when it is answered): the same fields, the request's beside the response's,
 * at half the logging cost per request. A request that never gets an answer is not logged
 * here; the error that kept it from one is, by the problem handler.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

export class RequestLog extends LogController {
  override incomingRequest (): void {}

  override requestCompleted (error: Error | null | undefined, request: FastifyRequest,
    reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return

    const line = { req: request, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
