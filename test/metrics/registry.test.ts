import t from 'tap'
import { Counter } from '../../src/metrics/counter.js'
import { Gauge } from '../../src/metrics/gauge.js'
import { Histogram } from '../../src/metrics/histogram.js'
import { Registry } from '../../src/metrics/registry.js'
import { ServiceMetrics } from '../../src/metrics/service-metrics.js'

t.test('a counter is written with HELP, TYPE and one line per label set', async (t) => {
  const counter = new Counter('x_messages_total', 'Messages\nseen, by \\ topic', ['topic'])
  counter.inc({ topic: 'a' })
  counter.inc({ topic: 'a' }, 2)
  counter.inc({ topic: 'say "hi"\n\\' })
  t.equal(counter.render(), '# HELP x_messages_total Messages\\nseen, by \\\\ topic\n' +
    '# TYPE x_messages_total counter\n' +
    'x_messages_total{topic="a"} 3\n' +
    'x_messages_total{topic="say \\"hi\\"\\n\\\\"} 1\n')
  t.throws(() => counter.inc({ topic: 'a' }, -1), RangeError, 'a counter never goes down')
  t.throws(() => counter.inc({ topik: 'a' }), TypeError, 'a misspelt label is refused')
  t.throws(() => counter.inc({}), TypeError, 'a missing label is refused')
})

t.test('a gauge holds the last value set, and reset drops its series', async (t) => {
  const gauge = new Gauge('x_lag', 'Lag', ['partition'])
  gauge.set({ partition: '0' }, 5)
  gauge.set({ partition: '0' }, 2)
  gauge.set({ partition: '1' }, Infinity)
  t.match(gauge.render(), /x_lag\{partition="0"\} 2\nx_lag\{partition="1"\} \+Inf\n$/)
  gauge.reset()
  t.equal(gauge.render(), '# HELP x_lag Lag\n# TYPE x_lag gauge\n')
})

t.test('a histogram writes cumulative buckets, +Inf, sum and count', async (t) => {
  const histogram = new Histogram('x_seconds', 'Time', [1, 0.1], ['route'])
  for (const value of [0.05, 0.1, 0.5, 3]) histogram.observe({ route: '/a' }, value)
  t.equal(histogram.render(), '# HELP x_seconds Time\n# TYPE x_seconds histogram\n' +
    'x_seconds_bucket{route="/a",le="0.1"} 2\n' +
    'x_seconds_bucket{route="/a",le="1"} 3\n' +
    'x_seconds_bucket{route="/a",le="+Inf"} 4\n' +
    'x_seconds_sum{route="/a"} 3.65\n' +
    'x_seconds_count{route="/a"} 4\n')
})

t.test('a registry runs its collectors before writing, and refuses a name twice', async (t) => {
  const registry = new Registry()
  const gauge = registry.register(new Gauge('x_size', 'Size'))
  let size = 1
  const stop = registry.collect(() => gauge.set({}, size++))
  t.match(registry.render(), /x_size 1\n/)
  t.match(registry.render(), /x_size 2\n/)
  stop()
  t.match(registry.render(), /x_size 2\n/, 'a removed collector no longer runs')
  t.throws(() => registry.register(new Gauge('x_size', 'again')))
})

t.test('every service metric has a unique name, help and a valid type line', async (t) => {
  const text = new ServiceMetrics().render()
  const types = /^# TYPE (\S+) (counter|gauge|histogram)$/gm
  const names = [...text.matchAll(types)].map((m) => m[1])
  t.ok(names.length >= 17, `${names.length} metrics`)
  t.equal(new Set(names).size, names.length)
  for (const name of names) t.match(name, /^dnsledger_[a-z_]+$/)
})
