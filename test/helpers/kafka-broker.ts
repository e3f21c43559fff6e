// A real single-node Apache Kafka broker (KRaft, SASL) for tap tests, run by
// scripts/kafka/broker.sh from jars that Maven resolves into .cache/kafka on first use.
//
//   const kafka = await startBroker({ t })
//   await kafka.produceLines('spamhaus_pdns_ipv4', [line1, line2])
//   new Kafka({ brokers: kafka.brokers, sasl: kafka.sasl })
//   await kafka.pause(); ...; await kafka.resume()   // an outage of the same broker
//
// Every broker is stopped by t.teardown (when `t` is given), by stop(), when the process
// exits or is signalled, and by broker.sh's watchdog if this process dies without cleanup.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SASLOptions } from 'kafkajs'
import { FEED_KINDS } from '../../src/feeds/observation.js'

export const BROKER_SCRIPT = fileURLToPath(
  new URL('../../scripts/kafka/broker.sh', import.meta.url),
)

export const SPAMHAUS_TOPICS = FEED_KINDS

/** kafkajs's names of the SASL mechanisms the broker's client listener accepts. */
export type Mechanism = 'scram-sha-256' | 'scram-sha-512' | 'plain'

/** kcat (Debian's package), or the console producer class from the broker's own jars. */
export type Producer = 'kcat' | 'java'

export interface ProduceOptions {
  /** Overrides the broker's producer for this call. */
  producer?: Producer
}

export interface BrokerOptions {
  /** A tap test: the broker is stopped in its teardown, also when the test fails. */
  t?: TeardownHost
  /** Partitions per topic (default 2, so that multi-partition paths are exercised). */
  partitions?: number
  /** Topics to create (default: the eight Spamhaus topics). */
  topics?: readonly string[]
  username?: string
  password?: string
  /** The mechanism put in `mechanism` and `sasl` (default scram-sha-256); all three work. */
  mechanism?: Mechanism
  /** Kafka version; scripts/kafka/pom.xml must resolve it (default: broker.sh's). */
  version?: string
  /** Who writes produceLines/produceFile (default: kcat when installed, else java). */
  producer?: Producer
  /** Keep the broker's logs in `dir` after stop, for debugging. */
  keepLogs?: boolean
}

export interface TestBroker {
  /** kafkajs `brokers`, e.g. ['127.0.0.1:24567'] (SASL_PLAINTEXT). */
  brokers: string[]
  username: string
  password: string
  mechanism: Mechanism
  /** kafkajs `sasl` option for `mechanism`. */
  sasl: SASLOptions
  topics: readonly string[]
  partitions: number
  /** The broker's state dir (config, data, logs/server.log); removed by stop(). */
  dir: string
  /** The broker JVM's pid (a new one after resume()). */
  pid: number
  /** Who writes produceLines/produceFile unless a call says otherwise. */
  producer: Producer
  /** Writes one message per line, without key, and resolves once all are acknowledged. */
  produceLines(topic: string, lines: readonly string[], o?: ProduceOptions): Promise<void>
  /** Writes one message per non-empty line of the file, without key. */
  produceFile(topic: string, path: string, o?: ProduceOptions): Promise<void>
  /** Stops the broker JVM as in an outage, keeping its data, users, offsets and ports. */
  pause(): Promise<void>
  /** Starts the paused broker again on the same address; resolves once it accepts clients. */
  resume(): Promise<void>
  /** Stops the broker and deletes `dir`; safe to call more than once. */
  stop(): Promise<void>
}

interface Live {
  dir: string
  env: NodeJS.ProcessEnv
}

const live = new Set<Live>()
let handlersInstalled = false

// Synchronous on purpose: an 'exit' listener cannot wait for promises.
function stopAllSync(): void {
  for (const b of live) {
    spawnSync('bash', [BROKER_SCRIPT, 'stop', '--dir', b.dir], { env: b.env, stdio: 'ignore' })
    live.delete(b)
  }
}

function installHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  process.once('exit', stopAllSync)
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      stopAllSync()
      // Only when nobody else (e.g. the test runner) handles the signal: re-raise it, so the
      // process still dies of it as it would have without this listener.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal)
        process.kill(process.pid, sig)
      }
    }
    process.on(sig, onSignal)
  }
}

/** Runs broker.sh; resolves with its stdout, rejects with its stderr's tail on failure. */
function runScript(
  args: string[],
  env: NodeJS.ProcessEnv,
  echoStderr: boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    // stdout is piped, never inherited: under tap a test's stdout is its TAP stream.
    const child = spawn('bash', [BROKER_SCRIPT, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d
      if (echoStderr) process.stderr.write(d)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out)
      else {
        const tail = err.trim().split('\n').slice(-40).join('\n')
        reject(new Error(`broker.sh ${args[0]} failed (${signal ?? code}):\n${tail}`))
      }
    })
  })
}

/** What t.teardown needs; a tap Test fits. */
export interface TeardownHost {
  teardown(fn: () => unknown): void
}

