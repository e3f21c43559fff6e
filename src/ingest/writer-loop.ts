/**
 * The writer thread's work: it opens its own connection to the store and writes the chunks it
 * is sent, in the order sent, answering each with the chunk's figures or the store's error,
 * until it is asked to close. It never migrates: the service's reader connection has brought
 * the schema up to date before this thread starts. It logs nothing; the service does.
 *
 * The chunks that arrive while a transaction runs (the consumer writes several partitions at
 * once) are written together in the next one, up to GROUP_MAX_MESSAGES: a random upsert costs
 * the page it dirties, and a page dirtied by many chunks is then written once, not once each.
 * Each chunk is still answered only once the transaction that holds it has committed.
 */
import { Worker, type MessagePort } from 'node:worker_threads'
import type { CheckpointSettings } from './checkpoint-worker.js'
import { Store } from '../store/store.js'
import { InlineWriter } from './inline-writer.js'
import { messageCount } from './message-chunk.js'
import { sendableError, type WriterReply, type WriterRequest, type WriterSettings }
  from './writer-protocol.js'

/** Messages of one group transaction; a single chunk above it is still written whole. */
export const GROUP_MAX_MESSAGES = 200_000

/** How often the checkpoint thread copies the write-ahead log into the database. */
const CHECKPOINT_INTERVAL_MS = 500

const CHECKPOINT_ENTRY = new URL('./checkpoint-worker.js', import.meta.url)

type WriteRequest = Extract<WriterRequest, { type: 'write' }>

/** Ends with this thread, or when sent any message. */
function startCheckpoints (path: string): Worker {
  const settings: CheckpointSettings = { path, intervalMs: CHECKPOINT_INTERVAL_MS }
  const worker = new Worker(CHECKPOINT_ENTRY, { workerData: settings, execArgv: [] })
  worker.unref()
  // A checkpoint thread that fails costs speed, not data: the writer still checkpoints.
  worker.on('error', () => {})

  return worker
}

function reply (port: MessagePort, message: WriterReply): void {
  port.postMessage(message)
}

/** The writes at the head of the queue that go in one transaction. */
function takeGroup (queue: WriterRequest[]): WriteRequest[] {
  const group: WriteRequest[] = []
  let messages = 0
  for (let head = queue[0]; head?.type === 'write'; head = queue[0]) {
    const size = messageCount(head.chunk)
    if (group.length > 0 && messages + size > GROUP_MAX_MESSAGES) break
    group.push(head)
    messages += size
    queue.shift()
  }

  return group
}

/** `opened` sees the store before the first write (tests hold or break the thread with it). */
export function serveWrites (port: MessagePort, settings: WriterSettings,
  opened?: (store: Store) => void): void {
  let store: Store
  try {
    store = Store.open(settings.path, { role: 'writer' })
    opened?.(store)
  } catch (err) {
    reply(port, { type: 'unusable', error: sendableError(err) })
    port.close()
    return
  }
  const writer = new InlineWriter(store, settings.topicPrefix)
  const checkpoints = startCheckpoints(settings.path)
  const queue: WriterRequest[] = []
  let scheduled = false

  const writeGroup = (group: WriteRequest[]): void => {
    const outcomes = writer.writeGroupNow(group.map((request) => request.chunk))
    group.forEach(({ id }, i) => {
      const outcome = outcomes[i] ?? { error: new Error('no outcome') }
      reply(port, 'result' in outcome
        ? { type: 'written', id, result: outcome.result }
        : { type: 'failed', id, error: sendableError(outcome.error) })
    })
  }

  // One group per turn of the event loop, so that what arrived meanwhile joins the next.
  const drain = (): void => {
    scheduled = false
    if (queue[0]?.type === 'close') {
      checkpoints.postMessage('close')
      store.close()
      port.close()
      return
    }
    const group = takeGroup(queue)
    if (group.length > 0) writeGroup(group)
    if (queue.length > 0) schedule()
  }

  const schedule = (): void => {
    if (scheduled) return
    scheduled = true
    setImmediate(drain)
  }

  port.on('message', (request: WriterRequest) => {
    queue.push(request)
    schedule()
  })
}
