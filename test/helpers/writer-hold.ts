/**
 * Holds the writer thread of a test at a point of its choosing, or ends it there: inside the
 * transaction of a write (its rows written, nothing committed) or after the commit (nothing
 * answered yet). The thread runs held-writer.mjs, which calls reach() at both points; the test
 * and the thread share one SharedArrayBuffer, so the test learns that the point was reached
 * from the thread itself, never from a clock.
 */
import type { WriterEntry } from '../../src/ingest/writer-thread.js'
// @ts-expect-error: plain JavaScript, shared with the thread
import { ACTION, AT, REACHED, RELEASE } from './hold-state.mjs'

// @ts-expect-error: plain JavaScript, shared with the thread
export { COMMITTED, EXIT, EXIT_CODE, HOLD, IN_TRANSACTION } from './hold-state.mjs'

type WaitAsync = (array: Int32Array, index: number, value: number) =>
  { async: boolean, value: Promise<string> | string }

export class WriterHold {
  readonly state = new Int32Array(new SharedArrayBuffer(16))

  /** The thread's entry, with pragmas run on its connection when it opens (each new thread). */
  entry (pragmas: string[] = []): WriterEntry {
    return { url: new URL('./held-writer.mjs', import.meta.url),
      data: { hold: this.state, pragmas }, execArgv: [] }
  }

  /** The next time a write gets to `stage`, the thread does `action` there (once). */
  plan (stage: number, action: number): void {
    Atomics.store(this.state, REACHED, 0)
    Atomics.store(this.state, ACTION, action)
    Atomics.store(this.state, AT, stage)
  }

  /** Resolves once the thread is at the planned point (or has ended there). */
  async reached (stage: number): Promise<void> {
    const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync
    for (let seen = Atomics.load(this.state, REACHED); seen !== stage;
      seen = Atomics.load(this.state, REACHED)) {
      await waitAsync(this.state, REACHED, seen).value
    }
  }

  release (): void {
    Atomics.store(this.state, AT, 0)
    Atomics.store(this.state, RELEASE, 1)
    Atomics.notify(this.state, RELEASE)
  }
}
