/**
 * What Node refuses before Fastify sees a request, over a real socket: inject() does not go
 * through Node's HTTP parser.
 */
import t from 'tap'
import { once } from 'node:events'
import { connect } from 'node:net'
import { testApp } from '../helpers/test-app.js'

/** Sends bytes and reads until the server closes the connection. */
async function exchange (port: number, request: string): Promise<string> {
  const socket = connect(port, '127.0.0.1')
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  socket.on('error', () => {})
  socket.end(request)
  await once(socket, 'close')

  return Buffer.concat(chunks).toString('utf8')
}

function split (response: string): { head: string, body: any } {
  const [head = '', body = ''] = response.split('\r\n\r\n', 2)
  return { head, body: JSON.parse(body) }
}

t.test('headers over the limit: 431 as a problem document', async (t) => {
  const app = await testApp(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const huge = `GET /health HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`
  const { head, body } = split(await exchange(port, huge))
  t.match(head, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/)
  t.match(head, /\r\nContent-Type: application\/problem\+json; charset=utf-8\r\n/)
  t.match(head, /\r\nConnection: close/)
  t.match(body, { type: 'urn:dnsledger:problem:headers-too-large', status: 431,
    code: 'HEADERS_TOO_LARGE',
    detail: /URL \(its query string\) and headers are over the \d+ bytes the server reads/ })
})

t.test('a request line over the limit: 431 that says to shorten the URL', async (t) => {
  const app = await testApp(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const path = `/v1/domains/example.com?cursor=${'a'.repeat(20_000)}`
  const long = `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`
  const { head, body } = split(await exchange(port, long))
  t.match(head, /^HTTP\/1\.1 431 /)
  t.match(head, /\r\nContent-Type: application\/problem\+json; charset=utf-8\r\n/)
  t.match(body, { status: 431, code: 'HEADERS_TOO_LARGE', title: 'URL or headers too large' })
  t.match(body.detail,
    /send a shorter URL \(many indicators go in the JSON body of POST \/v1\/lookup/)
  t.notMatch(body.detail, /Cookie/, 'blames no header the request does not have')
})

t.test('bytes that are not HTTP: 400 as a problem document', async (t) => {
  const app = await testApp(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const { head, body } = split(await exchange(port, 'NOT HTTP AT ALL\r\n\r\n'))
  t.match(head, /^HTTP\/1\.1 400 Bad Request\r\n/)
  t.match(body, { code: 'INVALID_REQUEST', detail: /is not valid HTTP\/1\.1 \(HPE_/ })
})
