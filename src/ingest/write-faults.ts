/**
 * One episode of failing store writes, from the first failure to the write that succeeds:
 * logged once when it starts (and again only if the cause changes), once when it ends, and
 * visible meanwhile in /ready and the metrics.
 */
import type { DnsledgerError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { ServiceMetrics } from '../metrics/service-metrics.js'

interface Episode {
  error: DnsledgerError
  since: number
  attempts: number
}

export class WriteFaults {
  readonly #logger: Logger
  readonly #metrics: ServiceMetrics
  readonly #now: () => number
  #episode: Episode | undefined

  constructor (logger: Logger, metrics: ServiceMetrics, now: () => number = Date.now) {
    this.#logger = logger
    this.#metrics = metrics
    this.#now = now
  }

  get active (): boolean {
    return this.#episode !== undefined
  }

  failed (error: DnsledgerError, nextTryMs: number): void {
    const code = String(error.context.code)
    this.#metrics.storeFailures.inc({ code })
    this.#metrics.storeFaulted.set({}, 1)
    const previous = this.#episode
    const since = previous?.since ?? this.#now()
    this.#episode = { error, since, attempts: (previous?.attempts ?? 0) + 1 }
    if (previous?.error.context.code === code) return

    this.#logger.error({ err: error, code, retryInMs: nextTryMs, ...error.context },
      'store write failed; ingest paused')
  }

  recovered (): void {
    const episode = this.#episode
    if (episode === undefined) return
    this.#episode = undefined
    this.#metrics.storeFaulted.set({}, 0)
    this.#logger.info({ attempts: episode.attempts, pausedMs: this.#now() - episode.since },
      'store writes recovered; ingest resumed')
  }

  /** For /ready: what fails, since when, how often it was tried. */
  detail (): string {
    const episode = this.#episode
    if (episode === undefined) return 'ingest writes succeed'
    const since = new Date(episode.since).toISOString()

    return `${episode.error.message} (since ${since}, ${episode.attempts} attempts)`
  }
}
