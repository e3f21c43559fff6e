import t from 'tap'
import { waitIngested } from '../../bench/lib/ingest-run.js'

t.test('an ingest window stored before it could be timed is an error that says what to do',
  async (t) => {
    await t.rejects(waitIngested({ consumed: () => 500 }, 500, process.pid, 60_000),
      /ingest window of 500 messages was stored between two polls.*BENCH_INGEST_MESSAGES/)
  })

t.test('a window stored over several polls gives a rate', async (t) => {
  let consumed = 0
  const measure = await waitIngested({ consumed: () => (consumed += 100) }, 300, process.pid,
    60_000)
  t.ok(Number.isFinite(measure.rate) && measure.rate > 0, `rate ${measure.rate}`)
})
