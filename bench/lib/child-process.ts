/**
 * Runs a Node program of ours as a child process on 127.0.0.1 (the service, or the bare
 * Fastify server), its output to a log file; knows when it serves and how much memory it holds.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { openSync, closeSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { createServer } from 'node:net'

export interface Served {
  child: ChildProcess
  port: number
  /** Milliseconds from spawn to the first 200 on `readyPath`. */
  startupMs: number
  stop: () => Promise<void>
}

/** Every child still running, so that an interrupted run can stop them (stopAll). */
const running = new Set<ChildProcess>()

export function stopAllChildren (): void {
  for (const child of running) child.kill('SIGTERM')
}

async function freePort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')

  return port
}

export function httpGet (port: number, path: string): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        body: Buffer.concat(chunks).toString('utf8')
      }))
    })
    req.on('error', reject)
  })
}

async function waitServing (port: number, path: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    const status = await httpGet(port, path).then((r) => r.status, () => 0)
    if (status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')
  throw new Error(`${path} did not answer 200 on port ${port}:\n${tail}`)
}

export async function startNode (script: URL, env: Record<string, string>, logFile: string,
  readyPath = '/health'): Promise<Served> {
  const port = await freePort()
  const out = openSync(logFile, 'a')
  const started = performance.now()
  const child = spawn(process.execPath, [script.pathname], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', out, out]
  })
  closeSync(out)
  running.add(child)
  const exited = once(child, 'exit').finally(() => running.delete(child))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.kill('SIGTERM')
    await exited
    clearTimeout(killer)
  }
  try {
    await waitServing(port, readyPath, child, logFile)
  } catch (err) {
    await stop()
    throw err
  }

  return { child, port, startupMs: performance.now() - started, stop }
}

/** Resident and peak resident memory of a live process, in MiB, from /proc. */
export function memoryMiB (pid: number): { rss: number, peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string): number =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)

  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
}