/** Starts a broker; `startBroker(t)` is short for `startBroker({ t })`. */
export async function startBroker(arg: BrokerOptions | TeardownHost = {}): Promise<TestBroker> {
  const opts: BrokerOptions = 'teardown' in arg ? { t: arg } : arg
  const username = opts.username ?? 'dnsledger'
  const password = opts.password ?? 'dnsledger-secret'
  const mechanism = opts.mechanism ?? 'scram-sha-256'
  const partitions = opts.partitions ?? 2
  const topics = opts.topics ?? SPAMHAUS_TOPICS
  const producer = opts.producer ?? (hasKcat() ? 'kcat' : 'java')
  const dir = mkdtempSync(join(tmpdir(), 'dnsledger-kafka-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DNSLEDGER_KAFKA_DIR: dir,
    DNSLEDGER_KAFKA_USER: username,
    DNSLEDGER_KAFKA_PASSWORD: password,
    DNSLEDGER_KAFKA_PARTITIONS: String(partitions),
    DNSLEDGER_KAFKA_TOPICS: topics.join(' '),
    // broker.sh's watchdog stops the broker if this process dies without running handlers.
    DNSLEDGER_KAFKA_PARENT_PID: String(process.pid),
    ...(opts.version ? { DNSLEDGER_KAFKA_VERSION: opts.version } : {}),
    ...(opts.keepLogs ? { DNSLEDGER_KAFKA_KEEP_LOGS: '1' } : {}),
  }
  const entry: Live = { dir, env }
  installHandlers()
  live.add(entry)

  let stopping: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopping ??= runScript(['stop', '--dir', dir], env, false).then(() => {
      live.delete(entry)
    })
    return stopping
  }
  // Registered before starting, so a start that fails half-way is cleaned up too.
  opts.t?.teardown(stop)

  let bootstrap: string
  try {
    // Progress (and the first run's Maven resolution) goes to stderr as it happens.
    bootstrap = (await runScript(['start', '--dir', dir], env, true)).trim()
  } catch (e) {
    await stop().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  if (!/^127\.0\.0\.1:\d+$/.test(bootstrap)) {
    await stop()
    throw new Error(`broker.sh start printed no bootstrap address: ${JSON.stringify(bootstrap)}`)
  }

  const pid = Number(readFileSync(join(dir, 'broker.pid'), 'utf8'))

  let fileNo = 0
  const produceFile = async (topic: string, path: string, o?: ProduceOptions): Promise<void> => {
    const penv = { ...env, DNSLEDGER_KAFKA_PRODUCER: o?.producer ?? producer }
    await runScript(['produce', '--dir', dir, topic, path], penv, false)
  }
  const produceLines = async (
    topic: string,
    lines: readonly string[],
    o?: ProduceOptions,
  ): Promise<void> => {
    for (const l of lines) {
      // Either would silently change the message count: kcat skips empty lines.
      if (l === '' || /[\r\n]/.test(l)) {
        throw new TypeError(`produceLines: empty or multi-line message ${JSON.stringify(l)}`)
      }
    }
    const path = join(dir, `lines-${process.pid}-${++fileNo}.txt`)
    writeFileSync(path, lines.map((l) => l + '\n').join(''))
    try {
      await produceFile(topic, path, o)
    } finally {
      rmSync(path, { force: true })
    }
  }

  const broker: TestBroker = {
    brokers: [bootstrap],
    username,
    password,
    mechanism,
    sasl: { mechanism, username, password },
    topics,
    partitions,
    dir,
    pid,
    producer,
    produceLines,
    produceFile,
    pause: async () => {
      await runScript(['pause', '--dir', dir], env, false)
    },
    resume: async () => {
      await runScript(['resume', '--dir', dir], env, true)
      broker.pid = Number(readFileSync(join(dir, 'broker.pid'), 'utf8'))
    },
    stop,
  }
  return broker
}

function hasKcat(): boolean {
  return spawnSync('bash', ['-c', 'command -v kcat'], { stdio: 'ignore' }).status === 0
}

/**
 * The API version ranges a broker advertises (ApiVersions v0, which a SASL listener answers
 * before authentication): apiKey -> [min, max]. For checking a client's protocol versions.
 */
export function brokerApiVersions(address: string): Promise<Map<number, [number, number]>> {
  const [host, port] = splitAddress(address)
  const clientId = Buffer.from('dnsledger-test')
  const req = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length)
  let o = req.writeInt32BE(req.length - 4, 0)
  o = req.writeInt16BE(18, o) // ApiVersions
  o = req.writeInt16BE(0, o)
  o = req.writeInt32BE(1, o) // correlation id
  o = req.writeInt16BE(clientId.length, o)
  clientId.copy(req, o)

  return new Promise((resolve, reject) => {
    const sock = connect({ host, port })
    let buf = Buffer.alloc(0)
    sock.on('connect', () => sock.write(req))
    sock.on('error', reject)
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d])
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return
      sock.destroy()
      const error = buf.readInt16BE(8)
      if (error !== 0) return reject(new Error(`ApiVersions error code ${error}`))
      const n = buf.readInt32BE(10)
      const out = new Map<number, [number, number]>()
      for (let i = 0, p = 14; i < n; i++, p += 6) {
        out.set(buf.readInt16BE(p), [buf.readInt16BE(p + 2), buf.readInt16BE(p + 4)])
      }
      resolve(out)
    })
  })
}

function splitAddress(address: string): [string, number] {
  const i = address.lastIndexOf(':')
  return [address.slice(0, i), Number(address.slice(i + 1))]
}
