import t from 'tap'
import { isRelativeTime, parseTime } from '../../src/api/request-params.js'
import { testApp } from '../helpers/test-app.js'
import { batchOf, obs } from '../helpers/temp-store.js'

const NOW = 1_800_000_000

t.test('ISO times take a lower-case t and z, as RFC 3339 allows', async (t) => {
  const expected = Date.UTC(2016, 6, 5, 12, 30, 15) / 1000
  for (const text of ['2016-07-05T12:30:15Z', '2016-07-05t12:30:15z', '2016-07-05t12:30:15Z',
    '2016-07-05T12:30:15z', '2016-07-05t12:30:15', '2016-07-05t14:30:15+02:00']) {
    t.equal(parseTime('since', text, NOW), expected, text)
  }
})

t.test('-0 is now, like every time with a minus, and pages from the first page\'s moment',
  async (t) => {
    t.equal(parseTime('time_last_after', '-0', NOW), NOW)
    t.equal(parseTime('time_last_after', '-00', NOW), NOW)
    t.ok(isRelativeTime('-0'))
    t.equal(parseTime('time_last_after', '0', NOW), 0)

    const app = await testApp(t, (store) => store.write(batchOf([
      obs('example.com.', 'A', '192.0.2.1', 1_467_700_000)
    ])))
    const after = await app.inject('/v1/domains/example.com?time_last_after=-0')
    t.same(after.json().records, [], 'nothing was last seen after now')
    const before = await app.inject('/v1/domains/example.com?time_last_before=-0')
    t.equal(before.json().records.length, 1, 'everything was last seen before now')
  })
