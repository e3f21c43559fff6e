/**
 * Loaded into the service by `--import` (loop-delay.ts): every 2 seconds, the delays of the
 * main thread's event loop in that window, on stderr. The writer thread is not watched.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { isMainThread } from 'node:worker_threads'

const WINDOW_MS = 2_000

if (isMainThread) {
  const delays = monitorEventLoopDelay({ resolution: 5 })
  delays.enable()
  setInterval(() => {
    const ms = (ns: number) => ns / 1e6
    process.stderr.write(`loop-delay ${JSON.stringify({ at: Date.now(),
      p99: ms(delays.percentile(99)), max: ms(delays.max) })}\n`)
    delays.reset()
  }, WINDOW_MS).unref()
}
