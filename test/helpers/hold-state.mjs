// What a test and its held writer thread share (writer-hold.ts, held-writer.mjs): the point
// to act at, the action, the point reached, and the release flag, in one SharedArrayBuffer.
// Plain JavaScript, as the thread runs without the test runner's TypeScript loader.

export const IN_TRANSACTION = 1
export const COMMITTED = 2
export const HOLD = 1
/** The thread ends with process.exit(EXIT_CODE), as a thread that crashes. */
export const EXIT = 2
export const EXIT_CODE = 70

export const AT = 0
export const ACTION = 1
export const REACHED = 2
export const RELEASE = 3

/** Called by the thread at each point: acts if the test planned something there. */
export function reach (state, stage) {
  if (Atomics.compareExchange(state, AT, stage, 0) !== stage) return
  const action = Atomics.load(state, ACTION)
  Atomics.store(state, RELEASE, 0)
  Atomics.store(state, REACHED, stage)
  Atomics.notify(state, REACHED)
  if (action === EXIT) process.exit(EXIT_CODE)
  Atomics.wait(state, RELEASE, 0)
}
