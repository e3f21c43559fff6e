/**
 * The writer thread's work: it opens its own connection to the store and writes each chunk it
 * is sent, in the order sent, answering each with the chunk's figures or the store's error,
 * until it is asked to close. It never migrates: the service's reader connection has brought
 * the schema up to date before this thread starts. It logs nothing; the service does.
 */
import type { MessagePort } from 'node:worker_threads'
import { Store } from '../store/store.js'
import { InlineWriter } from './inline-writer.js'
import { sendableError, type WriterReply, type WriterRequest, type WriterSettings }
  from './writer-protocol.js'

function reply (port: MessagePort, message: WriterReply): void {
  port.postMessage(message)
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
  port.on('message', (request: WriterRequest) => {
    if (request.type === 'close') {
      store.close()
      port.close()
      return
    }
    try {
      reply(port, { type: 'written', id: request.id, result: writer.writeNow(request.chunk) })
    } catch (err) {
      reply(port, { type: 'failed', id: request.id, error: sendableError(err) })
    }
  })
}
