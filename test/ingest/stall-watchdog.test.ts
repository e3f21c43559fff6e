import t from 'tap'
import { StallWatchdog } from '../../src/ingest/stall-watchdog.js'

function clock () {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

t.test('a consumer lagging with no progress for the timeout is declared stalled', async (t) => {
  const time = clock()
  const watchdog = new StallWatchdog(60_000, time.now)
  const lagging = { consuming: true, lag: 10n }
  time.advance(59_999)
  t.equal(watchdog.check(lagging), undefined)
  time.advance(1)
  t.equal(watchdog.check(lagging), 60_000, 'stalled, with how long')
  t.equal(watchdog.check(lagging), undefined, 'the clock starts again after a stall')
})

t.test('progress starts the clock again', async (t) => {
  const time = clock()
  const watchdog = new StallWatchdog(60_000, time.now)
  time.advance(50_000)
  watchdog.progress()
  time.advance(50_000)
  t.equal(watchdog.check({ consuming: true, lag: 1n }), undefined)
  time.advance(10_000)
  t.equal(watchdog.check({ consuming: true, lag: 1n }), 60_000)
})

t.test('an idle feed, a reconnect or a paused store is never a stall', async (t) => {
  const time = clock()
  const watchdog = new StallWatchdog(60_000, time.now)
  for (const state of [{ consuming: true, lag: 0n }, { consuming: false, lag: 5n }]) {
    time.advance(3_600_000)
    t.equal(watchdog.check(state), undefined)
  }
  time.advance(59_999)
  t.equal(watchdog.check({ consuming: true, lag: 5n }), undefined,
    'only time spent consuming with lag counts')
})
