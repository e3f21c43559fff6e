/**
 * The service's store writer: a worker thread with its own connection to the database file, so
 * that a transaction of thousands of upserts never holds up the thread that answers HTTP. It
 * starts with the first write. Chunks are answered one at a time, in the order sent
 * (writer-protocol.ts); close lets those already sent finish, then the thread ends.
 *
 * A thread that ends unasked fails the writes in flight with STORE_WRITER_EXITED, a store
 * fault that ingest retries like a full disk (store-fault.ts), and the next write starts a new
 * thread. If the dead thread had committed a chunk before it could answer, the chunk's offsets
 * are in the store, and the retry is recognised and not written twice (batch-writer.ts).
 */
import { Worker } from 'node:worker_threads'
import { DnsledgerError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { MessageChunk } from './message-chunk.js'
import type { ChunkResult, StoreWriter } from './store-writer.js'
import {
  receivedError, type WriterReply, type WriterRequest, type WriterSettings
} from './writer-protocol.js'

const WORKER_ENTRY = new URL('./writer-worker.js', import.meta.url)

/** Another entry module that calls serveWrites (tests use one that can hold the thread). */
export interface WriterEntry {
  url: URL
  /** Given to the thread besides the settings. */
  data?: Record<string, unknown>
  /** Node's options for the thread (by default, the process's). */
  execArgv?: string[]
}

export interface WriterThreadOptions {
  path: string
  topicPrefix?: string
  logger: Logger
  entry?: WriterEntry
}

interface Pending {
  resolve: (result: ChunkResult) => void
  reject: (err: Error) => void
}

function ended (code: number, inFlight: number, cause: Error | undefined): DnsledgerError {
  const why = cause === undefined ? '' : `: ${cause.message}`

  return new DnsledgerError('STORE_WRITER_EXITED', `the store writer thread ended with exit ` +
    `code ${code}${why}, ${inFlight} writes in flight`, { exitCode: code })
}

export class WriterThread implements StoreWriter {
  readonly #options: WriterThreadOptions
  readonly #logger: Logger
  readonly #pending = new Map<number, Pending>()
  #worker: Worker | undefined
  #exited: Promise<void> = Promise.resolve()
  #cause: Error | undefined
  #nextId = 0
  #starts = 0
  #closing = false

  constructor (options: WriterThreadOptions) {
    this.#options = options
    this.#logger = options.logger.child({ component: 'writer' })
  }

  /** Writes sent and not answered yet. */
  get inFlight (): number {
    return this.#pending.size
  }

  write (chunk: MessageChunk): Promise<ChunkResult> {
    if (this.#closing) {
      return Promise.reject(new DnsledgerError('STORE_WRITER_EXITED',
        'the store writer is closed: the service is stopping'))
    }
    const worker = this.#worker ?? this.#start()
    const id = ++this.#nextId

    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.postMessage({ type: 'write', id, chunk } satisfies WriterRequest)
    })
  }

  async close (): Promise<void> {
    this.#closing = true
    this.#worker?.postMessage({ type: 'close' } satisfies WriterRequest)
    await this.#exited
  }

  #start (): Worker {
    const { path, topicPrefix = '', entry = { url: WORKER_ENTRY } } = this.#options
    const settings: WriterSettings = { path, topicPrefix }
    const worker = new Worker(entry.url, { workerData: { ...entry.data, ...settings },
      execArgv: entry.execArgv })
    if (++this.#starts > 1) this.#logger.info({ starts: this.#starts }, 'store writer restarted')
    worker.on('message', (reply: WriterReply) => this.#answer(reply))
    worker.on('error', (err) => { this.#cause = err })
    this.#exited = new Promise((resolve) => worker.once('exit', (code) => {
      this.#ended(worker, code)
      resolve()
    }))
    this.#worker = worker

    return worker
  }

  #answer (reply: WriterReply): void {
    if (reply.type === 'unusable') {
      this.#cause = receivedError(reply.error)
      this.#failAll(this.#cause)
      return
    }
    const pending = this.#pending.get(reply.id)
    this.#pending.delete(reply.id)
    if (reply.type === 'written') pending?.resolve(reply.result)
    else pending?.reject(receivedError(reply.error))
  }

  /** Node delivers every message a thread sent before its exit event. */
  #ended (worker: Worker, code: number): void {
    if (this.#worker === worker) this.#worker = undefined
    const cause = this.#cause
    this.#cause = undefined
    if (this.#closing && this.#pending.size === 0) return

    this.#logger.error({ exitCode: code, err: cause, inFlight: this.#pending.size },
      'store writer thread ended')
    this.#failAll(ended(code, this.#pending.size, cause))
  }

  #failAll (err: Error): void {
    const pending = [...this.#pending.values()]
    this.#pending.clear()
    for (const { reject } of pending) reject(err)
  }
}
