/**
 * The service starts without checking its schemas against the JSON Schema meta-schema (it is
 * slow to compile); this is where they are checked.
 */
import t from 'tap'
import { testApp } from '../helpers/test-app.js'

t.test('every route and shared schema is a valid JSON Schema', async (t) => {
  const app = await testApp(t, undefined, { checkSchemas: true })
  await t.resolves(async () => { await app.ready() })
  t.ok(app.hasRoute({ method: 'GET', url: '/v1/domains/:name' }))
})
