/**
 * Bounded exponential backoff for retrying a failed store write or restarting the consumer:
 * 0.5 s, 1 s, 2 s, ... up to a cap. No jitter: there is one consumer per process, so there is
 * no herd to spread, and tests can tell exactly how long a wait is.
 */
import { setTimeout as sleep } from 'node:timers/promises'

export const FIRST_BACKOFF_MS = 500

export function backoffMs (attempt: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempt, 0), 30)

  return Math.min(FIRST_BACKOFF_MS * 2 ** exponent, maxMs)
}

/** Waits `ms`, or less when `signal` aborts (on stop); never throws. */
export async function wait (ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true) return
  await sleep(ms, undefined, { signal }).catch(() => {})
}
