/**
 * An ingest window: what the feed sends to a store that already holds observations
 * [0, stored). Most messages repeat a pair already stored (recent ones more often, as DNS
 * answers are re-observed while they are live); the rest are new observations, taken in
 * order from `firstNew`. Repeats carry a later time than the store has seen.
 */
import { hashIndex, mix, skewed } from './hash.js'
import { EPOCH, GROUP_SIZE, type GenObservation, type ObservationGenerator } from './generator.js'

export interface WindowSpec {
  /** Observations [0, stored) are in the store. */
  stored: number
  /** The first new observation index this window may use. */
  firstNew: number
  messages: number
  /** Percent of messages that repeat a stored pair. */
  repeatPercent: number
  /** Distinguishes windows of the same size. */
  salt: number
}

export interface WindowMessage {
  obs: GenObservation
  /** A new observation, and the first NS of its zone: may go on the new-domains topic. */
  newDomain: boolean
}

/** How many new observations a window takes, without generating it. */
export function newCount (spec: WindowSpec): number {
  let count = 0
  for (let j = 0; j < spec.messages; j++) {
    if (!isRepeat(spec, j)) count++
  }

  return count
}

function isRepeat (spec: WindowSpec, j: number): boolean {
  return spec.stored > 0 && hashIndex(j, spec.salt) % 100 < spec.repeatPercent
}

export function * windowMessages (gen: ObservationGenerator,
  spec: WindowSpec): Generator<WindowMessage> {
  let next = spec.firstNew
  const now = EPOCH + Math.ceil((spec.firstNew + spec.messages) / 20)
  for (let j = 0; j < spec.messages; j++) {
    const timeSeen = now + Math.floor(j / 20)
    if (isRepeat(spec, j)) {
      const back = skewed(mix(hashIndex(j, spec.salt), 1), spec.stored, 2)
      yield { obs: { ...gen.observation(spec.stored - 1 - back), timeSeen }, newDomain: false }
      continue
    }
    const index = next++
    const obs = gen.observation(index)
    const first = index % GROUP_SIZE === 0 && obs.rrtype === 'NS'
    yield { obs, newDomain: first && hashIndex(index, 30) % 8 === 0 }
  }
}
