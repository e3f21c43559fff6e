import t from 'tap'
import { buildApp } from '../../src/api/app.js'
import { metricsRoutes } from '../../src/api/routes/metrics-routes.js'
import { ServiceMetrics } from '../../src/metrics/service-metrics.js'
import Fastify from 'fastify'
import { testApp } from '../helpers/test-app.js'
import { tempStore } from '../helpers/temp-store.js'

t.test('GET /metrics answers in the Prometheus text format', async (t) => {
  const app = await testApp(t)
  const reply = await app.inject('/metrics')
  t.equal(reply.statusCode, 200)
  t.equal(reply.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8')
  t.match(reply.body, /^# HELP dnsledger_ingest_messages_consumed_total /m)
  t.match(reply.body, /^# TYPE dnsledger_http_request_duration_seconds histogram$/m)
})

t.test('every request is counted and timed by route pattern and status', async (t) => {
  const metrics = new ServiceMetrics()
  const app = Fastify()
  await app.register(metricsRoutes, { metrics })
  app.get('/v1/things/:name', async () => ({ ok: true }))
  t.teardown(() => app.close())
  await app.inject('/v1/things/a.example')
  await app.inject('/v1/things/b.example')
  await app.inject('/no/such/path')
  const text = (await app.inject('/metrics')).body
  const things = 'method="GET",route="/v1/things/:name",status="200"'
  t.ok(text.includes(`dnsledger_http_requests_total{${things}} 2\n`), 'counted by pattern')
  t.ok(text.includes(`dnsledger_http_request_duration_seconds_count{${things}} 2\n`), 'timed')
  t.ok(text.includes('dnsledger_http_requests_total{method="GET",route="unmatched",' +
    'status="404"} 1\n'), 'a path no route matches is counted once, as unmatched')
  t.notMatch(text, /a\.example/, 'never the URL itself: series stay bounded')
})

t.test('in the app, the hooks see the routes of every other plugin', async (t) => {
  const app = await buildApp({ store: tempStore(t), logger: false })
  t.teardown(() => app.close())
  await app.inject('/health')
  await app.inject('/v1/domains/example.com')
  const text = (await app.inject('/metrics')).body
  t.match(text, /dnsledger_http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]/)
  t.match(text, /route="\/v1\/domains\/:name"/)
})
