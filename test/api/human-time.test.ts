import t from 'tap'
import { humanTimePlan } from '../../src/api/output/human-time.js'

const COLUMNS = ['rrname', 'first_seen', 'last_seen', 'first_seen_iso', 'last_seen_iso', 'count']

t.test('humantime writes each time once, as text, in the epoch field\'s place', async (t) => {
  const plan = humanTimePlan(COLUMNS)
  t.same(plan.columns, ['rrname', 'first_seen', 'last_seen', 'count'])
  t.same(plan.record({
    rrname: 'example.com.', first_seen: 1467700000, last_seen: 1467800000,
    first_seen_iso: '2016-07-05T06:26:40Z', last_seen_iso: '2016-07-06T10:13:20Z', count: 2
  }), {
    rrname: 'example.com.', first_seen: '2016-07-05T06:26:40Z',
    last_seen: '2016-07-06T10:13:20Z', count: 2
  })
})

t.test('an _iso column without its epoch twin is kept as it is', async (t) => {
  const plan = humanTimePlan(['id', 'noted_iso'])
  t.same(plan.columns, ['id', 'noted_iso'])
  t.same(plan.record({ id: 1, noted_iso: '2016-07-05T06:26:40Z' }),
    { id: 1, noted_iso: '2016-07-05T06:26:40Z' })
})

t.test('the _iso pairs are found once a stream, not again in each record', async (t) => {
  const plan = humanTimePlan(COLUMNS)
  const looked: string[] = []
  const record = new Proxy({ first_seen: 1, first_seen_iso: '1970-01-01T00:00:01Z' }, {
    ownKeys: (target) => {
      looked.push('keys')

      return Reflect.ownKeys(target)
    },
    has: (target, key) => {
      looked.push(String(key))

      return Reflect.has(target, key)
    }
  })
  t.equal(plan.record(record).first_seen, '1970-01-01T00:00:01Z')
  t.same(looked, [], 'read field by field, by the columns planned')
})
