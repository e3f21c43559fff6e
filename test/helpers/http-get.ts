/**
 * A GET over a real socket with Node's own HTTP client, for what inject() cannot show:
 * trailers as a client receives them, and a connection the server aborts.
 */
import http from 'node:http'
import type { FastifyInstance } from 'fastify'

export interface HttpAnswer {
  statusCode: number
  headers: http.IncomingHttpHeaders
  trailers: NodeJS.Dict<string>
  body: string
  /** False when the connection ended before the whole message arrived. */
  complete: boolean
}

export async function listening (app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 })

  return (app.server.address() as { port: number }).port
}

export function httpGet (port: number, path: string,
  headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', () => {})
      res.on('close', () => resolve({
        statusCode: res.statusCode ?? 0,
        headers: res.headers,
        trailers: res.trailers,
        body: Buffer.concat(chunks).toString('utf8'),
        complete: res.complete
      }))
    })
    request.on('error', reject)
  })
}
