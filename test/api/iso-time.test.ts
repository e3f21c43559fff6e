/** Record times: the per-day shortcut writes exactly what a Date would. */
import t from 'tap'
import { isoTime } from '../../src/api/output/iso-time.js'

function viaDate (seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

t.test('every kind of time reads as a Date writes it', async (t) => {
  const times = [0, 1, 59, 60, 3599, 3600, 86_399, 86_400, -1, -86_401, 951_782_400,
    1_468_211_432, 1_700_000_000, 253_402_300_799, 253_402_300_800, -62_135_596_800,
    -62_135_596_801, 1.5]
  for (let i = 0; i < 2_000; i++) times.push(Math.floor(1_600_000_000 + i * 7_919.3))
  for (const seconds of times) t.equal(isoTime(seconds), viaDate(seconds), String(seconds))
})

t.test('the same second twice, and many days, give the same text each time', async (t) => {
  t.equal(isoTime(1_468_211_432), '2016-07-11T04:30:32Z')
  for (let day = 0; day < 5_000; day++) isoTime(day * 86_400)
  t.equal(isoTime(1_468_211_432), '2016-07-11T04:30:32Z')
})
