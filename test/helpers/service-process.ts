/**
 * Runs the built service (dist/) as a child process, as a user would, and talks to it over
 * HTTP on 127.0.0.1. Killed when the test ends, pass or fail.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import http from 'node:http'
import type { Test } from 'tap'

export interface ServiceProcess {
  port: number
  child: ChildProcess
  output: () => string
  get: (path: string, headers?: http.OutgoingHttpHeaders) => Promise<{ status: number, body: any }>
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
  /** Resolves with the exit code once the service exits by itself (null if by a signal). */
  exited: () => Promise<number | null>
}

export async function freePort (): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')

  return port
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })

/** A raw GET: the path is sent as written (no URL dot-segment folding), so `/v1/domains/.` works. */
export function httpGet (port: number, path: string,
  headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number, body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let body: unknown = text
        try { body = JSON.parse(text) } catch {}
        resolve({ status: res.statusCode ?? 0, body })
      })
    })
    req.on('error', reject)
  })
}

/**
 * The test's environment without tap's: its NODE_OPTIONS loads tap's TypeScript and process
 * tracking hooks into every child, which makes the built service start several times slower.
 */
export function serviceEnv (env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) =>
    name !== 'NODE_OPTIONS' && !name.startsWith('TAP') && !name.startsWith('_TAPJS'))

  return { ...Object.fromEntries(inherited), LOG_LEVEL: 'info', ...env }
}

export interface StartOptions {
  /** Resolve once /health answers (default); false resolves at once, e.g. to kill it early. */
  waitForHealth?: boolean
}

export async function startService (t: Test, env: Record<string, string>,
  options: StartOptions = {}): Promise<ServiceProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: serviceEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }
  t.teardown(() => stop('SIGKILL'))

  const service = { port, child, output: () => output, stop, exited: () => exited,
    get: (p: string, headers?: http.OutgoingHttpHeaders) => httpGet(port, p, headers) }
  if (options.waitForHealth === false) return service
  await waitFor(async () => (await service.get('/health').catch(() => undefined))?.status === 200,
    () => `service did not answer /health:\n${output}`, () => child.exitCode !== null)

  return service
}

/** Polls until ok(); gives up early when failed() says it never will. Bounded by count. */
export async function waitFor (ok: () => Promise<boolean>, explain: () => string,
  failed: () => boolean = () => false, attempts = 1200, intervalMs = 250): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await ok()) return
    if (failed()) break
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  throw new Error(explain())
}
