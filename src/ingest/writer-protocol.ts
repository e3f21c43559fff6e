/**
 * The messages between the service and its writer thread. Requests are answered one at a
 * time, in the order they were sent; a close request is answered by the thread ending.
 * Errors cross as plain fields, since a structured clone keeps an error's message but not its
 * `code`, and the code is what decides whether a write is tried again (store-fault.ts).
 */
import { DnsledgerError, ERROR_CATALOGUE, isDnsledgerError, type ErrorCode } from '../errors.js'
import type { MessageChunk } from './message-chunk.js'
import type { ChunkResult } from './store-writer.js'

export interface WriterSettings {
  path: string
  topicPrefix: string
}

export type WriterRequest =
  | { type: 'write', id: number, chunk: MessageChunk }
  | { type: 'close' }

export interface SentError {
  name: string
  message: string
  code?: string
  context?: Record<string, unknown>
}

export type WriterReply =
  | { type: 'written', id: number, result: ChunkResult }
  | { type: 'failed', id: number, error: SentError }
  /** The thread could not open the store; it ends. */
  | { type: 'unusable', error: SentError }

export function sendableError (err: unknown): SentError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) }
  const code = (err as { code?: unknown }).code
  const sent: SentError = { name: err.name, message: err.message }
  if (typeof code === 'string') sent.code = code
  if (isDnsledgerError(err)) sent.context = JSON.parse(JSON.stringify(err.context))

  return sent
}

export function receivedError (sent: SentError): Error {
  if (sent.name === 'DnsledgerError' && sent.code !== undefined && sent.code in ERROR_CATALOGUE) {
    return new DnsledgerError(sent.code as ErrorCode, sent.message, sent.context)
  }
  const err = new Error(sent.message)
  err.name = sent.name

  return sent.code === undefined ? err : Object.assign(err, { code: sent.code })
}
