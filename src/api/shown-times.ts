/**
 * Times as read, for an answer's `query`: each in epoch seconds and, beside it, in ISO 8601
 * (`time_last_after_iso`), the pair every record shows. A relative fence, a zone offset or a
 * number meant as something else then shows the window that was searched, not what was sent.
 */
import type { TimeFences } from '../store/observation-queries.js'
import { isoTime } from './output/iso-time.js'
import { FENCE_PARAMS } from './request-params.js'

export type ShownTimes = Record<string, number | string>

/** Each time given, and its `_iso` twin; a time not given is left out. */
export function shownTimes (times: Record<string, number | undefined>): ShownTimes {
  const shown: ShownTimes = {}
  for (const [name, seconds] of Object.entries(times)) {
    if (seconds === undefined) continue
    shown[name] = seconds
    shown[`${name}_iso`] = isoTime(seconds)
  }

  return shown
}

/** The time fences under their query parameter names. */
export function shownFences (fences: TimeFences | undefined): ShownTimes {
  return shownTimes(Object.fromEntries(FENCE_PARAMS.map(([param, fence]) =>
    [param, fences?.[fence]])))
}
