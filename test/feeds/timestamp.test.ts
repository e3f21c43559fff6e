import t from 'tap'
import {
  checkEpochValue,
  FUTURE_SLACK_SECONDS,
  OLDEST_SECONDS,
  parseEpochText
} from '../../src/feeds/timestamp.js'

const NOW = 1_800_000_000

const text = (value: string) => {
  const result = parseEpochText(value, NOW)
  return result.ok ? result.seconds : result.code
}

const json = (value: unknown) => {
  const result = checkEpochValue(value, NOW)
  return result.ok ? result.seconds : result.code
}

t.test('text timestamps', (t) => {
  t.equal(text('1467690994'), 1467690994)
  t.equal(text('1467690994123'), 1467690994, 'milliseconds are floored to seconds')
  t.equal(text('0001467690994'), 1467690994, '13 characters, but seconds by value')
  t.equal(text(String(OLDEST_SECONDS)), OLDEST_SECONDS, '1990-01-01 is accepted')
  t.equal(text(String(OLDEST_SECONDS - 1)), 'timestamp_too_old')
  t.equal(text('0'), 'timestamp_too_old')
  t.equal(text(String(NOW + FUTURE_SLACK_SECONDS)), NOW + FUTURE_SLACK_SECONDS)
  t.equal(text(String(NOW + FUTURE_SLACK_SECONDS + 1)), 'timestamp_in_future')
  t.equal(text('999999999999'), 'timestamp_in_future', '12 digits: seconds, year 33658')
  t.equal(text('9999999999999'), 'timestamp_in_future', 'milliseconds, still ahead')
  for (const bad of ['', ' 1467690994', '-1467690994', '1467690994.0', '1.4e9', 'abc',
    '14676909941234', '１４６７６９０９９４', '1467690994\u0000']) {
    t.equal(text(bad), 'bad_timestamp', JSON.stringify(bad))
  }
  t.end()
})

t.test('reasons give the time in words', (t) => {
  const old = parseEpochText('599616000', NOW)
  t.equal(old.ok ? '' : old.reason, 'timestamp 599616000 (1989-01-01T00:00:00Z) is before 1990')
  const ahead = parseEpochText(String(NOW + 7200 * 24), NOW)
  const expected = /^timestamp 1800172800 \(2027-01-17T08:00:00Z\) is 48 hours/
  t.match(ahead.ok ? '' : ahead.reason, expected)
  const bad = parseEpochText('12a', NOW)
  t.equal(bad.ok ? '' : bad.reason, 'timestamp "12a" is not a whole number of seconds since 1970')
  t.end()
})

t.test('JSON Epoch values', (t) => {
  t.equal(json(1467690994), 1467690994)
  t.equal(json(1467690994999), 1467690994, 'milliseconds are floored')
  t.equal(json('1467690994'), 'bad_field_type', 'a string is not repaired')
  t.equal(json(null), 'bad_field_type')
  t.equal(json(undefined), 'missing_field')
  t.equal(json(1467690994.5), 'bad_timestamp')
  t.equal(json(-1), 'bad_timestamp')
  t.equal(json(1e13), 'bad_timestamp')
  t.equal(json(Number.NaN), 'bad_timestamp')
  t.equal(json(100), 'timestamp_too_old')
  t.equal(json(NOW + FUTURE_SLACK_SECONDS + 1), 'timestamp_in_future')
  t.end()
})
