import t from 'tap'
import { waitPast } from '../../bench/lib/ingest-run.js'

t.test('waiting for ingest to move past a count ends whether or not it moves', async (t) => {
  let consumed = 10
  const moving = { consumed: () => consumed++ }
  t.equal(await waitPast(moving, 10, 60_000), true, 'it moved')

  // A window already consumed never moves again: the wait must give up, not hang the run.
  t.equal(await waitPast({ consumed: () => 20 }, 20, 100), false, 'it never moves')
})
